use crate::diagnostic::{Finding, Severity};
use crate::model::problems::ConfigProblem;
use crate::rules::Context;

declare_rule! {
    /// A zoo.cfg or dynamic file that starts with a UTF-8 byte order mark.
    ///
    /// ## What it finds
    /// The three bytes `EF BB BF` that some Windows editors put at the start of a file.
    ///
    /// ## Why it matters
    /// ZooKeeper reads the file as ISO-8859-1, so the mark becomes part of the first key
    /// (`ï»¿tickTime`). That key is then unknown and silently ignored: the setting falls back to
    /// its default.
    ///
    /// ## How to fix
    /// Save the file without a byte order mark ("UTF-8", not "UTF-8 with BOM").
    ///
    /// ## Example
    /// A file whose first line `tickTime=2000` is read as the unknown key `ï»¿tickTime`; tickTime
    /// stays 3000.
    pub static BYTE_ORDER_MARK = Rule {
        code: "ZK002",
        name: "byte_order_mark",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.config {
        if let ConfigProblem::ByteOrderMark { span, first_key } = problem {
            let message = match first_key {
                Some(k) => format!(
                    "the file starts with a byte order mark, so ZooKeeper reads the first key as an unknown key instead of `{k}`"
                ),
                None => "the file starts with a byte order mark".to_owned(),
            };
            out.push(
                Finding::new(message)
                    .primary(*span, "byte order mark")
                    .help("save the file as UTF-8 without a byte order mark"),
            );
        }
    }
    out
}
