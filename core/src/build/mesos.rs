//! Places Mesos masters and agents on a host from the files that configure them.

use super::Placed;
use crate::model::Host;
use crate::parse::Sink;
use crate::settings::Settings;
use crate::source::SourceMap;

/// Builds the Mesos processes of one host.
pub fn processes(
    host: &mut Host,
    placed: &[Placed<'_>],
    sources: &SourceMap,
    settings: &Settings,
    sink: &mut Sink,
) {
    let _ = (host, placed, sources, settings, sink);
}
