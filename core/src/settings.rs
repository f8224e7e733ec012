//! What a lint run targets: the ZooKeeper and Mesos releases.

use crate::version::{MesosVersion, ZkVersion};

/// The knobs of one lint run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub zookeeper: ZkVersion,
    pub mesos: MesosVersion,
}
