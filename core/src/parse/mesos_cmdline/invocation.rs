//! Which command of a file starts a Mesos daemon, once assignments and wrappers such as
//! `exec`, `nohup` or `sudo` are skipped.

use super::*;

/// The daemon a program name starts, by its last path component. A path must lead through a
/// `bin` directory (or `.`) so that `/etc/mesos-master` is not taken for the binary.
pub(super) fn binary_role(program: &str) -> Option<Role> {
    let mut parts = program.rsplit('/');
    let base = parts.next().unwrap_or(program);
    if let Some(parent) = parts.next()
        && !matches!(parent, "bin" | "sbin" | "." | "")
    {
        return None;
    }
    let base = base.strip_suffix(".sh").unwrap_or(base);
    match base {
        "mesos-master" => Some(Role::Master),
        "mesos-agent" | "mesos-slave" => Some(Role::Agent),
        _ => None,
    }
}

/// The daemon a `mesos <subcommand>` starts.
pub(super) fn subcommand_role(word: &str) -> Option<Role> {
    match word {
        "master" => Some(Role::Master),
        "agent" | "slave" => Some(Role::Agent),
        _ => None,
    }
}

/// Programs that run the command that follows them; `$` is the prompt of a command shown in
/// a guide (`$ ./bin/mesos-master.sh --ip=127.0.0.1`).
pub(super) const WRAPPERS: &[&str] = &[
    "$",
    "exec",
    "nohup",
    "sudo",
    "env",
    "time",
    "nice",
    "ionice",
    "setsid",
    "command",
    "stdbuf",
    "chpst",
    "numactl",
    "taskset",
    "timeout",
    "su-exec",
    "gosu",
    "eval",
    "$",
    "mesos-daemon.sh",
];

/// Keys of YAML and similar files whose value is a command line.
pub(super) const COMMAND_KEYS: &[&str] = &[
    "command:",
    "cmd:",
    "shell:",
    "script:",
    "args:",
    "CMD",
    "ENTRYPOINT",
];

/// Wrappers whose next word is an argument of theirs (a user name, a duration).
pub(super) const WRAPPERS_WITH_ARGUMENT: &[&str] =
    &["gosu", "su-exec", "timeout", "-u", "-g", "-n"];

pub(super) struct Invocation {
    pub(super) role: Role,
    pub(super) binary: Spanned<String>,
    /// Environment assignments before the program (`MESOS_X=1 mesos-master`, `docker -e`).
    pub(super) env: Vec<RawSetting>,
    /// Index of the first argument word.
    pub(super) args_from: usize,
    /// True for `docker run <image>`: the image's entry point is the binary.
    pub(super) docker: bool,
    /// The files `docker run --env-file` names, as written.
    pub(super) env_files: Vec<Spanned<String>>,
}

pub(super) fn find_invocation(command: &Command) -> Option<Invocation> {
    let words = &command.words;
    let mut env = Vec::new();
    let mut skip_argument = false;
    for (i, word) in words.iter().enumerate() {
        let mut text = word.text.as_str();
        let mut from = 0;
        if i == 0
            && let Some(rest) = text
                .strip_prefix("ExecStart=")
                .or_else(|| text.strip_prefix("command="))
        {
            let rest = rest.trim_start_matches(['-', '@', '+', '!', ':']);
            from = text.len() - rest.len();
            text = rest;
        }
        if skip_argument {
            skip_argument = false;
            continue;
        }
        if let Some((name, _)) = text.split_once('=')
            && is_identifier(name)
        {
            if let Some(setting) = assignment(word, from) {
                env.push(setting);
            }
            continue;
        }
        if let Some(role) = binary_role(text) {
            return Some(Invocation {
                role,
                binary: Spanned::new(text.to_owned(), word.span_of(from, word.text.len())),
                env,
                args_from: i + 1,
                docker: false,
                env_files: Vec::new(),
            });
        }
        let base = text.rsplit('/').next().unwrap_or(text);
        if base == "mesos"
            && let Some(next) = words.get(i + 1)
            && let Some(role) = subcommand_role(&next.text)
        {
            let span = word.span().cover(next.span());
            return Some(Invocation {
                role,
                binary: Spanned::new(format!("{text} {}", next.text), span),
                env,
                args_from: i + 2,
                docker: false,
                env_files: Vec::new(),
            });
        }
        if base == "docker" && words.get(i + 1).is_some_and(|w| w.text == "run") {
            return docker_run(words, i + 2);
        }
        if WRAPPERS_WITH_ARGUMENT.contains(&base) {
            skip_argument = true;
            continue;
        }
        let prefix_like = WRAPPERS.contains(&base)
            || (text.starts_with('-') && (text.len() > 1 || i > 0))
            || COMMAND_KEYS.contains(&text)
            || text.is_empty();
        if !prefix_like {
            return None;
        }
    }
    None
}
