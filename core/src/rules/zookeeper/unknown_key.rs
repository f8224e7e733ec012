use crate::catalog::zookeeper::{KeyClass, suggest};
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::{missing_server_prefix, servers};
use crate::template::has_placeholder;

declare_rule! {
    /// A zoo.cfg key that no part of ZooKeeper reads.
    ///
    /// ## What it finds
    /// A key that is neither parsed by ZooKeeper's config reader nor a known pass-through property:
    /// a typo, a key in the wrong case (`clientport`), or a setting from another product. meslint
    /// suggests the closest known key.
    ///
    /// ## Why it matters
    /// ZooKeeper never rejects an unknown key: it turns it into the JVM system property
    /// `zookeeper.<key>` and goes on. The setting the author meant keeps its default, silently. A
    /// wrong-case `clientport` on 3.5+ leaves the server with no client port at all.
    ///
    /// ## How to fix
    /// Fix the spelling (keys are case-sensitive), or delete the line.
    ///
    /// ## Example
    /// `ticktime=2000` is ignored; tickTime stays 3000.
    pub static UNKNOWN_KEY = Rule {
        code: "ZK101",
        name: "unknown_key",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for e in &zk.config.entries {
            // A placeholder in the value leaves the key as written: `synclimit={{ x }}` is still a
            // key ZooKeeper never reads. Only a placeholder in the key itself hides it.
            if e.class != KeyClass::Unknown
                || has_placeholder(&e.key.value)
                || missing_server_prefix(e)
            {
                continue;
            }
            let key = &e.key.value;
            if key.starts_with(['\u{feff}', '\u{ef}']) {
                // Reported as a byte order mark.
                continue;
            }
            if key.is_empty() {
                out.push(
                    Finding::new("line has an empty key")
                        .primary(
                            e.key.span.cover(e.value.span),
                            "no key before the separator",
                        )
                        .help("write the line as `key=value`"),
                );
                continue;
            }
            let version = zk.config.version;
            // A quorum limit in the wrong case is reported as the missing limit it leaves.
            if ["initLimit", "syncLimit"].iter().any(|limit| {
                super::missing_quorum_limits::misspelt(zk, limit)
                    .is_some_and(|m| std::ptr::eq(m, e))
            }) {
                continue;
            }
            let finding = match suggest(key) {
                Some(known) if known.eq_ignore_ascii_case(key) => Finding::new(format!(
                    "`{key}` is not a key ZooKeeper {version} reads: keys are case-sensitive"
                ))
                .primary(e.key.span, "wrong case")
                .help(format!("write `{known}`")),
                Some(known) => Finding::new(format!(
                    "`{key}` is not a key ZooKeeper {version} reads; it only sets the system property `zookeeper.{key}`"
                ))
                .primary(e.key.span, "unknown key")
                .help(format!("did you mean `{known}`?")),
                None => Finding::new(format!(
                    "`{key}` is not a key ZooKeeper {version} reads; it only sets the system property `zookeeper.{key}`"
                ))
                .primary(e.key.span, "unknown key")
                .help("check the spelling against the ZooKeeper administrator's guide, or delete the line"),
            };
            out.push(finding);
        }
    }
    out
}
