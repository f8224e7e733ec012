//! Rules about the live cluster, raised by `meslint --probe` after it has asked the running
//! ZooKeeper servers (`srvr`) and opened a client session through each zk URL.
//!
//! The probe does network IO, so the asking lives in the CLI; what it heard reaches these
//! rules as plain data ([`Live`], through [`Context::live`]), and each rule's check turns its
//! part into findings like every other rule. Without live answers they find nothing. No
//! static fixture can fire them: `tests/probe.rs` covers each one against a real ZooKeeper.

// Without the `live` feature the checks are left out (see `live_check!`), and what only they use.
#![cfg_attr(not(feature = "live"), allow(dead_code, unused_imports))]

use crate::diagnostic::Finding;
use crate::model::live::Target;
use crate::source::Span;
use crate::version::ZkVersion;

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

/// The check of every rule here in a build without the `live` feature: nothing was heard.
#[cfg(not(feature = "live"))]
pub fn without_live(_: &crate::rules::Context<'_>) -> Vec<Finding> {
    Vec::new()
}

/// The code family of these rules.
pub const FAMILY: &str = "PR";

/// Where a target is declared: its server line (or clientPort), else its first URL mention.
fn where_declared(target: &Target) -> (Span, &'static str) {
    match &target.server {
        Some(server) => (server.span, "ZooKeeper server"),
        None => (target.anchor, "zk URL host"),
    }
}

/// Adds the zk URLs that list a target, apart from the place the finding points at.
fn with_urls(target: &Target, mut finding: Finding) -> Finding {
    let (primary, _) = where_declared(target);
    for url in &target.urls {
        if url.span != primary {
            finding = finding.secondary(url.span, format!("in {}'s zk URL", url.who));
        }
    }
    finding
}

/// `3.8` of `3.8.0`.
fn minor_of(version: &str) -> Option<String> {
    let mut parts = version.split('.');
    Some(format!("{}.{}", parts.next()?, parts.next()?))
}

fn version_is(version: &str, target: ZkVersion) -> bool {
    minor_of(version).and_then(|m| m.parse::<ZkVersion>().ok()) == Some(target)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_minor_release() {
        assert!(version_is("3.8.0", ZkVersion::V3_8));
        assert!(!version_is("3.8.0", ZkVersion::V3_7));
        assert!(!version_is("garbage", ZkVersion::V3_8));
    }
}
