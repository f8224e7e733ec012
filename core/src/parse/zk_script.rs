//! The ZooKeeper files a provisioning script writes on its machine: a zoo.cfg from a
//! here-document to an absolute path (`cat > /etc/zookeeper/conf/zoo.cfg <<EOF`, `cat <<EOF |
//! sudo tee /opt/zookeeper/conf/zoo.cfg`) and a myid with `echo` (`echo 2 >
//! /var/lib/zookeeper/myid`). A zoo.cfg generated to a relative path is for somewhere else (a
//! container that mounts it, with volumes of its own) and is not read.
//!
//! The zoo.cfg is parsed from a copy of the script in which everything but the here-document's
//! body is blanked, so its spans point into the script. A zoo.cfg the script goes on to change
//! (`echo "server.$i=..." >> zoo.cfg` in a loop, `sed -i`), or whose here-document is appended
//! to the file the package ships (`cat <<EOF >> zoo.cfg`), holds lines meslint cannot know: it
//! is read as a template, whose missing parts are not findings.

use crate::layout::is_zoo_cfg_name;
use crate::model::zookeeper::{MyId, ZooCfg};
use crate::parse::Sink;
use crate::parse::myid::written_myid;
use crate::parse::shell::{Command, Write, last_writes, split_commands, written_files};
use crate::parse::zoo_cfg::parse_zoo_cfg;
use crate::settings::Settings;
use crate::source::{FileId, Span};

/// What a script writes for ZooKeeper.
#[derive(Debug)]
pub struct ScriptZk {
    pub config: ZooCfg,
    /// The myid the script writes, with the path it writes it to (`/var/lib/zookeeper/myid`).
    pub myid: Option<(String, MyId)>,
}

/// The zoo.cfg (and myid) the script writes; `None` unless it writes exactly one zoo.cfg from
/// a here-document (a script that writes several is a pseudo-cluster generator whose files
/// meslint cannot tell apart).
pub fn written_by_script(
    file: FileId,
    text: &str,
    settings: &Settings,
    sink: &mut Sink,
) -> Option<ScriptZk> {
    let commands = split_commands(file, text, 0..text.len());
    let writes = last_writes(written_files(&commands, text));
    // Only a file installed on the machine the script runs on: a relative path is a file
    // generated for somewhere else (a container's mounted configuration, with its own volumes).
    let mut configs = writes.iter().filter(|w| {
        w.heredoc
            && w.path.text.starts_with('/')
            && base_name(&w.path.text).is_some_and(is_zoo_cfg_name)
    });
    let written = configs.next()?;
    if configs.next().is_some() {
        return None;
    }
    let body = written.content.span;
    let mut config = parse_zoo_cfg(file, &only(text, body), settings, sink);
    config.end = Span::point(file, body.end as usize);
    // Appended to the packaged file (`cat <<EOF >> zoo.cfg`), or changed afterwards: the file
    // holds lines meslint cannot see.
    config.is_template |= written.appends || written.appended || changed_later(&commands, written);
    let myid = writes
        .iter()
        .rfind(|w| base_name(&w.path.text) == Some("myid"))
        .map(|w| (w.path.text.clone(), written_myid(&w.content)));
    Some(ScriptZk { config, myid })
}

fn base_name(path: &str) -> Option<&str> {
    path.rsplit('/').next().filter(|n| !n.is_empty())
}

/// `text` with every byte outside `keep` blanked but line ends: same length, same lines.
fn only(text: &str, keep: Span) -> String {
    let keep = keep.range();
    let bytes = text
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            if keep.contains(&i) || b == b'\n' {
                b
            } else {
                b' '
            }
        })
        .collect();
    // `keep` starts and ends at line starts, so what stays is whole characters.
    String::from_utf8(bytes).unwrap_or_default()
}

