use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::MyIdProblem;
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// A myid file ZooKeeper cannot read as a number.
    ///
    /// ## What it finds
    /// A myid whose first line is empty, still holds Debian's placeholder text, starts with a byte
    /// order mark, has blanks around the number, or is not a number at all (`id=1`).
    ///
    /// ## Why it matters
    /// ZooKeeper reads only the first line, untrimmed, with `Long.parseLong` and refuses to start:
    /// `serverid 1  is not a number`. ZooKeeper 3.5+ reads the myid whenever the file exists, so a
    /// bad myid breaks even a standalone server; 3.4 reads it only in quorum mode (a warning
    /// otherwise).
    ///
    /// ## Severity
    /// An error where ZooKeeper reads the myid (3.5+, or any quorum-mode server); a warning for
    /// a 3.4 standalone server, which never reads it.
    ///
    /// ## How to fix
    /// Write the server id alone on the first line: `echo 1 > myid`.
    ///
    /// ## Example
    /// Debian's `/etc/zookeeper/conf/myid` left as `replace this text with the cluster-unique
    /// zookeeper's instance id (1-255)`.
    pub static INVALID_MYID = Rule {
        code: "ZK301",
        name: "invalid_myid",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(myid) = &zk.myid else { continue };
        let Some(problem) = myid.problem else {
            continue;
        };
        let text = &myid.first_line.value;
        let span = myid.first_line.span;
        let (message, label, help) = match problem {
            MyIdProblem::Templated => continue,
            MyIdProblem::Empty => (
                "myid file is empty".to_owned(),
                "no id on the first line",
                "write this server's id on the first line",
            ),
            MyIdProblem::Placeholder => (
                "myid still holds Debian's placeholder text".to_owned(),
                "placeholder",
                "replace the text with this server's id (1-255)",
            ),
            MyIdProblem::ByteOrderMark => (
                "myid starts with a byte order mark".to_owned(),
                "byte order mark",
                "save the file without a byte order mark, e.g. `echo 1 > myid`",
            ),
            MyIdProblem::Blanks => (
                format!("myid `{text}` has blanks around the number"),
                "blanks are not allowed",
                "remove the blanks; write only the number",
            ),
            MyIdProblem::NotANumber => (
                format!("myid `{text}` is not a number"),
                "not a number",
                "write only this server's id, e.g. `1`",
            ),
        };
        let read = zk.config.version >= ZkVersion::V3_5 || zk.is_quorum_mode();
        let f = Finding::new(message).primary(span, label).help(help);
        out.push(if read {
            f
        } else {
            f.severity(Severity::Warning)
        });
    }
    out
}
