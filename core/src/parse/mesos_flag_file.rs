//! Reads one file of the one-file-per-flag layout of the Mesosphere packages:
//! `/etc/mesos-master/<flag>`, `/etc/mesos-slave/<flag>` (and `/etc/mesos-agent/<flag>`), and
//! `/etc/mesos/zk`.
//!
//! The init wrapper passes each file as `--<name>=$(cat file)`: trailing newlines go, inner
//! ones stay, an empty file gives an empty value, and a name starting with `?` gives a bare
//! boolean flag. Any other file name, an editor leftover such as `zk~` included, becomes a
//! flag of that name; the loader reports it when Mesos does not know it.

use crate::model::mesos::{
    ArgForm, MesosProblem, MesosSource, Origin, RawSetting, Role, SourceKind,
};
use crate::parse::Sink;
use crate::parse::mesos_words::mask_secrets;
use crate::settings::Settings;
use crate::source::{FileId, Span, Spanned};
use crate::template::has_placeholder;

/// The directories of the one-file-per-flag layout: `Some(Some(role))` for
/// `mesos-master`, `mesos-slave` and `mesos-agent`, `Some(None)` for `mesos` (which only
/// holds `zk`), `None` for any other directory.
#[allow(clippy::option_option)]
pub fn flag_dir_role(dir_name: &str) -> Option<Option<Role>> {
    match dir_name {
        "mesos-master" => Some(Some(Role::Master)),
        "mesos-slave" | "mesos-agent" => Some(Some(Role::Agent)),
        "mesos" => Some(None),
        _ => None,
    }
}

/// Reads one flag file. `dir_role` is the role of its directory (`mesos-master` or
/// `mesos-slave`/`mesos-agent`), `None` for `/etc/mesos/`.
pub fn parse_mesos_flag_file(
    file: FileId,
    dir_role: Option<Role>,
    file_name: &str,
    text: &str,
    _settings: &Settings,
    sink: &mut Sink,
) -> MesosSource {
    let kind = match dir_role {
        Some(_) => SourceKind::FlagFile,
        None => SourceKind::SharedZk,
    };
    let content = text.trim_end_matches('\n');
    let whole = Span::new(file, 0, content.len());
    let mut source = MesosSource::new(file, kind, dir_role, Span::point(file, 0));
    if dir_role.is_none() && file_name != "zk" {
        source.problems.push(MesosProblem::MisplacedFlagFile {
            whole,
            file_name: file_name.to_owned(),
        });
        return source;
    }
    let (name, value) = match file_name.strip_prefix('?') {
        Some(flag) => (flag, None),
        None => (file_name, Some(Spanned::new(content.to_owned(), whole))),
    };
    let setting = RawSetting {
        origin: Origin::FlagFile,
        form: ArgForm::Flag,
        name: Spanned::new(name.to_owned(), Span::point(file, 0)),
        display: file_name.to_owned(),
        key: name.to_ascii_lowercase(),
        value,
        whole,
        unknown: has_placeholder(content),
    };
    mask_secrets(&setting, sink);
    source.open_ended = setting.unknown;
    source.settings.push(setting);
    source
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;
    use proptest::prelude::*;

    fn parse(role: Option<Role>, name: &str, text: &str) -> (MesosSource, Sink) {
        let mut map = SourceMap::new();
        let file = map.add(name, text.as_bytes());
        let mut sink = Sink::default();
        let source = parse_mesos_flag_file(file, role, name, text, &Settings::default(), &mut sink);
        (source, sink)
    }

    #[test]
    fn flag_files() {
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            ("quorum", "2\n", "quorum", Some("2")),
            ("quorum", "2\n\n", "quorum", Some("2")),
            ("hostname", "", "hostname", Some("")),
            ("attributes", "a:1\nb:2\n", "attributes", Some("a:1\nb:2")),
            ("?switch_user", "", "switch_user", None),
            ("?no-switch_user", "", "no-switch_user", None),
            ("zk~", "zk://a:2181/m\n", "zk~", Some("zk://a:2181/m")),
            ("quorum", "2 \n", "quorum", Some("2 ")),
        ];
        for (name, text, key, value) in cases {
            let (source, _) = parse(Some(Role::Master), name, text);
            let s = &source.settings[0];
            assert_eq!(s.key, *key, "{name}");
            assert_eq!(s.value.as_ref().map(|v| v.value.as_str()), *value, "{name}");
        }
    }

    #[test]
    fn directories() {
        assert_eq!(flag_dir_role("mesos-master"), Some(Some(Role::Master)));
        assert_eq!(flag_dir_role("mesos-agent"), Some(Some(Role::Agent)));
        assert_eq!(flag_dir_role("mesos"), Some(None));
        assert_eq!(flag_dir_role("zookeeper"), None);
    }

    #[test]
    fn etc_mesos_holds_only_zk() {
        let (source, sink) = parse(None, "zk", "zk://u:p@a:2181/m\n");
        assert_eq!(source.kind, SourceKind::SharedZk);
        assert_eq!(source.settings.len(), 1);
        assert_eq!(sink.secrets.len(), 1);
        let (source, _) = parse(None, "quorum", "2\n");
        assert!(source.settings.is_empty());
        assert!(
            matches!(
                source.problems.as_slice(),
                [MesosProblem::MisplacedFlagFile { file_name, .. }] if file_name == "quorum"
            ),
            "{:?}",
            source.problems
        );
    }

    proptest! {
        #[test]
        fn never_panics(name in "\\PC{0,12}", s in "\\PC*") {
            let _ = parse(Some(Role::Agent), &name, &s);
            let _ = parse(None, &name, &s);
        }

        #[test]
        fn never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..100)) {
            let (s, _) = crate::source::decode(&b);
            let _ = parse(Some(Role::Master), "zk", &s);
        }
    }
}
