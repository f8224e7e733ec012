use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::MyIdProblem;
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A myid file with more than one line.
    ///
    /// ## What it finds
    /// Text after the first line of a myid file.
    ///
    /// ## Why it matters
    /// ZooKeeper reads only the first line; the rest is ignored. A second id (from `echo 2 >>
    /// myid`) suggests the file was written twice and may not say what its author thinks.
    ///
    /// ## How to fix
    /// Keep only the id: `echo 1 > myid` (one `>`).
    ///
    /// ## Example
    /// A myid holding `1` and `2` on two lines.
    pub static MYID_EXTRA_LINES = Rule {
        code: "ZK304",
        name: "myid_extra_lines",
        severity: Severity::Info,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(myid) = &zk.myid else { continue };
        if myid.problem == Some(MyIdProblem::Templated) {
            continue;
        }
        let Some(extra) = myid.extra_lines else {
            continue;
        };
        out.push(
            Finding::new("myid has more than one line; ZooKeeper reads only the first")
                .primary(extra, "ignored")
                .secondary(myid.first_line.span, "the id ZooKeeper uses")
                .help("keep only the id, e.g. `echo 1 > myid`"),
        );
    }
    out
}
