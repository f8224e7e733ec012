//! Builds the [`Cluster`] model from classified files: parses each file with its parser, then
//! places ZooKeeper servers and Mesos processes on hosts.

use crate::layout::FileKind;
use crate::model::Cluster;
use crate::parse::Sink;
use crate::settings::Settings;
use crate::source::{FileId, SourceMap};

/// Parses every file and assembles the hosts.
pub fn cluster(
    sources: &SourceMap,
    files: &[(FileId, FileKind)],
    settings: &Settings,
    sink: &mut Sink,
) -> Cluster {
    let _ = (sources, files, settings, sink);
    Cluster::default()
}
