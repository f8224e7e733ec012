//! The ZooKeeper side of the model: a server's zoo.cfg, myid and dynamic file.

/// One ZooKeeper server: its static config with the myid and dynamic file that belong to it.
#[derive(Clone, Debug, Default)]
pub struct ZkServer {}
