use crate::catalog::zookeeper::{KeyClass, KeyType};
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// A boolean zoo.cfg value other than `true` or `false`.
    ///
    /// ## What it finds
    /// Values such as `yes`, `no`, `1` or `on` for boolean keys (`syncEnabled`,
    /// `quorumListenOnAllIPs`, `standaloneEnabled`, ...).
    ///
    /// ## Why it matters
    /// ZooKeeper 3.7+ refuses to start: `Invalid option yes for syncEnabled. Choose 'true' or
    /// 'false.'`; `standaloneEnabled` and `reconfigEnabled` are strict from 3.5. ZooKeeper 3.4 to
    /// 3.6 read every other boolean leniently: anything but `true` silently means false (reported
    /// as a warning there).
    ///
    /// ## Severity
    /// An error on ZooKeeper 3.7+, which refuses the value; a warning before 3.7, which
    /// silently reads it as false.
    ///
    /// ## How to fix
    /// Write `true` or `false`.
    ///
    /// ## Example
    /// `syncEnabled=yes`.
    pub static INVALID_BOOLEAN = Rule {
        code: "ZK105",
        name: "invalid_boolean",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let version = zk.config.version;
        for e in &zk.config.entries {
            let KeyClass::Parsed(info) = e.class else {
                continue;
            };
            if e.overridden || e.templated {
                continue;
            }
            let strict = match info.kind {
                KeyType::StrictBool => true,
                KeyType::Bool => version >= ZkVersion::V3_7,
                _ => continue,
            };
            let value = &e.value.value;
            if value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false") {
                continue;
            }
            let key = &e.key.value;
            let finding = if strict {
                Finding::new(format!(
                    "`{key}` value `{value}` is not `true` or `false`; ZooKeeper {version} refuses it"
                ))
                .primary(e.value.span, "not a boolean")
            } else {
                Finding::new(format!(
                    "`{key}` value `{value}` is not `true` or `false`; ZooKeeper {version} silently reads it as false"
                ))
                .primary(e.value.span, "read as false")
                .severity(Severity::Warning)
            };
            out.push(finding.help("write `true` or `false`"));
        }
    }
    out
}
