use crate::catalog::mesos::lookup;
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{ArgForm, Origin, SourceKind};
use crate::rules::Context;

declare_rule! {
    /// A `MESOS_*` variable in one daemon's own environment file that only the other daemon reads.
    ///
    /// ## What it finds
    /// A variable such as `MESOS_CONTAINERIZERS` (an agent flag) in `mesos-master.env` or
    /// `/etc/default/mesos-master`, or `MESOS_QUORUM` (a master flag) in the agent's file: a
    /// file written for one daemon, setting a flag that daemon does not have.
    ///
    /// ## Why it matters
    /// Mesos's flag loader reads every `MESOS_*` variable but only keeps the ones the daemon
    /// declares; the others are dropped without a message (`3rdparty/stout/include/stout/flags/flags.hpp`,
    /// `FlagsBase::load` skips unknown environment variables, where an unknown command-line
    /// flag is fatal). The setting was meant for the daemon the file configures, and has no
    /// effect: the containerizers, isolation or quorum it names are never applied. A file
    /// shared by both daemons (`/etc/default/mesos`, `mesos.env`) is not reported.
    ///
    /// ## How to fix
    /// Move the variable to the other daemon's environment file, or delete it.
    ///
    /// ## Example
    /// `MESOS_CONTAINERIZERS=docker,mesos` in `mesos-master.env`.
    pub static FLAG_FOR_OTHER_DAEMON = Rule {
        code: "MS010",
        name: "flag_for_other_daemon",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        let role = process.role;
        let own_files = process
            .sources
            .iter()
            .filter(|s| s.kind == SourceKind::EnvFile && s.role == Some(role));
        for source in own_files {
            for setting in &source.settings {
                if setting.origin != Origin::Env
                    || setting.form != ArgForm::Flag
                    || lookup(role, &setting.key).is_some()
                    || lookup(role.other(), &setting.key).is_none()
                {
                    continue;
                }
                out.push(
                    Finding::new(format!(
                        "`{}` is a mesos-{} flag: the {} ignores it",
                        setting.display,
                        role.other().as_str(),
                        role.as_str()
                    ))
                    .primary(
                        setting.name.span,
                        format!("not read by mesos-{}", role.as_str()),
                    )
                    .help(format!(
                        "move it to the {}'s environment file, or delete it",
                        role.other().as_str()
                    )),
                );
            }
        }
    }
    out
}
