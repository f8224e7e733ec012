use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A pass-through setting whose value ZooKeeper reads differently than it looks.
    ///
    /// ## What it finds
    /// `admin.enableServer` written as `False`, `no` or `0`; non-numeric `admin.serverPort`,
    /// `admin.idleTimeout` or `admin.httpVersion`; `leaderServes` or `forceSync` turned off with
    /// anything but `no`; `skipACL` turned on with anything but `yes`; admin booleans other than
    /// `true`; and an `ssl.clientAuth` other than `need`, `want` or `none` (an error: TLS setup
    /// fails at startup).
    ///
    /// ## Why it matters
    /// These keys are read by code with loose rules: the AdminServer is disabled only by exactly
    /// `false`, so `False` leaves it listening on 8080; a non-numeric admin port silently falls
    /// back to 8080; `forceSync=false` keeps fsync on. Nothing is logged.
    ///
    /// ## Severity
    /// A warning; an error for an `ssl.clientAuth` value that makes TLS setup fail at startup.
    ///
    /// ## How to fix
    /// Use the exact value the help names.
    ///
    /// ## Example
    /// `admin.enableServer=False` leaves the AdminServer on port 8080.
    pub static MISREAD_PASSTHROUGH_VALUE = Rule {
        code: "ZK119",
        name: "misread_passthrough_value",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for e in &zk.config.entries {
            if e.overridden || e.templated {
                continue;
            }
            let key = e.key.value.as_str();
            let value = e.value.value.as_str();
            let looks_off = ["false", "no", "0", "off", "disabled"]
                .iter()
                .any(|v| value.eq_ignore_ascii_case(v));
            let looks_on = ["true", "yes", "1", "on", "enabled"]
                .iter()
                .any(|v| value.eq_ignore_ascii_case(v));
            let (message, label, help) = match key {
                "admin.enableServer" if looks_off && value != "false" => (
                    format!(
                        "`admin.enableServer` `{value}` leaves the AdminServer on: only exactly `false` disables it"
                    ),
                    "AdminServer stays on",
                    "write `admin.enableServer=false`",
                ),
                "admin.serverPort" | "admin.idleTimeout" | "admin.httpVersion"
                    if e.int.is_none() =>
                {
                    (
                        format!(
                            "`{key}` `{value}` is not a number, so ZooKeeper silently uses the default"
                        ),
                        "ignored",
                        "write a whole number",
                    )
                }
                "leaderServes" | "forceSync" if looks_off && value != "no" => (
                    format!(
                        "`{key}` `{value}` keeps the feature on: only exactly `no` turns it off"
                    ),
                    "read as yes",
                    "write `no` to turn it off",
                ),
                "skipACL" if looks_on && value != "yes" => (
                    format!(
                        "`skipACL` `{value}` leaves ACL checks on: only exactly `yes` skips them"
                    ),
                    "read as no",
                    "write `yes` to skip ACL checks",
                ),
                "admin.portUnification" | "admin.forceHttps" | "admin.needClientAuth"
                    if looks_on && !value.eq_ignore_ascii_case("true") =>
                {
                    (
                        format!("`{key}` `{value}` is read as false: only `true` turns it on"),
                        "read as false",
                        "write `true`",
                    )
                }
                "ssl.clientAuth" | "ssl.quorum.clientAuth"
                    if !["need", "want", "none"]
                        .iter()
                        .any(|v| value.eq_ignore_ascii_case(v)) =>
                {
                    out.push(
                        Finding::new(format!(
                            "`{key}` `{value}` is not `need`, `want` or `none`; TLS setup fails at startup"
                        ))
                        .primary(e.value.span, "unknown client auth mode")
                        .help("write `need`, `want` or `none`")
                        .severity(Severity::Error),
                    );
                    continue;
                }
                _ => continue,
            };
            out.push(
                Finding::new(message)
                    .primary(e.value.span, label)
                    .help(help),
            );
        }
    }
    out
}
