//! Rules about the live cluster, raised by `meslint --probe` after it has asked the running
//! ZooKeeper servers (`srvr`) and opened a client session through each zk URL.
//!
//! The probe does network IO, so it lives in the CLI; these declarations give its findings
//! their identity and docs like every other rule, and the CLI stamps them through
//! [`Rule::report`](crate::rules::Rule::report). Their check is [`live`]: the files hold nothing
//! these rules read. No static fixture can fire them: `tests/probe.rs` covers each one against
//! a real ZooKeeper.

pub mod four_letter_word_refused;
pub mod leaderless_ensemble;
pub mod master_registration_differs;
pub mod multiple_leaders;
pub mod registered_masters_below_quorum;
pub mod standalone_ensemble_member;
pub mod unlisted_server_answers;
pub mod zk_chroot_missing;
pub mod zk_server_unreachable;
pub mod zk_session_failed;
pub mod zk_version_differs;

/// The code family of these rules.
pub const FAMILY: &str = "PR";

/// The check of every probe rule: the model built from files holds no live answers, so it
/// finds nothing; `meslint --probe` raises these findings from what the servers answer.
pub(crate) fn live(_: &crate::rules::Context<'_>) -> Vec<crate::diagnostic::Finding> {
    Vec::new()
}
