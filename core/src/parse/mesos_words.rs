//! Reading single shell words as Mesos settings, shared by the script, unit and environment
//! readers: `MESOS_NAME=value` assignments, command-line arguments as stout's loader classifies
//! them, template tags masked so that they stay one word, and the secrets a setting may hold.

use crate::model::container::EnvVar;
use crate::model::mesos::{ArgForm, Origin, RawSetting};
use crate::parse::Sink;
use crate::parse::shell::Word;
use crate::parse::zk_url::parse_zk_url;
use crate::source::Spanned;
use crate::template::has_placeholder;

/// `MESOS_NAME=value` in `word.text[from..]` as an environment setting; other variables are
/// not Mesos's business.
pub fn assignment(word: &Word, from: usize) -> Option<RawSetting> {
    let text = word.text.get(from..)?;
    let (name, value) = text.split_once('=')?;
    if !is_identifier(name) {
        return None;
    }
    let suffix = name.strip_prefix("MESOS_")?;
    let value_at = from + name.len() + 1;
    Some(RawSetting {
        origin: Origin::Env,
        form: ArgForm::Flag,
        name: Spanned::new(name.to_owned(), word.span_of(from, from + name.len())),
        display: name.to_owned(),
        key: suffix.to_ascii_lowercase(),
        value: Some(Spanned::new(
            value.to_owned(),
            word.span_of(value_at, value_at + value.len()),
        )),
        whole: word.span_of(from, word.text.len()),
        unknown: word.expansion || has_placeholder(value),
    })
}

/// The leading `NAME=value` words of a command, as (word, name, value), up to the first word
/// that is no assignment: `X=1 Y=2 cmd Z=3` assigns `X` and `Y` only.
pub fn leading_assignments<'a>(
    words: impl Iterator<Item = &'a Word>,
) -> impl Iterator<Item = (&'a Word, &'a str, &'a str)> {
    words.map_while(|word| {
        let (name, value) = word.text.split_once('=')?;
        is_identifier(name).then_some((word, name, value))
    })
}

pub fn is_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Reads one command-line word as stout's loader classifies it.
pub fn argument(word: &Word, origin: Origin) -> RawSetting {
    let text = word.text.as_str();
    let trimmed_start = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let unknown = word.expansion || has_placeholder(text);
    let whole = word.span();
    let positional = |form| RawSetting {
        origin,
        form,
        name: Spanned::new(trimmed.to_owned(), whole),
        display: trimmed.to_owned(),
        key: trimmed.to_owned(),
        value: None,
        whole,
        unknown,
    };
    if trimmed == "--" {
        return positional(ArgForm::Terminator);
    }
    let Some(body) = trimmed.strip_prefix("--") else {
        if trimmed.starts_with('-') && trimmed.len() > 1 {
            let mut setting = positional(ArgForm::SingleDash);
            setting.key = trimmed.trim_start_matches('-').to_ascii_lowercase();
            return setting;
        }
        return positional(ArgForm::Positional);
    };
    let name_at = trimmed_start + 2;
    let (name, value) = match body.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (body, None),
    };
    let value = value.map(|v| {
        let at = name_at + name.len() + 1;
        Spanned::new(v.to_owned(), word.span_of(at, at + v.len()))
    });
    RawSetting {
        origin,
        form: ArgForm::Flag,
        name: Spanned::new(name.to_owned(), word.span_of(name_at, name_at + name.len())),
        display: format!("--{name}"),
        key: name.to_ascii_lowercase(),
        value,
        whole,
        unknown,
    }
}

/// Replaces the insides of template tags with same-length text free of shell syntax, so that
/// `--zk={{ zk_url }}` stays one word and every offset still points at the same byte.
pub fn mask_templates(text: &str) -> String {
    const TAGS: &[(&[u8], &[u8])] = &[
        (b"{{", b"}}"),
        (b"{%", b"%}"),
        (b"<%", b"%>"),
        (b"{#", b"#}"),
    ];
    let mut bytes = text.as_bytes().to_vec();
    let mut i = 0;
    while i < bytes.len() {
        let Some((_, close)) = TAGS.iter().find(|(open, _)| bytes[i..].starts_with(open)) else {
            i += 1;
            continue;
        };
        // The tag runs to its closing mark or, unclosed, to the end of the line.
        let mut end = i + 2;
        while end < bytes.len() && bytes[end] != b'\n' {
            if bytes[end..].starts_with(close) {
                end += close.len();
                break;
            }
            end += 1;
        }
        for b in &mut bytes[i..end] {
            *b = match *b {
                b' ' | b'\t' | b'\'' | b'"' | b';' | b'|' | b'&' | b'\\' | b'#' | b'`' | b'$'
                | b'(' | b')' => b'_',
                b'<' => b'{',
                b'>' => b'}',
                other => other,
            };
        }
        i = end.max(i + 1);
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text is still valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// Masks the credentials of `zk://` URLs and values of variables named like secrets.
pub fn mask_secrets(setting: &RawSetting, sink: &mut Sink) {
    let Some(value) = &setting.value else {
        return;
    };
    let upper = setting.name.value.to_ascii_uppercase();
    if ["PASSWORD", "SECRET", "TOKEN", "PASSWD"]
        .iter()
        .any(|w| upper.contains(w))
        && !value.value.is_empty()
    {
        sink.secret(value.span);
    }
    if value.value.trim_start().starts_with("zk://") {
        let _ = parse_zk_url(value, sink);
    }
}

/// The setting a container's `MESOS_*` variable makes (`None` for any other variable).
pub fn env_var_setting(var: &EnvVar) -> Option<RawSetting> {
    let suffix = var.name.value.strip_prefix("MESOS_")?;
    let value = var.value.clone();
    let whole = value
        .as_ref()
        .filter(|v| v.span.file == var.name.span.file && v.span.start >= var.name.span.start)
        .map_or(var.name.span, |v| var.name.span.cover(v.span));
    Some(RawSetting {
        origin: Origin::Env,
        form: ArgForm::Flag,
        name: var.name.clone(),
        display: var.name.value.clone(),
        key: suffix.to_ascii_lowercase(),
        value: Some(value.unwrap_or_else(|| Spanned::new(String::new(), var.name.span))),
        whole,
        unknown: var.unknown || var.value.is_none(),
    })
}
