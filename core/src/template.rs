//! Recognises template placeholders (Jinja, ERB, Salt, shell variables) in configuration text.
//!
//! About a third of real config files are templates. A value holding a placeholder is unknown,
//! never wrong; a line that is a template control statement (`{% for %}`, `<% if %>`) is not a
//! line the daemon will ever read.

/// True when `text` holds a template placeholder: `{{ x }}`, `{% x %}`, `<%= x %>`, `${X}`,
/// `$X`, or a Salt/Ansible `{#`.
pub fn has_placeholder(text: &str) -> bool {
    text.contains("{{")
        || text.contains("{%")
        || text.contains("<%")
        || text.contains("{#")
        || has_shell_variable(text)
}

/// True for `$NAME`, `${NAME}` and `$(command)` / backticks, the shell forms of a value that is
/// only known when the script runs.
pub fn has_shell_variable(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        (b == b'$'
            && bytes
                .get(i + 1)
                .is_some_and(|&n| n == b'{' || n == b'(' || n == b'_' || n.is_ascii_alphabetic()))
            || b == b'`'
    })
}

/// True when the whole line is a template statement rather than configuration: `{% ... %}`,
/// `{# ... #}`, `<% ... %>` (but not `<%= ... %>`, which outputs a value), or `#{...}` Salt.
pub fn is_control_line(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("{%") && t.ends_with("%}"))
        || (t.starts_with("{#") && t.ends_with("#}"))
        || (t.starts_with("<%") && !t.starts_with("<%=") && t.ends_with("%>"))
}

/// The text with every branch of a template conditional but the first blanked out (spaces,
/// line breaks kept, so every byte offset still points at the same place): `{% if %}`/
/// `{% elif %}`/`{% else %}` in Jinja and Salt, `<% if %>`/`<% elsif %>`/`<% else %>` in ERB.
/// The branches are mutually exclusive, so values in two of them are one setting, not two, and
/// daemons in two of them are one daemon. `None` when the text has no such alternatives.
pub fn first_branches_only(text: &str) -> Option<String> {
    if !text.contains("{%") && !text.contains("<%") {
        return None;
    }
    // One entry per open block: whether it is a conditional now past its first branch.
    let mut blocks: Vec<(Block, bool)> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let hidden = blocks.iter().any(|(_, later)| *later);
        let tag = is_control_line(line).then(|| control_tag(line)).flatten();
        match tag {
            Some(Tag::Open(block)) => blocks.push((block, false)),
            Some(Tag::Branch) => {
                if let Some((Block::If, later)) = blocks.last_mut() {
                    *later = true;
                }
            }
            Some(Tag::Close(block)) => {
                // `end` closes any ERB block; `endif`/`endfor` close their own kind.
                if let Some(at) = blocks.iter().rposition(|(b, _)| block.closes(*b)) {
                    blocks.truncate(at);
                }
            }
            None => {}
        }
        if hidden && !matches!(tag, Some(Tag::Close(_))) {
            changed = true;
            // Byte for byte, so that the length and every offset stay the same.
            out.extend(line.bytes().map(|b| match b {
                b'\n' | b'\r' => b as char,
                _ => ' ',
            }));
        } else {
            out.push_str(line);
        }
    }
    changed.then_some(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    If,
    Other,
    /// ERB's `end`, which closes whatever is open.
    Any,
}

impl Block {
    fn closes(self, open: Block) -> bool {
        self == Block::Any || self == open
    }
}

enum Tag {
    Open(Block),
    Branch,
    Close(Block),
}

/// What a whole-line control statement does to the block structure.
fn control_tag(line: &str) -> Option<Tag> {
    let t = line.trim();
    let body = t
        .strip_prefix("{%")
        .and_then(|b| b.strip_suffix("%}"))
        .or_else(|| t.strip_prefix("<%").and_then(|b| b.strip_suffix("%>")))?;
    let body = body.trim_matches(|c: char| c == '-' || c == '+' || c == '~' || c.is_whitespace());
    let word = body.split_whitespace().next().unwrap_or("");
    Some(match word {
        "if" | "unless" => Tag::Open(Block::If),
        "elif" | "elsif" | "else" => Tag::Branch,
        "endif" | "endunless" => Tag::Close(Block::If),
        "end" | "end;" => Tag::Close(Block::Any),
        w if w.starts_with("end") => Tag::Close(Block::Other),
        "for" | "macro" | "block" | "with" | "filter" | "call" | "case" | "while" | "raw" => {
            Tag::Open(Block::Other)
        }
        _ if body.ends_with(" do") || body.contains(" do |") => Tag::Open(Block::Other),
        _ => return None,
    })
}

/// True when the text looks like a template file (any placeholder or control line).
pub fn is_template(text: &str) -> bool {
    text.contains("{{")
        || text.contains("{%")
        || text.contains("<%")
        || text.lines().any(is_control_line)
}

/// The byte range of the first line that shows the text is a template (without its line
/// break), for pointing at it; `None` when [`is_template`] is false.
pub fn first_template_line(text: &str) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.contains("{{")
            || body.contains("{%")
            || body.contains("<%")
            || is_control_line(body)
        {
            return Some(start..start + body.len());
        }
        start += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_template_line_skips_plain_lines() {
        let cases = [
            ("a=1\nb={{ x }}\n", Some(4..13)),
            ("{% for h in hs %}\r\n", Some(0..17)),
            ("a=1\nb=2\n", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(first_template_line(text), expected, "{text:?}");
        }
    }

    #[test]
    fn placeholders_of_every_engine() {
        for text in [
            "{{ zk_port }}",
            "{% if x %}",
            "<%= @quorum %>",
            "${ZK_HOSTS}",
            "$ZK",
            "$(cat /etc/mesos/zk)",
            "`cat f`",
        ] {
            assert!(has_placeholder(text), "{text}");
        }
        for text in ["2181", "zk://a:2181/mesos", "price $5", "a$"] {
            assert!(!has_placeholder(text), "{text}");
        }
    }

    #[test]
    fn only_the_first_branch_of_a_conditional_is_kept() {
        let jinja = "{% if ha %}\nQ=2\n{% elif x %}\nQ=3\n{% else %}\nQ=1\n{% endif %}\nW=é\n";
        let kept = first_branches_only(jinja).expect("has branches");
        assert_eq!(kept.len(), jinja.len());
        assert!(kept.contains("Q=2") && !kept.contains("Q=3") && !kept.contains("Q=1"));
        assert!(kept.ends_with("{% endif %}\nW=é\n"), "{kept:?}");
        assert_eq!(kept.find("W="), jinja.find("W="));
        let erb = "<% if @ha -%>\nexec a\n<% @hosts.each do |h| %>\nx\n<% end %>\n<% else -%>\nexec b\n<% end -%>\nexec c\n";
        let kept = first_branches_only(erb).expect("has branches");
        assert!(kept.contains("exec a") && !kept.contains("exec b") && kept.contains("exec c"));
        assert!(first_branches_only("{% for h in hosts %}\nx\n{% endfor %}\n").is_none());
        assert!(first_branches_only("a=1\n").is_none());
    }

    #[test]
    fn control_lines_are_not_config() {
        assert!(is_control_line("  {% for h in hosts %}"));
        assert!(is_control_line("<% if @x -%>"));
        assert!(!is_control_line("<%= @x %>"));
        assert!(!is_control_line(
            "server.{{ loop.index }}={{ h }}:2888:3888"
        ));
    }
}
