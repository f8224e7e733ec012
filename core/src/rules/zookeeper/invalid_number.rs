use crate::catalog::zookeeper::{KeyClass, KeyType};
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A numeric zoo.cfg value that Java cannot parse, or a port out of range.
    ///
    /// ## What it finds
    /// A value of an integer key (`tickTime`, `initLimit`, `clientPort`, `autopurge.purgeInterval`,
    /// ...) that is not an optional sign followed by digits within range: units (`2000ms`, `1h`),
    /// exponents (`6e+07`), blanks inside, an inline comment, or nothing at all. Ports must be
    /// within 0 to 65535.
    ///
    /// ## Why it matters
    /// ZooKeeper reads these with `Integer.parseInt` and refuses to start: `NumberFormatException:
    /// For input string: "2000ms"` or `port out of range:70000`.
    ///
    /// ## How to fix
    /// Write the number as plain digits in the unit the key documents (milliseconds for `tickTime`,
    /// ticks for `initLimit`, hours for `autopurge.purgeInterval`).
    ///
    /// ## Example
    /// `tickTime=2000ms`; `maxSessionTimeout=6e+07` from a YAML float.
    pub static INVALID_NUMBER = Rule {
        code: "ZK104",
        name: "invalid_number",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for e in &zk.config.entries {
            if e.class == KeyClass::Version && !e.overridden && !e.templated {
                // 3.5+ reads a static `version` as the config version: the raw value in hex.
                let raw = &e.untrimmed.value;
                if !zk.uses_dynamic_file() && i64::from_str_radix(raw, 16).is_err() {
                    out.push(
                        Finding::new(format!("`version` value `{raw}` is not a hex number"))
                            .primary(e.untrimmed.span, "not hex")
                            .help("write the config version in hex digits, or delete the line"),
                    );
                }
                continue;
            }
            let KeyClass::Parsed(info) = e.class else {
                continue;
            };
            if e.overridden || e.templated {
                continue;
            }
            let bits = match info.kind {
                KeyType::Int | KeyType::Port => 32,
                KeyType::Long => 64,
                _ => continue,
            };
            let key = &e.key.value;
            let value = &e.value.value;
            match if bits == 32 { e.int } else { e.long } {
                Some(n) if info.kind == KeyType::Port && !(0..=65535).contains(&n) => out.push(
                    Finding::new(format!("`{key}` port `{n}` is out of range"))
                        .primary(e.value.span, "not a port number")
                        .help("use a port between 1 and 65535"),
                ),
                Some(_) => {}
                None if value.is_empty() => out.push(
                    Finding::new(format!("`{key}` has no value"))
                        .primary(e.key.span, "empty value")
                        .help("give it a number, or delete the line to use the default"),
                ),
                None => out.push(
                    Finding::new(format!("`{key}` value `{value}` is not a whole number"))
                        .primary(e.value.span, "not a number")
                        .help(help_for(key, value)),
                ),
            }
        }
    }
    out
}

fn help_for(key: &str, value: &str) -> String {
    let digits: String = value.chars().take_while(|c| c.is_ascii_digit()).collect();
    if value.contains('#') {
        "move the comment to a line of its own".to_owned()
    } else if key == "autopurge.purgeInterval" && !digits.is_empty() {
        format!("write the interval in whole hours without a unit, e.g. `{digits}`")
    } else if value.contains(['e', 'E', '.']) && value.starts_with(|c: char| c.is_ascii_digit()) {
        "write the number out in plain digits, without a decimal point or exponent".to_owned()
    } else if !digits.is_empty() {
        format!("write plain digits without a unit, e.g. `{digits}`")
    } else {
        "write a whole number using digits only".to_owned()
    }
}
