use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A suppression that suppresses nothing.
    ///
    /// ## What it finds
    /// A `# meslint: ignore[CODE]` comment with no finding of that code on the line after it,
    /// and a `[per-path]` entry of `meslint.toml` whose glob and codes match no finding.
    ///
    /// ## Why it matters
    /// The finding was fixed, or the comment sits on the wrong line or names the wrong code; a
    /// stale suppression would hide the next real finding there, and a misplaced one hides
    /// nothing while the author believes it does.
    ///
    /// ## How to fix
    /// Remove the comment or entry, or move it to the line just before the finding it means.
    ///
    /// ## Example
    /// `# meslint: ignore[ZK104]` above a `tickTime=2000` that is correct.
    pub static UNUSED_SUPPRESSION = Rule {
        code: "ML007",
        name: "unused_suppression",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

/// Whether a suppression was used is known only once every rule has run: `policy::Policy`
/// raises these findings after the rules (`Policy::unused`), so the check finds nothing.
fn check(_: &Context<'_>) -> Vec<Finding> {
    Vec::new()
}
