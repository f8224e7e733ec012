//! The value grammars of Mesos flags: booleans, integers, durations, byte sizes, IP addresses
//! and the enumerations, each accepting exactly what Mesos (stout) accepts.
//!
//! Errors carry Mesos's own wording where it has one, so that a user can match meslint's
//! message with the line the daemon would print. This module knows nothing of spans or flags'
//! origins; [`check_value`] ties a value to a [`ValueType`] of the catalogue.

use std::net::{Ipv4Addr, Ipv6Addr};

use nom::Parser;
use nom::bytes::complete::take_while;

use crate::catalog::mesos::ValueType;
pub use crate::model::mesos::Duration;
use crate::model::mesos::FlagValue;

/// The text stout prints when a number does not convert.
pub const CONVERT_ERROR: &str = "Failed to convert into required type";

/// A value that parsed, with what is still worth knowing about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    Fine,
    /// An unsigned value written negative: Mesos wraps it around to `wrapped`.
    Wrapped {
        wrapped: u64,
    },
}

/// `true`, `1`, `false`, `0` and, as stout reads it, the empty string (true).
pub fn parse_bool(value: &str) -> Result<bool, String> {
    match value {
        "" | "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err("Expecting a boolean (e.g., true or false)".to_owned()),
    }
}

/// Splits `[+-]digits` the way a C++ stream reads an integer; `None` if anything else is there.
fn integer_parts(value: &str) -> Option<(bool, &str)> {
    let rest = value.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (negative, digits) = match rest.as_bytes().first() {
        Some(b'-') => (true, &rest[1..]),
        Some(b'+') => (false, &rest[1..]),
        _ => (false, rest),
    };
    let parsed: nom::IResult<&str, &str> = take_while(|c: char| c.is_ascii_digit()).parse(digits);
    match parsed {
        Ok(("", d)) if !d.is_empty() => Some((negative, d)),
        _ => None,
    }
}

/// A signed 32-bit integer (`int` flags such as `--quorum`).
pub fn parse_int(value: &str) -> Result<i64, String> {
    let (negative, digits) = integer_parts(value).ok_or(CONVERT_ERROR)?;
    let n: i64 = digits.parse().map_err(|_| CONVERT_ERROR)?;
    let n = if negative { -n } else { n };
    if i32::try_from(n).is_err() {
        return Err(CONVERT_ERROR.to_owned());
    }
    Ok(n)
}

/// An unsigned integer no larger than `max`; `-n` wraps around to `max + 1 - n`.
pub fn parse_uint(value: &str, max: u64) -> Result<(u64, Parsed), String> {
    let (negative, digits) = integer_parts(value).ok_or(CONVERT_ERROR)?;
    let n: u64 = digits.parse().map_err(|_| CONVERT_ERROR)?;
    if n > max {
        return Err(CONVERT_ERROR.to_owned());
    }
    if negative && n != 0 {
        let wrapped = max - (n - 1);
        Ok((wrapped, Parsed::Wrapped { wrapped }))
    } else {
        Ok((n, Parsed::Fine))
    }
}

/// A floating-point number in decimal or exponent form; `nan` and `inf` are refused.
pub fn parse_double(value: &str) -> Result<f64, String> {
    let lower = value.trim_start().to_ascii_lowercase();
    if lower.contains("inf") || lower.contains("nan") || lower.starts_with("0x") {
        return Err(CONVERT_ERROR.to_owned());
    }
    value
        .trim_start()
        .parse::<f64>()
        .map_err(|_| CONVERT_ERROR.to_owned())
}

const DURATION_UNITS: &[(&str, i64)] = &[
    ("ns", 1),
    ("us", 1_000),
    ("ms", 1_000_000),
    ("secs", Duration::SECOND),
    ("mins", Duration::MINUTE),
    ("hrs", 60 * Duration::MINUTE),
    ("days", 24 * 60 * Duration::MINUTE),
    ("weeks", 7 * 24 * 60 * Duration::MINUTE),
];

