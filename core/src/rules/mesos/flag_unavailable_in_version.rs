use crate::catalog::mesos::Availability;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A flag that the targeted Mesos release does not have yet, or no longer has.
    ///
    /// ## What it finds
    /// Flags added in a later release than the one meslint targets (`--mesos-version`), flags
    /// removed before it (`--containerizer_path` and `--default_container_image` went with the
    /// external containerizer in 1.1), and flags only found on the unreleased development
    /// branch after 1.11.
    ///
    /// ## Why it matters
    /// For that release the flag is unknown: on the command line Mesos refuses to start
    /// (`Failed to load unknown flag 'NAME'`); as a `MESOS_*` variable it is silently ignored.
    ///
    /// ## Severity
    /// An error for a command-line flag, which Mesos refuses; a warning for a `MESOS_*`
    /// variable, which it ignores.
    ///
    /// ## How to fix
    /// Remove the flag, or upgrade Mesos (and tell meslint the version you run).
    ///
    /// ## Example
    /// `--role_sorter=drf` on Mesos 1.6.
    pub static FLAG_UNAVAILABLE_IN_VERSION = Rule {
        code: "MS203",
        name: "flag_unavailable_in_version",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let version = ctx.settings.mesos;
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for flag in process.flags.values() {
            let why = match flag.written.availability(version) {
                Availability::Available => continue,
                Availability::NotYet(since) => format!("added in Mesos {since}"),
                Availability::Removed(gone) => format!("removed in Mesos {gone}"),
                Availability::Unreleased => "not in any Mesos release".to_owned(),
            };
            let env = flag.origin == crate::model::mesos::Origin::Env;
            let finding = Finding::new(format!(
                "`{}` does not exist in Mesos {version}",
                flag.display
            ))
            .primary(flag.name.span, why)
            .help("remove the flag, or target the Mesos version you run");
            out.push(if env {
                finding.severity(Severity::Warning)
            } else {
                finding
            });
        }
    }
    out
}
