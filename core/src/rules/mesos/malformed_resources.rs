use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;
use crate::source::Spanned;

declare_rule! {
    /// An agent `--attributes` or text `--resources` entry without exactly one `name:value`.
    ///
    /// ## What it finds
    /// `;`-separated entries of `--attributes` without a `:`, and entries of `--resources`
    /// (text form) with no `:` or with more than one outside brackets and braces.
    ///
    /// ## Why it matters
    /// A malformed attribute aborts the agent (`Invalid attribute key:value pair 'rack'`);
    /// malformed resources stop it with `Failed to determine agent resources: Bad value for
    /// resources, missing or extra ':' in ...`.
    ///
    /// ## How to fix
    /// Write `name:value` pairs separated by `;`, e.g. `rack:r1;zone:a` and
    /// `cpus:4;mem:8192;ports(*):[31000-32000]`.
    ///
    /// ## Example
    /// `--attributes=rack=r1`, `--resources=cpus=4`.
    pub static MALFORMED_RESOURCES = Rule {
        code: "MS113",
        name: "malformed_resources",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        for name in ["attributes", "resources"] {
            let Some(flag) = super::readable_flags(process).find(|f| f.spec.name == name) else {
                continue;
            };
            let value = &flag.value.value;
            if name == "resources" && value.trim_start().starts_with('[') {
                continue; // The JSON form; Mesos reads it only from a file anyway.
            }
            let mut offset = 0;
            for entry in value.split(';') {
                let at = offset;
                offset += entry.len() + 1;
                if entry.trim().is_empty() {
                    continue;
                }
                let colons = colons_outside_brackets(entry);
                let bad = match name {
                    "attributes" => colons == 0,
                    _ => colons != 1,
                };
                if bad {
                    let span = flag.value.sub_span(at, at + entry.len());
                    out.push(finding(&flag.display, Spanned::new(entry, span), name));
                }
            }
        }
    }
    out
}

fn colons_outside_brackets(entry: &str) -> usize {
    let mut depth = 0usize;
    let mut colons = 0;
    for c in entry.chars() {
        match c {
            '[' | '{' | '(' => depth += 1,
            ']' | '}' | ')' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => colons += 1,
            _ => {}
        }
    }
    colons
}

fn finding(display: &str, entry: Spanned<&str>, name: &str) -> Finding {
    let says = match name {
        "attributes" => format!("Invalid attribute key:value pair '{}'", entry.value),
        _ => format!(
            "Bad value for resources, missing or extra ':' in {}",
            entry.value
        ),
    };
    Finding::new(format!(
        "`{}` is not a `name:value` entry of `{display}`",
        entry.value
    ))
    .primary(entry.span, says)
    .help("write `name:value` entries separated by `;`")
}
