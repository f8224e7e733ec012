//! Static knowledge about the daemons meslint checks: which settings exist, in which releases,
//! and what values they take. Pure data plus lookups; no parsing, no rules.

pub mod images;
pub mod mesos;
pub mod zookeeper;
