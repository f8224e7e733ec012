use crate::catalog::zookeeper::KeyClass;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A zoo.cfg key that ZooKeeper accepts but that can have no effect.
    ///
    /// ## What it finds
    /// Keys that already start with `zookeeper.`, JVM-only properties such as `jute.maxbuffer` and
    /// `readonlymode.enabled`, and option labels from the administrator's guide
    /// (`connectionMaxTokens`) that are not the real property name.
    ///
    /// ## Why it matters
    /// Every key ZooKeeper does not parse becomes the system property `zookeeper.<key>`. A
    /// `zookeeper.`-prefixed key therefore becomes `zookeeper.zookeeper.<x>`, which nothing reads;
    /// JVM-only properties are read without the prefix, so zoo.cfg cannot set them; doc labels name
    /// no property at all. The setting silently keeps its default.
    ///
    /// ## How to fix
    /// Drop the `zookeeper.` prefix; pass JVM-only properties as `-D` flags (`SERVER_JVMFLAGS`);
    /// write the property name the help names instead of the doc label.
    ///
    /// ## Example
    /// `zookeeper.snapshot.trust.empty=true` does nothing; `snapshot.trust.empty=true` works.
    pub static INEFFECTIVE_KEY = Rule {
        code: "ZK102",
        name: "ineffective_key",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for e in &zk.config.entries {
            let key = &e.key.value;
            let finding = match e.class {
                KeyClass::ZookeeperPrefixed => {
                    let bare = key.strip_prefix("zookeeper.").unwrap_or(key);
                    Finding::new(format!(
                        "`{key}` sets the system property `zookeeper.{key}`, which nothing reads"
                    ))
                    .primary(e.key.span, "doubled `zookeeper.` prefix")
                    .help(format!("write `{bare}` without the `zookeeper.` prefix"))
                }
                KeyClass::JvmOnly => Finding::new(format!(
                    "`{key}` is a JVM system property that zoo.cfg cannot set"
                ))
                .primary(e.key.span, "no effect in zoo.cfg")
                .help(format!(
                    "pass `-D{key}=...` in the server's JVM flags (`SERVER_JVMFLAGS`) and delete this line"
                )),
                KeyClass::DocLabel(real) => Finding::new(format!(
                    "`{key}` is the administrator's guide label, not a key ZooKeeper reads"
                ))
                .primary(e.key.span, "doc label")
                .help(format!("write `{real}`")),
                _ => continue,
            };
            out.push(finding);
        }
    }
    out
}
