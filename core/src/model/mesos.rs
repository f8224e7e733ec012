//! The Mesos side of the model: masters and agents with their effective flags.

/// One Mesos master or agent with the flags it would run with.
#[derive(Clone, Debug, Default)]
pub struct MesosProcess {}
