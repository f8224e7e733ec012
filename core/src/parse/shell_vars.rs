//! Shell and systemd variables whose value the file itself says, so that `QUORUM=1` followed by
//! `mesos-master --quorum=$QUORUM` is read as `--quorum=1`.
//!
//! Known: plain assignments in the order the script runs them (`X=1`, `export X=1`,
//! `readonly X=1`), `${X:-default}` and `${X-default}` when the file never sets `X`, and a
//! unit's `Environment=` lines. Unknown, on purpose: a variable set under a condition (`if`,
//! `case`, a loop, a function, after `&&`/`||`), from a command's output (`$(...)`), from the
//! positional parameters, or never set at all. An unknown value is never guessed: whatever uses
//! it stays unknown, as before. This module only resolves values; where the settings go is
//! the script parser's business.

use std::collections::BTreeMap;

use crate::source::Span;

/// The variables of one file, as far as the file says.
#[derive(Clone, Debug, Default)]
pub struct Vars {
    /// `None`: set in a way whose value depends on the outside.
    vars: BTreeMap<String, Option<Value>>,
    /// `set -a` is in force: every assignment is exported.
    pub export_all: bool,
    /// `MESOS_*` variables assigned but not (yet) exported: the daemon does not see them.
    pub unexported: Vec<crate::model::mesos::RawSetting>,
}

#[derive(Clone, Debug)]
struct Value {
    text: String,
    /// The assignment's value in the file, where a diagnostic about it points.
    span: Span,
}

/// What a text expands to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expansion {
    /// Every reference resolved: the text, and the spans of the assignments it took values
    /// from. `sole` is the assignment when the whole text is one reference (`$QUORUM`).
    Known {
        text: String,
        sources: Vec<Span>,
        sole: Option<Span>,
    },
    /// Some part depends on what the file does not say.
    Unknown,
}

impl Vars {
    /// Records `name=value`, whose value starts at `span` in the file. The value is expanded
    /// with what is known so far (`X=$Y`); `conditional` assignments make the variable unknown.
    pub fn assign(
        &mut self,
        name: &str,
        value: &str,
        expands: bool,
        span: Span,
        conditional: bool,
    ) {
        let known = if conditional {
            None
        } else if !expands {
            Some(Value {
                text: value.to_owned(),
                span,
            })
        } else {
            match self.expand(value) {
                Expansion::Known { text, sole, .. } => Some(Value {
                    text,
                    span: sole.unwrap_or(span),
                }),
                Expansion::Unknown => None,
            }
        };
        self.vars.insert(name.to_owned(), known);
    }

    /// Expands every `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME-default}` in `text`.
    pub fn expand(&self, text: &str) -> Expansion {
        let mut out = String::with_capacity(text.len());
        let mut sources = Vec::new();
        let mut references = 0;
        let mut rest = text;
        let mut literal = false;
        while let Some(at) = rest.find('$') {
            literal |= at > 0;
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let (reference, len) = match after.as_bytes().first() {
                Some(b'{') => match after.find('}') {
                    Some(close) => (&after[1..close], close + 1),
                    None => return Expansion::Unknown,
                },
                Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {
                    let len = after
                        .bytes()
                        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
                        .unwrap_or(after.len());
                    (&after[..len], len)
                }
                // `$(...)`, `$1`, `$@`, `$$`, a lone `$`: the outside decides.
                _ => return Expansion::Unknown,
            };
            references += 1;
            let (name, default) = split_default(reference);
            if !is_name(name) {
                return Expansion::Unknown;
            }
            match (self.vars.get(name), default) {
                (Some(Some(value)), _) => {
                    out.push_str(&value.text);
                    sources.push(value.span);
                }
                // Never set by the file: the default the file gives is what it says.
                (None, Some(default)) if !default.contains('$') && !default.contains('`') => {
                    out.push_str(default);
                }
                _ => return Expansion::Unknown,
            }
            rest = &after[len..];
        }
        literal |= !rest.is_empty();
        out.push_str(rest);
        // The text is one reference and nothing else: its value is the assignment's.
        let sole = (references == 1 && !literal && sources.len() == 1).then(|| sources[0]);
        Expansion::Known {
            text: out,
            sources,
            sole,
        }
    }
}

/// `X:-d` -> (`X`, Some(`d`)); `X-d` likewise; `X` -> (`X`, None). Other operators (`:=`, `:+`,
/// `#`, `%`) are reported as a name that is not one, so the value stays unknown.
fn split_default(reference: &str) -> (&str, Option<&str>) {
    if let Some((name, default)) = reference.split_once(":-") {
        return (name, Some(default));
    }
    match reference.split_once('-') {
        Some((name, default)) if is_name(name) => (name, Some(default)),
        _ => (reference, None),
    }
}

fn is_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn known(expansion: Expansion) -> Option<String> {
        match expansion {
            Expansion::Known { text, .. } => Some(text),
            Expansion::Unknown => None,
        }
    }

    #[test]
    fn values_the_file_says() {
        let mut map = SourceMap::new();
        let file = map.add("s", b"");
        let at = |n| Span::new(file, n, n + 1);
        let mut vars = Vars::default();
        vars.assign("QUORUM", "1", false, at(7), false);
        vars.assign("ZK", "zk://$HOST:2181/mesos", true, at(20), false);
        vars.assign("HOST", "10.0.0.1", false, at(30), false);
        vars.assign("MAYBE", "2", false, at(40), true);
        let got = vars.expand("$QUORUM");
        assert_eq!(
            got,
            Expansion::Known {
                text: "1".into(),
                sources: vec![at(7)],
                sole: Some(at(7))
            }
        );
        assert_eq!(known(vars.expand("${QUORUM}")).as_deref(), Some("1"));
        assert_eq!(known(vars.expand("${PORT:-5050}")).as_deref(), Some("5050"));
        assert_eq!(known(vars.expand("${QUORUM:-3}")).as_deref(), Some("1"));
        assert_eq!(
            known(vars.expand("zk://${HOST}:2181/mesos")).as_deref(),
            Some("zk://10.0.0.1:2181/mesos")
        );
        // ZK was set while HOST was still unset: unknown.
        assert_eq!(vars.expand("$ZK"), Expansion::Unknown);
        assert_eq!(vars.expand("$MAYBE"), Expansion::Unknown);
        assert_eq!(vars.expand("$UNSET"), Expansion::Unknown);
        assert_eq!(vars.expand("$(hostname)"), Expansion::Unknown);
        assert_eq!(vars.expand("$1"), Expansion::Unknown);
        assert_eq!(vars.expand("${PORT:=1}"), Expansion::Unknown);
        match vars.expand("$QUORUM$QUORUM") {
            Expansion::Known { sole, .. } => assert_eq!(sole, None),
            Expansion::Unknown => panic!("known"),
        }
    }
}
