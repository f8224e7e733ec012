//! Docker and compose: JSON-array commands, `docker run` options, compose `environment:`
//! entries and the default command of the Mesos images.

use super::*;
use crate::catalog::images::{self, Runs};
use crate::parse::docker_run::{OPTIONS_WITH_ARGUMENT, env_file_options, mesos_container_is_host};

/// Turns the JSON-array form of compose, Kubernetes and Dockerfile commands
/// (`command: ["mesos-master", "--zk=..."]`) into plain words.
pub(super) fn unwrap_json_array(command: Command) -> Command {
    let opens = command
        .words
        .iter()
        .position(|w| w.text.starts_with('[') && !w.text.starts_with("[{"));
    let Some(start) = opens.filter(|i| {
        *i > 0
            && command
                .words
                .get(i - 1)
                .is_some_and(|w| COMMAND_KEYS.contains(&w.text.as_str()))
    }) else {
        return command;
    };
    let mut words = Vec::with_capacity(command.words.len());
    let (output, piped) = (command.output, command.piped);
    for (i, word) in command.words.into_iter().enumerate() {
        if i < start {
            words.push(word);
            continue;
        }
        let text = word.text.as_str();
        let from = usize::from(i == start && text.starts_with('['));
        let mut to = text.len();
        for end in [']', ','] {
            if to > from && text[..to].ends_with(end) {
                to -= 1;
            }
        }
        if let Some(inner) = word.slice(from, to).filter(|w| !w.text.is_empty()) {
            words.push(inner);
        }
    }
    Command {
        words,
        output,
        piped,
        appends: false,
        heredoc: None,
    }
}

/// What a Mesos image passes when the container is given no command of its own
/// (`mesosphere/mesos-master` runs `mesos-master --registry=in_memory`), from the image table.
pub(super) fn image_default_command(source: &mut MesosSource, image: &Spanned<String>) {
    let Some(known) = images::lookup(&image.value) else {
        return;
    };
    if !matches!(known.runs, Runs::Mesos(role) if Some(role) == source.role) {
        return;
    }
    for default in known.default_args {
        let word = Word::from_spanned(&Spanned::new((*default).to_owned(), image.span), false);
        let mut setting = argument(&word, Origin::Default);
        // The image reference is where the flag is written, name and value alike.
        setting.name.span = image.span;
        setting.whole = image.span;
        source.settings.push(setting);
    }
}

/// `MESOS_X: value` and `- MESOS_X=value` entries of a compose `environment:` block.
pub(super) fn compose_env(command: &Command) -> Option<RawSetting> {
    let words = &command.words;
    let first = words.first()?;
    if first.text == "-" {
        return assignment(words.get(1)?, 0);
    }
    let name = first.text.strip_suffix(':')?;
    let suffix = name.strip_prefix("MESOS_")?;
    if !is_identifier(name) {
        return None;
    }
    let value = words.get(1)?;
    Some(RawSetting {
        origin: Origin::Env,
        form: ArgForm::Flag,
        name: Spanned::new(name.to_owned(), first.span_of(0, name.len())),
        display: name.to_owned(),
        key: suffix.to_ascii_lowercase(),
        value: Some(Spanned::new(value.text.clone(), value.span())),
        whole: first.span().cover(value.span()),
        unknown: value.expansion || has_placeholder(&value.text),
    })
}

/// The daemon a Docker image runs, from its name (`mesosphere/mesos-master:1.0.1`).
pub(super) fn image_role(image: &str) -> Option<Role> {
    let name = image.rsplit('/').next().unwrap_or(image);
    let name = name.split(':').next().unwrap_or(name);
    binary_role(name)
}

/// `docker run [options] mesosphere/mesos-master[:tag] [flags]`.
pub(super) fn docker_run(words: &[Word], from: usize) -> Option<Invocation> {
    let mut env = Vec::new();
    let mut i = from;
    while let Some(word) = words.get(i) {
        let text = word.text.as_str();
        if text == "-e" || text == "--env" {
            if let Some(s) = words.get(i + 1).and_then(|w| assignment(w, 0)) {
                env.push(s);
            }
            i += 2;
            continue;
        }
        if let Some(rest) = text
            .strip_prefix("--env=")
            .or_else(|| text.strip_prefix("-e="))
        {
            if let Some(s) = assignment(word, text.len() - rest.len()) {
                env.push(s);
            }
            i += 1;
            continue;
        }
        if text.starts_with('-') {
            i += if OPTIONS_WITH_ARGUMENT.contains(&text) {
                2
            } else {
                1
            };
            continue;
        }
        let role = image_role(text)?;
        let known_mesos = images::lookup(text).is_some_and(|i| matches!(i.runs, Runs::Mesos(_)));
        if known_mesos && mesos_container_is_host(&words[from..i]) {
            // A host of its own, read by `crate::parse::docker_run`.
            return None;
        }
        return Some(Invocation {
            role,
            binary: Spanned::new(text.to_owned(), word.span()),
            env,
            args_from: i + 1,
            docker: true,
            env_files: env_file_options(&words[from..i]),
        });
    }
    None
}
