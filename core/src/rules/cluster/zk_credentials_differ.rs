use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// Some zk URLs carry credentials and others do not.
    ///
    /// ## What it finds
    /// In one cluster, zk URLs with `user:password@` and zk URLs without.
    ///
    /// ## Why it matters
    /// Mesos creates its znodes with an ACL that gives write access only to the credentials that
    /// created them. A master without the credentials cannot take part in the election it must
    /// join (`not authenticated`), and a mix makes failures depend on which master started
    /// first.
    ///
    /// ## How to fix
    /// Give every master (and, if your ACLs need it, every agent) the same credentials, ideally
    /// through a `file://` URL that is not world-readable.
    ///
    /// ## Example
    /// `--zk=zk://mesos:****@zk1:2181/mesos` on one master, `--zk=zk://zk1:2181/mesos` on another.
    pub static ZK_CREDENTIALS_DIFFER = Rule {
        code: "CX104",
        name: "zk_credentials_differ",
        severity: Severity::Warning,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let urls = ctx.zk_urls();
    let Some(with) = urls.iter().find(|u| u.url.credentials.is_some()) else {
        return Vec::new();
    };
    let Some(credentials) = with.url.credentials else {
        return Vec::new();
    };
    urls.iter()
        .filter(|u| u.url.credentials.is_none())
        .map(|u| {
            Finding::new(format!(
                "{}'s `{}` has no ZooKeeper credentials, but {}'s has",
                u.who(),
                u.flag,
                with.who()
            ))
            .primary(u.url.raw.span, "no `user:password@`")
            .secondary(credentials, format!("{} authenticates", with.who()))
            .help("use the same credentials in every zk URL")
        })
        .collect()
}