/// Splits a value at the first character that is neither a digit nor `.`.
fn number_and_unit(value: &str) -> (&str, &str) {
    let parsed: nom::IResult<&str, &str> =
        take_while(|c: char| c.is_ascii_digit() || c == '.').parse(value);
    match parsed {
        Ok((unit, number)) => (number, unit),
        Err(_) => ("", value),
    }
}

/// `<number><unit>`, one number and one case-sensitive unit, as stout's `Duration::parse`.
pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let (number, unit) = number_and_unit(value);
    if unit.is_empty() {
        return Err(format!("Invalid duration '{value}'"));
    }
    let number: f64 = if number.is_empty() || number.matches('.').count() > 1 {
        return Err(format!("Invalid duration '{value}'"));
    } else {
        number
            .parse()
            .map_err(|_| format!("Invalid duration '{value}'"))?
    };
    let Some((_, factor)) = DURATION_UNITS.iter().find(|(u, _)| *u == unit) else {
        return Err(format!(
            "Unknown duration unit '{unit}'; supported units are 'ns', 'us', 'ms', 'secs', \
             'mins', 'hrs', 'days', and 'weeks'"
        ));
    };
    let nanos = number * *factor as f64;
    if nanos >= i64::MAX as f64 {
        return Err(
            "Argument out of the range that a Duration can represent due to \
                    int64_t's size limit"
                .to_owned(),
        );
    }
    Ok(Duration(nanos as i64))
}

const BYTE_UNITS: &[(&str, u32)] = &[("B", 0), ("KB", 10), ("MB", 20), ("GB", 30), ("TB", 40)];

/// `<integer><unit>` with a case-insensitive unit of `B KB MB GB TB` (binary multiples).
pub fn parse_bytes(value: &str) -> Result<u64, String> {
    let (number, unit) = number_and_unit(value);
    if unit.is_empty() {
        return Err(format!("Invalid bytes '{value}'"));
    }
    if number.contains('.') {
        return Err(format!("Fractional bytes '{value}'"));
    }
    let upper = unit.to_ascii_uppercase();
    let Some((_, shift)) = BYTE_UNITS.iter().find(|(u, _)| *u == upper) else {
        return Err(format!("Unknown bytes unit '{unit}'"));
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("Invalid bytes '{value}'"))?;
    n.checked_mul(1u64 << shift)
        .ok_or_else(|| format!("Invalid bytes '{value}'"))
}

/// An IPv4 literal, the only form `--ip` takes.
pub fn parse_ipv4(value: &str) -> Result<Ipv4Addr, String> {
    if value.parse::<Ipv6Addr>().is_ok() {
        return Err(
            "Currently we allow only IPv4 address to be specified with the `--ip` flag".to_owned(),
        );
    }
    value
        .parse::<Ipv4Addr>()
        .map_err(|_| format!("Failed to parse IP as either IPv4 or IPv6:{value}"))
}

/// Splits a comma-separated list the way Mesos does: empty items are dropped.
pub fn split_list(value: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    value.split(',').filter_map(move |item| {
        let at = offset;
        offset += item.len() + 1;
        (!item.is_empty()).then_some((at, item))
    })
}

/// The outcome of checking a value against its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    Ok,
    /// Mesos accepts the value but reads it differently than written.
    Wrapped {
        wrapped: u64,
    },
    /// Mesos refuses the value; the text is Mesos's reason.
    Invalid(String),
}

