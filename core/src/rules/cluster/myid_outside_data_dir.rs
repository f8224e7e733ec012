use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// A myid file that is not in the directory ZooKeeper reads it from.
    ///
    /// ## What it finds
    /// In a host tree collected from a machine (`etc/zookeeper/conf/zoo.cfg`, `var/...`), a
    /// `myid` that is not at `<dataDir>/myid`, the only place ZooKeeper looks. Debian's layout is
    /// understood: its package links `/var/lib/zookeeper/myid` to `/etc/zookeeper/conf/myid`.
    ///
    /// ## Why it matters
    /// ZooKeeper reads `<dataDir>/myid` and nothing else: not the conf directory, not
    /// `dataLogDir`. A myid written elsewhere is never read; in quorum mode the server refuses to
    /// start with `myid file is missing` (3.5+) or `<dataDir>/myid file is missing` (3.4).
    ///
    /// ## How to fix
    /// Move the file into dataDir, or point dataDir at the directory that holds it.
    ///
    /// ## Example
    /// `dataDir=/srv/zookeeper` with the myid at `etc/zookeeper/conf/myid`.
    pub static MYID_OUTSIDE_DATA_DIR = Rule {
        code: "CZ106",
        name: "myid_outside_data_dir",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for myid in &ctx.cluster.problems.myids {
        out.push(
            Finding::new(format!(
                "`{}` is not in dataDir `{}`, so ZooKeeper never reads it",
                myid.path, myid.data_dir
            ))
            .primary(Span::point(myid.file, 0), "this myid is never read")
            .secondary(
                myid.data_dir_span,
                "ZooKeeper reads `myid` from this directory",
            )
            .help(format!(
                "move the file to `{}/myid`",
                myid.data_dir.trim_end_matches('/')
            )),
        );
    }
    out
}
