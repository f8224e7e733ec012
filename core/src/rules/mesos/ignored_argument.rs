use crate::catalog::mesos;
use crate::diagnostic::{Finding, Severity};
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// An argument that Mesos skips without a word: single dash or stray word.
    ///
    /// ## What it finds
    /// Arguments of a `mesos-master` or `mesos-agent` invocation that do not start with `--`,
    /// such as `-zk=...` or a positional word.
    ///
    /// ## Why it matters
    /// Mesos ignores every argument that does not start with `--`. A flag written with one dash
    /// is silently dropped: `-zk=zk://...` leaves a master without ZooKeeper, running alone
    /// and electing itself leader.
    ///
    /// ## How to fix
    /// Write flags with two dashes; remove stray words.
    ///
    /// ## Example
    /// `mesos-master -zk=zk://10.0.0.1:2181/mesos -quorum=2`.
    pub static IGNORED_ARGUMENT = Rule {
        code: "MS005",
        name: "ignored_argument",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        match problem {
            MesosProblem::StrayWord { setting } => out.push(
                Finding::new(format!(
                    "`{}` is not a flag and is ignored",
                    setting.display
                ))
                .primary(setting.whole, "skipped by Mesos")
                .help("flags are written `--name=value`; remove the stray word"),
            ),
            MesosProblem::SingleDash { setting, role } => {
                let key = setting.key.split('=').next().unwrap_or("");
                let suggestion = if mesos::lookup(*role, key).is_some() {
                    Some(key)
                } else {
                    mesos::suggest(*role, key, ctx.settings.mesos)
                };
                let finding = Finding::new(format!(
                    "`{}` has a single dash and is ignored",
                    setting.display
                ))
                .primary(setting.whole, "skipped by Mesos without a word");
                out.push(match suggestion {
                    Some(name) => finding.help(format!("write `--{name}=...`")),
                    None => finding.help("Mesos reads only arguments that start with `--`"),
                });
            }
            _ => {}
        }
    }
    out
}