/// Reads a value written for a flag of type `ty`, as the flag loader would.
pub fn read_value(ty: ValueType, value: &str) -> FlagValue {
    let uint = |(value, parsed): (u64, Parsed)| FlagValue::Uint {
        value,
        wrapped: parsed != Parsed::Fine,
    };
    let read = match ty {
        ValueType::Bool => parse_bool(value).map(FlagValue::Bool),
        ValueType::Int => parse_int(value).map(FlagValue::Int),
        ValueType::Uint => parse_uint(value, u64::MAX).map(uint),
        ValueType::Uint16 => parse_uint(value, u64::from(u16::MAX)).map(uint),
        ValueType::Double => parse_double(value).map(FlagValue::Double),
        ValueType::Duration => parse_duration(value).map(FlagValue::Duration),
        ValueType::Bytes => parse_bytes(value).map(FlagValue::Bytes),
        ValueType::Ip => parse_ipv4(value).map(FlagValue::Ip),
        ValueType::Range => Ok(FlagValue::Ranges(parse_ranges(value))),
        // Mesos reads the JSON after loading; whether it parses is `invalid_json_value`'s.
        ValueType::Json => {
            Ok(serde_json::from_str(value.trim()).map_or(FlagValue::Accepted, FlagValue::Json))
        }
        _ => match check_value(ty, value) {
            Check::Invalid(why) => Err(why),
            Check::Ok | Check::Wrapped { .. } => Ok(FlagValue::Accepted),
        },
    };
    read.unwrap_or_else(FlagValue::Invalid)
}

