//! The verdict rule: when meslint and ZooKeeper agree.

use super::*;

/// An error meslint may report on a file ZooKeeper's parser accepts.
pub(crate) struct Allowed {
    /// The rule's name (stable across code renumbering).
    pub(crate) name: &'static str,
    /// Why the server still does not come up (or certainly loses data).
    pub(crate) why: &'static str,
    /// Extra evidence the judge must show; `None` when the rule's name is enough.
    pub(crate) needs: Option<fn(&Judged) -> bool>,
}

/// Errors that are real start-up failures although `parse()` returns normally. Each entry is
/// explained in `docs/conformance.md`.
pub(crate) const ALLOWED: &[Allowed] = &[
    Allowed {
        name: "myid_not_in_server_list",
        why: "QuorumPeer refuses to start: `My id N not in the peer list`",
        needs: Some(|j| j.fact("myid_listed") == Some("false")),
    },
    Allowed {
        name: "port_clash",
        why: "two listeners of this server on one port: the second bind fails at start-up",
        needs: Some(|j| j.fact("port_clash").is_some_and(|v| v != "none")),
    },
    Allowed {
        name: "same_quorum_and_election_port",
        why: "ZooKeeper 3.4 accepts the line, but that server cannot bind its election port",
        needs: Some(|j| j.fact("shared_port_sids").is_some_and(|v| v != "none")),
    },
    Allowed {
        name: "invalid_server_cnxn_factory",
        why: "the client connection factory cannot be created, or is NIO with a TLS port",
        needs: Some(|j| j.fact("cnxn_factory").is_some_and(|v| v != "ok")),
    },
];

/// What ZooKeeper said about one case.
#[derive(Clone, Debug)]
pub(crate) struct Judged {
    pub(crate) verdict: Verdict,
    /// The exception chain on ERROR, the facts on OK, the reason on SKIP.
    pub(crate) detail: String,
    /// The `dataDir` ZooKeeper read (where it looks for `myid`); empty when unset.
    pub(crate) data_dir: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Ok,
    Error,
    Skip,
}

impl Judged {
    pub(crate) fn fact(&self, key: &str) -> Option<&str> {
        self.detail.split(' ').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == key).then_some(v)
        })
    }
}

/// How one case came out for one version.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Agree,
    /// ZooKeeper rejected, meslint found no error.
    Missed,
    /// ZooKeeper accepted, meslint reported errors that are not allowed.
    Noise(Vec<&'static str>),
    /// ZooKeeper's answer depends on files meslint cannot see (a myid or dynamic file outside
    /// the case), or the judge did not run the case.
    Excused(&'static str),
}

pub(crate) fn verdict(
    case: &Case,
    dir: &Path,
    judged: &Judged,
    diagnostics: &[Diagnostic],
) -> Outcome {
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    match judged.verdict {
        Verdict::Skip => Outcome::Excused("not judged"),
        Verdict::Error if errors.is_empty() => {
            if judged.detail.contains("myid file is missing") && !case.myid_in_data_dir(dir, judged)
            {
                Outcome::Excused("myid outside the case")
            } else if judged
                .detail
                .contains("metrics provider class was not found")
            {
                // Whether a class loads depends on the server's classpath, not on the file.
                Outcome::Excused("class not on the judge's classpath")
            } else if judged.detail.contains("FileNotFoundException") {
                // Every file of the case exists, so ZooKeeper looked for one meslint never saw
                // (a dynamic file under another name, or a relative path).
                Outcome::Excused("file outside the case")
            } else {
                Outcome::Missed
            }
        }
        Verdict::Error => Outcome::Agree,
        Verdict::Ok => {
            let noise: Vec<&'static str> = errors
                .iter()
                .filter(|d| {
                    !ALLOWED
                        .iter()
                        .any(|a| a.name == d.name && a.needs.is_none_or(|needs| needs(judged)))
                })
                .map(|d| d.code)
                .collect();
            let myid_rule =
                |d: &&&Diagnostic| d.name == "invalid_myid" || d.name.starts_with("myid_");
            if noise.is_empty() {
                Outcome::Agree
            } else if case.myid.is_some()
                && !case.myid_in_data_dir(dir, judged)
                && errors
                    .iter()
                    .filter(|d| noise.contains(&d.code))
                    .all(|d| myid_rule(&d))
            {
                // meslint judged the myid beside zoo.cfg; ZooKeeper looked in another dataDir.
                Outcome::Excused("myid outside the case")
            } else {
                Outcome::Noise(noise)
            }
        }
    }
}
