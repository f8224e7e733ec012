//! systemd units: `Environment=` settings every invocation of a unit gets, and `sh -c` bodies
//! after `ExecStart=` that the shell reads as command lines of their own.

use super::*;

/// True when `text` reads as a systemd unit: a `[Service]` section or an `ExecStart=` line.
pub(super) fn is_unit(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("[Service]") || line.starts_with("ExecStart=")
    })
}

/// The source range of the quoted command in `sh -c '<command>'` (also `bash -ec`, after
/// `ExecStart=`), which the shell runs as a command line of its own; `None` when the quoted
/// text holds escapes, which a second reading would not undo.
pub(super) fn shell_c_body(command: &Command, text: &str) -> Option<std::ops::Range<usize>> {
    let words = &command.words;
    let shell = words.iter().take(3).position(|w| {
        let text = w.text.strip_prefix("ExecStart=").unwrap_or(&w.text);
        let text = text.trim_start_matches(['-', '@', '+', '!', ':']);
        matches!(
            text.rsplit('/').next(),
            Some("sh" | "bash" | "dash" | "zsh")
        )
    })?;
    let flag = &words.get(shell + 1)?.text;
    if !(flag.starts_with('-') && !flag.starts_with("--") && flag.ends_with('c')) {
        return None;
    }
    let body = words.get(shell + 2)?;
    if !body.quoted {
        return None;
    }
    let span = body.span();
    let range = span.start as usize..span.end as usize;
    // Only a body written without escapes reads the same when lexed again.
    (text.get(range.clone()) == Some(body.text.as_str())).then_some(range)
}

/// Settings that systemd unit lines give every invocation in the file.
#[derive(Default)]
pub(super) struct UnitContext {
    pub(super) env: Vec<RawSetting>,
    /// An `EnvironmentFile=` line: more settings live in a file meslint may not see here.
    pub(super) environment_file: bool,
    /// Every `Environment=` variable, for `${VAR}` in `ExecStart=` (systemd sets them all before
    /// it starts the command, whatever their order in the file).
    pub(super) vars: Vars,
}

impl UnitContext {
    pub(super) fn collect<'a>(
        commands: &[Command],
        followed: &dyn Fn(&str) -> Option<Followed<'a>>,
    ) -> Self {
        let mut unit = UnitContext::default();
        let mut files = Vec::new();
        for command in commands {
            let Some(first) = command.words.first() else {
                continue;
            };
            if first.text.starts_with("EnvironmentFile=") {
                match named_env_file(command).and_then(|w| followed(w.text.trim_start_matches('-')))
                {
                    Some(file) => files.push(file),
                    None => unit.environment_file = true,
                }
            }
            let Some(rest_at) = first
                .text
                .strip_prefix("Environment=")
                .map(|r| first.text.len() - r.len())
            else {
                continue;
            };
            for (word, from) in std::iter::once((first, rest_at))
                .chain(command.words.iter().skip(1).map(|w| (w, 0)))
            {
                if let Some((name, value)) = word.text[from..].split_once('=')
                    && is_identifier(name)
                {
                    let at = from + name.len() + 1;
                    let span = word.span_of(at, word.text.len());
                    unit.vars.assign(name, value, word.expansion, span, false);
                }
            }
            if let Some(s) = assignment(first, rest_at) {
                unit.env.push(s);
            }
            unit.env.extend(
                command
                    .words
                    .iter()
                    .skip(1)
                    .filter_map(|w| assignment(w, 0)),
            );
        }
        // Settings from env files override `Environment=` ones (systemd.exec(5)).
        for file in files {
            let env = file.environment.then_some(&mut unit.env);
            read_followed(&file, &mut unit.vars, env);
        }
        unit
    }
}
