//! Rules that read the whole cluster: what no single daemon checks because it sees one host.
//!
//! `CZ` rules compare ZooKeeper servers with each other, `CM` rules compare Mesos masters, and
//! `CX` rules cross from Mesos to ZooKeeper (zk URLs against the ensemble) and from agents to
//! masters.

pub mod duplicate_myid;
pub mod ensemble_settings_differ;
pub mod myid_missing;
pub mod myid_outside_data_dir;
pub mod myid_selects_other_host;
pub mod port_clash;
pub mod server_lists_differ;
