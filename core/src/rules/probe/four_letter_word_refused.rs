use crate::diagnostic::{Finding, Severity};
use crate::model::live::{Answer, address};
use crate::rules::Context;

use super::{where_declared, with_urls};

declare_rule! {
    /// A ZooKeeper server that refuses the `srvr` four-letter word.
    ///
    /// ## What it finds
    /// The server accepted the connection but answered `srvr is not executed because it is
    /// not in the whitelist`: its `4lw.commands.whitelist` is set and does not list `srvr`.
    ///
    /// ## Why it matters
    /// Since ZooKeeper 3.5.3 four-letter words are refused unless whitelisted; without a
    /// whitelist line only `srvr` is allowed. A server that refuses `srvr` cannot tell
    /// meslint (or monitoring) its mode, version and zxid, so the leader checks skip it.
    ///
    /// ## How to fix
    /// Add `srvr` to the server's whitelist; the diagnostic gives the exact line, e.g.
    /// `4lw.commands.whitelist=srvr,ruok`. The server reads it at start-up.
    ///
    /// ## Example
    /// `4lw.commands.whitelist=ruok` in `zk1/zoo.cfg`.
    pub static FOUR_LETTER_WORD_REFUSED = Rule {
        code: "PR002",
        name: "four_letter_word_refused",
        severity: Severity::Warning,
        applies_to: "ZooKeeper 3.5.3+ (with `--probe`)",
        check: live_check!(check),
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(live) = ctx.live() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (target, answer) in live.servers() {
        if *answer != Answer::Refused {
            continue;
        }
        let (primary, what) = where_declared(target);
        let shown = address(&target.host, target.port);
        let server = target.server.as_ref();
        let (span, line) = match server.and_then(|s| s.whitelist.as_ref()) {
            Some((span, value)) => (*span, whitelist_with_srvr(value)),
            None => (
                server.map_or(primary, |s| s.config_end),
                "4lw.commands.whitelist=srvr".to_owned(),
            ),
        };
        out.push(with_urls(
            target,
            Finding::new(format!(
                "{what} `{shown}` refuses `srvr`: it is not in its `4lw.commands.whitelist`"
            ))
            .primary(span, "`srvr` is not whitelisted")
            .help(format!(
                "write `{line}` in this server's zoo.cfg and restart it, so \
                 its mode and version can be checked"
            )),
        ));
    }
    out
}

/// The whitelist value with `srvr` added in front.
fn whitelist_with_srvr(value: &str) -> String {
    let items: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|i| !i.is_empty() && *i != "srvr")
        .collect();
    if items.is_empty() {
        "4lw.commands.whitelist=srvr".to_owned()
    } else {
        format!("4lw.commands.whitelist=srvr,{}", items.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitelist_advice_keeps_the_words_already_allowed() {
        assert_eq!(
            whitelist_with_srvr("ruok, mntr"),
            "4lw.commands.whitelist=srvr,ruok,mntr"
        );
        assert_eq!(whitelist_with_srvr(""), "4lw.commands.whitelist=srvr");
    }
}