/// True when a command after the write changes the file in place or replaces it (`sed -i`,
/// `cp`, `mv`, ...); appends are [`Write::appended`].
fn changed_later(commands: &[Command], written: &Write<'_>) -> bool {
    const EDITORS: &[&str] = &[
        "sed", "perl", "awk", "tee", "cp", "mv", "ln", "install", "envsubst", "crudini",
    ];
    let path = written.path.text.as_str();
    commands.iter().skip(written.command + 1).any(|c| {
        let writes_it = c.output.as_ref().is_some_and(|o| o.text == path);
        let words = match c.words.first() {
            Some(w) if w.text == "sudo" => &c.words[1..],
            _ => &c.words[..],
        };
        let edits_it = words
            .first()
            .is_some_and(|w| EDITORS.contains(&w.text.as_str()))
            && words.iter().skip(1).any(|w| w.text == path);
        writes_it || edits_it
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;
    use proptest::prelude::*;

    fn read(text: &str) -> Option<ScriptZk> {
        let mut map = SourceMap::new();
        let file = map.add("provision.sh", text.as_bytes());
        written_by_script(file, text, &Settings::default(), &mut Sink::default())
    }

    const CFG: &str = "cat > /etc/zookeeper/conf/zoo.cfg <<EOF\ntickTime=2000\n\
                       dataDir=/var/lib/zookeeper\nserver.1=a:2888:3888\nserver.2=b:2888:3888\nEOF\n";

    #[test]
    fn reads_the_zoo_cfg_of_a_here_document_with_spans_into_the_script() {
        let text = format!("#!/bin/sh\n{CFG}echo 2 > /var/lib/zookeeper/myid\n");
        let written = read(&text).expect("a zoo.cfg");
        let config = &written.config;
        assert!(!config.is_template);
        assert_eq!(config.servers.len(), 2);
        assert_eq!(&text[config.servers[1].value.span.range()], "b:2888:3888");
        assert_eq!(&text[config.end.range()], "");
        assert_eq!(
            config.end.start as usize,
            text.find("EOF\necho").expect("end")
        );
        let (path, myid) = written.myid.expect("a myid");
        assert_eq!(path, "/var/lib/zookeeper/myid");
        assert_eq!(myid.id.map(|i| i.value), Some(2));
        assert_eq!(&text[myid.first_line.span.range()], "2");
    }

    #[test]
    fn a_zoo_cfg_changed_later_is_a_template() {
        for later in [
            "echo \"server.3=c:2888:3888\" >> /etc/zookeeper/conf/zoo.cfg\n",
            "sudo sed -i s/a/b/ /etc/zookeeper/conf/zoo.cfg\n",
            "cp /vagrant/zoo.cfg /etc/zookeeper/conf/zoo.cfg\n",
        ] {
            let written = read(&format!("{CFG}{later}")).expect("a zoo.cfg");
            assert!(written.config.is_template, "{later}");
        }
        let appended = read(&CFG.replace("cat >", "cat >>")).expect("a zoo.cfg");
        assert!(appended.config.is_template, "appended to the packaged file");
        let shown = read(&format!("{CFG}cat /etc/zookeeper/conf/zoo.cfg\n")).expect("a zoo.cfg");
        assert!(!shown.config.is_template);
    }

    #[test]
    fn reads_no_zoo_cfg_it_cannot_place() {
        // Printed only; written to another file; two zoo.cfg files (a pseudo-cluster).
        assert!(read("cat <<EOF\ntickTime=2000\nEOF\n").is_none());
        assert!(read("cat > /tmp/notes <<EOF\ntickTime=2000\nEOF\n").is_none());
        // Generated into the project for a container to mount.
        assert!(read(&CFG.replace("/etc/zookeeper/conf/", "zookeeper/conf/")).is_none());
        let two = format!("{CFG}{}", CFG.replace("zoo.cfg", "zoo2.cfg"));
        assert!(read(&two).is_none());
        // The same zoo.cfg written in both branches of an `if`: the last write counts.
        let both = format!("{CFG}{}", CFG.replace("server.2=b", "server.2=c"));
        let written = read(&both).expect("a zoo.cfg");
        assert_eq!(written.config.servers[1].value.value, "c:2888:3888");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC*", body in "[a-z=.:\\n${}]{0,40}") {
            let _ = read(&s);
            let _ = read(&format!("cat > zoo.cfg <<E\n{body}\nE\n{s}"));
            let _ = read(&format!("cat <<-'E' | tee zoo.cfg\n\t{body}"));
        }
    }
}
