//! Tables of what the daemons read: keys, types, defaults and the releases that know them.

pub mod zookeeper;
