//! The typed model rules read: hosts, their ZooKeeper servers and Mesos processes.
//!
//! Every value a rule may point at is [`Spanned`](crate::source::Spanned). The model is built
//! by [`crate::parse`] and [`crate::layout`]; rules never see raw text.

/// The whole cluster as meslint understood it from the input files.
#[derive(Clone, Debug, Default)]
pub struct Cluster {}
