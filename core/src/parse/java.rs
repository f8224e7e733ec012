//! How Java reads the values ZooKeeper takes from its files: `Integer.parseInt`/`Long.parseLong`,
//! `Boolean.parseBoolean` and its strict variant, and `String.split`.
//!
//! Pure functions over text; the parsers use them while they build the model, so rules and the
//! model see the typed result.

use crate::model::zookeeper::Value;

/// `Long.parseLong` (and `Integer.parseInt` with `bits = 32`): an optional sign and ASCII
/// digits, nothing else, within range.
pub fn parse_java_integer(text: &str, bits: u32) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let negative = text.starts_with('-');
    let mut n: i128 = 0;
    for b in digits.bytes() {
        n = n * 10 + i128::from(b - b'0');
        if n > i128::from(i64::MAX) + 1 {
            return None;
        }
    }
    let n = if negative { -n } else { n };
    let (min, max) = if bits == 32 {
        (i128::from(i32::MIN), i128::from(i32::MAX))
    } else {
        (i128::from(i64::MIN), i128::from(i64::MAX))
    };
    if n < min || n > max {
        return None;
    }
    i64::try_from(n).ok()
}

/// Java's `String.split(regex)` for a one-char separator: trailing empty parts are dropped, and
/// a string without the separator is one part (even when empty). Returns byte ranges.
pub fn java_split(text: &str, sep: char) -> Vec<(usize, usize)> {
    if !text.contains(sep) {
        return vec![(0, text.len())];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == sep {
            parts.push((start, i));
            start = i + c.len_utf8();
        }
    }
    parts.push((start, text.len()));
    while parts.last().is_some_and(|(a, b)| a == b) {
        parts.pop();
    }
    parts
}

/// `true`/`false` in any case; when not `strict`, anything else is false.
pub fn parse_boolean(text: &str, strict: bool) -> Value<bool> {
    if text.eq_ignore_ascii_case("true") {
        Value::Known(true)
    } else if !strict || text.eq_ignore_ascii_case("false") {
        Value::Known(false)
    } else {
        Value::Invalid
    }
}
