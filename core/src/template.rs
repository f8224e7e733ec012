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
    fn control_lines_are_not_config() {
        assert!(is_control_line("  {% for h in hosts %}"));
        assert!(is_control_line("<% if @x -%>"));
        assert!(!is_control_line("<%= @x %>"));
        assert!(!is_control_line(
            "server.{{ loop.index }}={{ h }}:2888:3888"
        ));
    }
}
