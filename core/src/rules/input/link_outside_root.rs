use crate::diagnostic::{Finding, Severity};
use crate::model::problems::InputProblem;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// A symbolic link in the tree that points outside it.
    ///
    /// ## What it finds
    /// A link, met while walking a directory, whose target lies outside the directory given to
    /// meslint: `etc/zookeeper/conf -> /etc/alternatives/zookeeper-conf` in a tree collected
    /// from a Debian machine, or `mesos-master.env -> /home/me/secrets.env`.
    ///
    /// ## Why it matters
    /// On the machine the tree came from, the link reads that machine's file; followed here, it
    /// would read the checking machine's file instead and lint it as the host's. meslint does
    /// not follow it, so what the link stands for is not checked.
    ///
    /// ## How to fix
    /// Put the file the link stands for into the tree (Debian's `conf_example/` is read as the
    /// ZooKeeper conf directory), or pass `--follow-links` when the targets on this machine are
    /// the ones to check.
    ///
    /// ## Example
    /// `node1/etc/zookeeper/conf -> /etc/alternatives/zookeeper-conf`.
    pub static LINK_OUTSIDE_ROOT = Rule {
        code: "ML006",
        name: "link_outside_root",
        severity: Severity::Info,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.inputs {
        if let InputProblem::LinkOutsideRoot { file, path, target } = problem {
            out.push(
                Finding::new(format!(
                    "`{path}` links to `{target}`, outside the tree: not read"
                ))
                .primary(Span::point(*file, 0), "link out of the tree")
                .help(
                    "copy what it points to into the tree, or pass --follow-links \
                     to read it from this machine",
                ),
            );
        }
    }
    out
}
