use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A dynamic config file whose name ends in a word ZooKeeper reads as a hex version.
    ///
    /// ## What it finds
    /// A dynamic file name whose text after the last `.` is hexadecimal but not a number ZooKeeper
    /// wrote, such as `zoo.cfg.dynamic.dead`, `.bad`, `.cafe` or `.dec`.
    ///
    /// ## Why it matters
    /// ZooKeeper takes the config version from the file name's last `.` suffix read as hex. A
    /// suffix that happens to be hex becomes a version (`.dead` is 0xdead): reconfigurations then
    /// compare against it, and the next file ZooKeeper writes is named after a version derived from
    /// it.
    ///
    /// ## How to fix
    /// Name the file `zoo.cfg.dynamic` (version 0) or `zoo.cfg.dynamic.<hex version>` as ZooKeeper
    /// writes it.
    ///
    /// ## Example
    /// `dynamicConfigFile=/etc/zookeeper/zoo.cfg.dynamic.bad`.
    pub static DYNAMIC_VERSION_FROM_NAME = Rule {
        code: "ZK404",
        name: "dynamic_version_from_name",
        severity: Severity::Info,
        applies_to: "ZooKeeper 3.5+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(d) = &zk.dynamic else { continue };
        let base = d
            .file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&d.file_name);
        let Some((_, suffix)) = base.rsplit_once('.') else {
            continue;
        };
        if d.version == 0 || suffix.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let span = zk
            .config
            .dynamic_config_file
            .as_ref()
            .map_or(d.end, |s| s.span);
        out.push(
            Finding::new(format!(
                "dynamic file name `{base}` ends in `.{suffix}`, which ZooKeeper reads as config version 0x{:x}",
                d.version
            ))
            .primary(span, "version taken from the name")
            .help("name the file `zoo.cfg.dynamic` or `zoo.cfg.dynamic.<hex version>`"),
        );
    }
    out
}
