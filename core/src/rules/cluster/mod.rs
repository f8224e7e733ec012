//! Rules that read the whole cluster: what no single daemon checks because it sees one host.
//!
//! `CZ` rules compare ZooKeeper servers with each other, `CM` rules compare Mesos masters, and
//! `CX` rules cross from Mesos to ZooKeeper (zk URLs against the ensemble) and from agents to
//! masters.

pub mod agent_master_unknown;
pub mod agent_zk_host_typo;
pub mod duplicate_myid;
pub mod ensemble_settings_differ;
pub mod in_memory_registry_ha;
pub mod master_count_unknown;
pub mod master_settings_differ;
pub mod mesos_port_clash;
pub mod myid_missing;
pub mod myid_outside_data_dir;
pub mod myid_selects_other_host;
pub mod port_clash;
pub mod quorum_not_majority;
pub mod quorum_unreachable;
pub mod server_lists_differ;
pub mod shared_data_dir;
pub mod shared_master_address;
pub mod zk_credentials_differ;
pub mod zk_missing_with_masters;
pub mod zk_path_differs;
pub mod zk_url_loopback;
pub mod zk_url_outside_ensemble;
pub mod zk_url_partial_ensemble;

pub(crate) mod masters;
pub(crate) mod urls;
