//! Finds the values of secret-looking settings in any text meslint reads, so that they are
//! masked before anything is shown: snippets print the lines around a finding, and a
//! `AWS_SECRET_ACCESS_KEY=...` next to a `MESOS_QUORUM` must not reach a CI log.
//!
//! A setting is secret-looking when its name holds `PASSWORD`, `PASSWD`, `SECRET`, `TOKEN` or
//! `CREDENTIAL`, or ends in `KEY` (`_KEY`, `.key`, `-key`), in any case. The value is what
//! follows `=` (shell, env, properties, systemd, JAAS) or `: ` (YAML), up to the end of the
//! quoted string, else of the word (`=`) or the line (`:`). References (`$X`, `{{ x }}`) are
//! not secrets and stay. This module only finds byte ranges; the parsers of each format push
//! the spans of the values they know more precisely (zk digest credentials, `--credentials`).

use std::ops::Range;

/// True when a setting of this name holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIAL"]
        .iter()
        .any(|word| upper.contains(word))
        || upper == "KEY"
        || ["_KEY", ".KEY", "-KEY", "APIKEY", "ACCESSKEY"]
            .iter()
            .any(|end| upper.ends_with(end))
}

/// True when a file's name says all of it is secret: a Mesos `credentials` file (`principal
/// secret` lines, or JSON), `*.passwd`, `*.htpasswd`, `secrets.env`. Its every line is masked.
pub fn is_secret_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    is_secret_name(stem)
        || name
            .rsplit('.')
            .next()
            .is_some_and(|ext| name.contains('.') && is_secret_name(ext))
}

/// The byte ranges of every line's text (without its indentation and line end): all of a
/// secret file.
pub fn whole_lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let start = body.len() - body.trim_start().len();
        let end = body.trim_end().len();
        if end > start {
            out.push(offset + start..offset + end);
        }
        offset += line.len();
    }
    out
}

/// The byte ranges of secret values in `text`.
pub fn secret_values(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        scan_line(line, offset, &mut out);
        offset += line.len();
    }
    out
}

fn scan_line(line: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    let bytes = line.as_bytes();
    let is_name_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-');
    let mut i = 0;
    while i < bytes.len() {
        if !is_name_byte(bytes[i]) || (i > 0 && is_name_byte(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_name_byte(bytes[i]) {
            i += 1;
        }
        let name = line[start..i].trim_start_matches('-');
        // `NAME=`, `NAME: `, `"NAME": ` (JSON and YAML keys in quotes).
        let mut j = i;
        if bytes.get(j) == Some(&b'"') || bytes.get(j) == Some(&b'\'') {
            j += 1;
        }
        let yaml = match bytes.get(j) {
            Some(b'=') => false,
            Some(b':') if bytes.get(j + 1).is_none_or(|b| b.is_ascii_whitespace()) => true,
            _ => continue,
        };
        j += 1;
        if !is_secret_name(name) {
            continue;
        }
        while bytes.get(j).is_some_and(|b| *b == b' ' || *b == b'\t') {
            j += 1;
        }
        if let Some(range) = value_range(line, j, yaml) {
            i = range.end;
            let value = &line[range.clone()];
            let reference =
                value.starts_with('$') || value.starts_with("{{") || value.starts_with("<%");
            if !value.is_empty() && !reference {
                out.push(offset + range.start..offset + range.end);
            }
        }
    }
}

/// The value starting at `from`: a quoted string's inside, else up to a blank (or, in YAML, the
/// end of the line), without the line break.
fn value_range(line: &str, from: usize, yaml: bool) -> Option<Range<usize>> {
    let bytes = line.as_bytes();
    let first = *bytes.get(from)?;
    if first == b'"' || first == b'\'' {
        let close = line[from + 1..].find(first as char).map_or_else(
            || line.trim_end_matches(['\n', '\r']).len(),
            |at| from + 1 + at,
        );
        return Some(from + 1..close.max(from + 1));
    }
    let rest = &line[from..];
    let end = if yaml {
        rest.trim_end_matches(['\n', '\r']).trim_end().len()
    } else {
        rest.find(|c: char| c.is_whitespace() || c == ';' || c == '"' || c == '\'')
            .unwrap_or(rest.len())
    };
    Some(from..from + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> Vec<&str> {
        secret_values(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn files_named_as_secrets_are_secret_throughout() {
        for path in [
            "m1/credentials",
            "etc/mesos/credentials.json",
            "users.passwd",
            "x/.htpasswd",
            "secrets.env",
            "agent/credential",
        ] {
            assert!(is_secret_file(path), "{path}");
        }
        for path in [
            "zk1/zoo.cfg",
            "m1/mesos-master.env",
            "jaas.conf",
            "etc/mesos-master/quorum",
        ] {
            assert!(!is_secret_file(path), "{path}");
        }
        let text = "p1 s1\n\n  p2 s2\r\n";
        let got: Vec<&str> = whole_lines(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["p1 s1", "p2 s2"]);
    }

    #[test]
    fn secret_values_in_every_shape() {
        assert_eq!(
            masked("MESOS_QUORUM=2\nAWS_SECRET_ACCESS_KEY=abc/123+x\nexport DB_PASSWORD=\"p w\"\n"),
            ["abc/123+x", "p w"]
        );
        assert_eq!(
            masked("Environment=\"API_TOKEN=t0k\" MESOS_QUORUM=2\n"),
            ["t0k"]
        );
        assert_eq!(
            masked("  - GITHUB_TOKEN=ghp_x\n    AWS_ACCESS_KEY: AKIA1 2\n"),
            ["ghp_x", "AKIA1 2"]
        );
        assert_eq!(masked("ssl.keyStore.password=changeit\r\n"), ["changeit"]);
        assert_eq!(
            masked("  username=\"admin\" password=\"s3cret\";\n"),
            ["s3cret"]
        );
        assert_eq!(masked("--secret_key=abc --quorum=2\n"), ["abc"]);
        // References and unrelated names stay.
        assert!(masked("AWS_SECRET_ACCESS_KEY=$AWS_SECRET\nTOKEN={{ vault_token }}\n").is_empty());
        assert!(
            masked("keyStore.location=/k\nMESOS_WORK_DIR=/var/lib/mesos\nmonkey=1\n").is_empty()
        );
        assert!(masked("SECRET_KEY=\n").is_empty());
        assert!(is_secret_name("zookeeper.ssl.quorum.trustStore.password"));
        assert!(!is_secret_name("MESOS_KEYS_DIR"));
    }
}
