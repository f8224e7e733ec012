use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::FlagValue;
use crate::rules::Context;

declare_rule! {
    /// An `--ip` or `--advertise_ip` that is not an IPv4 address, or a loopback address.
    ///
    /// ## What it finds
    /// Host names and IPv6 addresses in `--ip` and `--advertise_ip`, and `--ip` on a loopback
    /// address (`127.x.x.x`).
    ///
    /// ## Why it matters
    /// Mesos only takes IPv4 literals there and refuses to start otherwise (`Failed to parse
    /// IP as either IPv4 or IPv6:master1`, `Currently we allow only IPv4 address to be specified
    /// with the `--ip` flag`). A loopback address starts, but no other machine can reach the
    /// daemon (a warning).
    ///
    /// ## Severity
    /// An error for a value that is not an IPv4 address; a warning for a loopback address,
    /// which Mesos accepts but other hosts cannot reach.
    ///
    /// ## How to fix
    /// Write the routable IPv4 address of the host; use `--hostname` for names.
    ///
    /// ## Example
    /// `--ip=master1.example.com`, `--ip=127.0.0.1` on a multi-host cluster.
    pub static INVALID_IP = Rule {
        code: "MS104",
        name: "invalid_ip",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for name in ["ip", "advertise_ip"] {
            let Some(flag) = process.flag(name).filter(|f| !f.unknown) else {
                continue;
            };
            let value = &flag.value.value;
            if value.is_empty() {
                continue;
            }
            match &flag.read {
                FlagValue::Invalid(why) => out.push(
                    Finding::new(format!(
                        "`{value}` is not an IPv4 address for `{}`",
                        flag.display
                    ))
                    .primary(flag.value.span, why.clone())
                    .help("write the host's IPv4 address; put names in `--hostname`"),
                ),
                FlagValue::Ip(ip) if ip.is_loopback() && name == "ip" => out.push(
                    Finding::new(format!(
                        "`{}` binds to the loopback address `{value}`",
                        flag.display
                    ))
                    .primary(flag.value.span, "unreachable from other hosts")
                    .help("write the address other hosts reach this one on")
                    .severity(Severity::Warning),
                ),
                _ => {}
            }
        }
    }
    out
}
