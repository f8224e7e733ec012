use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// The number of masters cannot be known, so `--quorum` was not checked against it.
    ///
    /// ## What it finds
    /// Exactly one master configuration with `--zk` (often one template shared by every
    /// master), and no `masters = N` in `meslint.toml`.
    ///
    /// ## Why it matters
    /// Whether `--quorum` is a safe majority depends on how many masters run it; meslint says
    /// so rather than guess.
    ///
    /// ## How to fix
    /// Lint every master's configuration together, or set `masters = N` in `meslint.toml`.
    ///
    /// ## Example
    /// Linting only `roles/mesos/templates/mesos-master.j2` with `--quorum={{ quorum }}`.
    pub static MASTER_COUNT_UNKNOWN = Rule {
        code: "CM106",
        name: "master_count_unknown",
        severity: Severity::Info,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let masters = ctx.masters();
    if !masters.count_unknown() {
        return Vec::new();
    }
    masters
        .found
        .iter()
        .filter(|(_, p)| p.is_set("zk"))
        .filter_map(|(host, p)| {
            let span = p.flag("quorum").map(|f| f.value.span).or(p.anchor)?;
            Some(
                Finding::new(format!(
                    "only one master configuration was found{}, so the number of masters is unknown",
                    // `.` is the directory linted, not a host name worth printing.
                    if host.name == "." {
                        String::new()
                    } else {
                        format!(" (on {})", host.name)
                    }
                ))
                .primary(span, "not checked against the number of masters")
                .help("lint all masters together, or set `masters = N` in meslint.toml"),
            )
        })
        .collect()
}