/// Checks a value written for a flag of type `ty`, as the flag loader would.
///
/// Only the grammar is checked here; ranges and cross-flag conditions are the rules' business.
/// Types that Mesos parses later (JSON, resources, module names) always pass.
pub fn check_value(ty: ValueType, value: &str) -> Check {
    let result = match ty {
        ValueType::Bool => parse_bool(value).map(|_| Parsed::Fine),
        ValueType::Int => parse_int(value).map(|_| Parsed::Fine),
        ValueType::Uint => parse_uint(value, u64::MAX).map(|(_, p)| p),
        ValueType::Uint16 => parse_uint(value, u64::from(u16::MAX)).map(|(_, p)| p),
        ValueType::Double => parse_double(value).map(|_| Parsed::Fine),
        ValueType::Duration => parse_duration(value).map(|_| Parsed::Fine),
        ValueType::Bytes => parse_bytes(value).map(|_| Parsed::Fine),
        ValueType::Ip => parse_ipv4(value).map(|_| Parsed::Fine),
        ValueType::Ip6 => value
            .parse::<Ipv6Addr>()
            .map(|_| Parsed::Fine)
            .map_err(|_| format!("Failed to parse IPv6: {value}")),
        ValueType::Enum(values) => {
            if values.contains(&value) {
                Ok(Parsed::Fine)
            } else {
                Err(format!(
                    "'{value}' is not one of {}",
                    values
                        .iter()
                        .map(|v| format!("'{v}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        }
        ValueType::UintList => split_list(value)
            .try_for_each(|(_, item)| {
                parse_uint(item, u64::from(u32::MAX))
                    .map(|_| ())
                    .map_err(|e| format!("Failed to numify '{item}': {e}"))
            })
            .map(|()| Parsed::Fine),
        ValueType::Percent => parse_percent(value).map(|_| Parsed::Fine),
        ValueType::Rate => parse_rate(value).map(|_| Parsed::Fine),
        ValueType::Path
        | ValueType::SecretPath
        | ValueType::Str
        | ValueType::Json
        | ValueType::List
        | ValueType::ZkUrl
        | ValueType::MasterUrl
        | ValueType::Range
        | ValueType::Resources
        | ValueType::Attributes => Ok(Parsed::Fine),
    };
    match result {
        Ok(Parsed::Fine) => Check::Ok,
        Ok(Parsed::Wrapped { wrapped }) => Check::Wrapped { wrapped },
        Err(e) => Check::Invalid(e),
    }
}

/// A ranges value as Mesos's resource value parser reads it (`src/common/values.cpp`
/// `parse`, then `Resources::parse` in `src/common/resources.cpp`): spaces removed, brackets
/// balanced, `[` first, then pairs of unsigned numbers separated by `-` and `,`. A value
/// that reads as a scalar, a set or text is not a range.
pub fn parse_ranges(value: &str) -> Result<Vec<(u64, u64)>, String> {
    let text: String = value.chars().filter(|c| *c != ' ').collect();
    if text.is_empty() {
        return Err("Expecting non-empty string".to_owned());
    }
    let balanced = [('{', '}'), ('[', ']'), ('(', ')')]
        .iter()
        .all(|&(open, close)| {
            let mut depth = 0i64;
            for c in text.chars() {
                if c == open {
                    depth += 1;
                } else if c == close {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
            }
            depth == 0
        });
    if !balanced {
        return Err("Mismatched brackets".to_owned());
    }
    match text.find('[') {
        Some(0) => {}
        Some(_) => return Err("Unexpected '[' found".to_owned()),
        None if text.starts_with('{') => {
            return Err("a set, not ranges: write `[start-end]`".to_owned());
        }
        None if text.contains('{') => return Err("Unexpected '{' found".to_owned()),
        None if text.parse::<f64>().is_ok() => {
            return Err("a scalar, not ranges: write `[start-end]`".to_owned());
        }
        None => return Err("text, not ranges: write `[start-end]`".to_owned()),
    }
    let tokens: Vec<&str> = text
        .split(['[', ']', '-', ',', '\n'])
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() % 2 != 0 {
        return Err("Expecting one or more \"ranges\"".to_owned());
    }
    tokens
        .chunks(2)
        .map(|pair| {
            let number = |t: &str| {
                t.parse::<u64>()
                    .map_err(|_| format!("Expecting non-negative integers in '{}'", pair[0]))
            };
            Ok((number(pair[0])?, number(pair[1])?))
        })
        .collect()
}

/// `<number>%` within 0% to 100% (`--recovery_agent_removal_limit`).
pub fn parse_percent(value: &str) -> Result<f64, String> {
    let Some(number) = value.strip_suffix('%') else {
        return Err("missing '%'".to_owned());
    };
    let n = parse_double(number)?;
    if !(0.0..=100.0).contains(&n) {
        return Err("Must be within [0%-100%]".to_owned());
    }
    Ok(n)
}

/// `<agents>/<Duration>` (`--agent_removal_rate_limit`), e.g. `1/10mins`.
pub fn parse_rate(value: &str) -> Result<(i64, Duration), String> {
    let format = "Format is <Number of agents>/<Duration>";
    let Some((count, duration)) = value.split_once('/') else {
        return Err(format.to_owned());
    };
    let count = parse_int(count).map_err(|e| format!("{format}: {e}"))?;
    let duration = parse_duration(duration).map_err(|e| format!("{format}: {e}"))?;
    Ok((count, duration))
}

/// True when a value looks like a path rather than file contents.
pub fn looks_like_path(value: &str) -> bool {
    let v = value.trim();
    v.starts_with('/')
        || v.starts_with("file://")
        || v.starts_with("./")
        || v.starts_with("../")
        || (!v.is_empty() && !v.contains(char::is_whitespace) && !v.contains(['{', ':', '"']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn durations() {
        let ok = [
            ("10secs", Duration::secs(10)),
            ("1.5mins", Duration::secs(90)),
            ("0ns", Duration(0)),
            ("2weeks", Duration::secs(14 * 24 * 3600)),
            ("100ms", Duration(100_000_000)),
        ];
        for (text, want) in ok {
            assert_eq!(parse_duration(text), Ok(want), "{text}");
        }
        let bad = [
            ("30s", "Unknown duration unit 's'"),
            ("5m", "Unknown duration unit 'm'"),
            ("1min", "Unknown duration unit 'min'"),
            ("10sec", "Unknown duration unit 'sec'"),
            ("1h", "Unknown duration unit 'h'"),
            ("1SECS", "Unknown duration unit 'SECS'"),
            ("1hrs30mins", "Unknown duration unit 'hrs30mins'"),
            ("300", "Invalid duration '300'"),
            ("", "Invalid duration ''"),
            ("secs", "Invalid duration 'secs'"),
            ("-1secs", "Invalid duration '-1secs'"),
            ("99999999999999weeks", "Argument out of the range"),
        ];
        for (text, want) in bad {
            let err = parse_duration(text).expect_err(text);
            assert!(err.starts_with(want), "{text}: {err}");
        }
    }

    #[test]
    fn bytes() {
        let ok = [
            ("2GB", 2 << 30),
            ("4kb", 4096),
            ("10MB", 10 << 20),
            ("7B", 7),
        ];
        for (text, want) in ok {
            assert_eq!(parse_bytes(text), Ok(want), "{text}");
        }
        let bad = [
            ("2048", "Invalid bytes '2048'"),
            ("2G", "Unknown bytes unit 'G'"),
            ("1.5GB", "Fractional bytes '1.5GB'"),
            ("2 GB", "Unknown bytes unit ' GB'"),
        ];
        for (text, want) in bad {
            assert_eq!(parse_bytes(text), Err(want.to_owned()), "{text}");
        }
    }

    #[test]
    fn booleans_and_numbers() {
        assert_eq!(parse_bool(""), Ok(true));
        assert_eq!(parse_bool("0"), Ok(false));
        for bad in ["yes", "True", "on", "false\n"] {
            assert!(parse_bool(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_int("2"), Ok(2));
        assert_eq!(parse_int("-1"), Ok(-1));
        for bad in ["2 ", "2\n", "0x10", "1e3", "", "two"] {
            assert_eq!(parse_int(bad), Err(CONVERT_ERROR.to_owned()), "{bad:?}");
        }
        assert_eq!(
            parse_uint("-1", 65535),
            Ok((65535, Parsed::Wrapped { wrapped: 65535 }))
        );
        assert!(parse_uint("70000", 65535).is_err());
        assert_eq!(parse_double(".5"), Ok(0.5));
        assert_eq!(parse_double("1e-1"), Ok(0.1));
        assert!(parse_double("nan").is_err());
        assert!(parse_double("inf").is_err());
    }

    #[test]
    fn ip_addresses() {
        assert!(parse_ipv4("10.0.0.1").is_ok());
        assert_eq!(
            parse_ipv4(""),
            Err("Failed to parse IP as either IPv4 or IPv6:".to_owned())
        );
        assert!(parse_ipv4("master1").is_err());
        assert!(parse_ipv4("::1").is_err_and(|e| e.contains("only IPv4")));
    }

    #[test]
    fn checks_by_type() {
        let cases = [
            (ValueType::Uint16, "5050", Check::Ok),
            (ValueType::Uint16, "-1", Check::Wrapped { wrapped: 65535 }),
            (ValueType::Percent, "50%", Check::Ok),
            (ValueType::Rate, "1/10mins", Check::Ok),
            (ValueType::Str, "", Check::Ok),
            (ValueType::UintList, "0,1", Check::Ok),
        ];
        for (ty, text, want) in cases {
            assert_eq!(check_value(ty, text), want, "{text}");
        }
        assert!(matches!(
            check_value(ValueType::Percent, "50"),
            Check::Invalid(_)
        ));
        assert!(matches!(
            check_value(ValueType::Enum(&["INFO"]), "info"),
            Check::Invalid(_)
        ));
    }

    #[test]
    fn lists_drop_empty_items() {
        let items: Vec<_> = split_list("a,,b,").collect();
        assert_eq!(items, vec![(0, "a"), (3, "b")]);
    }

    proptest! {
        #[test]
        fn value_parsers_never_panic(s in "\\PC*") {
            let _ = parse_duration(&s);
            let _ = parse_bytes(&s);
            let _ = parse_int(&s);
            let _ = parse_uint(&s, 65535);
            let _ = parse_double(&s);
            let _ = parse_ipv4(&s);
            let _ = parse_rate(&s);
            let _ = parse_percent(&s);
        }

        #[test]
        fn value_parsers_never_panic_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..64)) {
            let (s, _) = crate::source::decode(&b);
            let _ = check_value(ValueType::Duration, &s);
            let _ = check_value(ValueType::Bytes, &s);
            let _ = check_value(ValueType::UintList, &s);
        }
    }
}
