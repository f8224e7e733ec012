//! What a rule's check sees: the model, the settings, and the cross-host views several rules
//! share, each built once per run on first use.

use std::cell::{Cell, OnceCell};

use crate::model::Cluster;
use crate::model::ensemble::Ensemble;
use crate::model::identity::Identities;
use crate::model::live::Live;
use crate::rules::cluster::masters::Masters;
use crate::rules::cluster::urls::{self, UrlUse};
use crate::settings::Settings;

/// The model and settings of one run, with the shared views over them. Rules read only this:
/// never raw text.
pub struct Context<'a> {
    pub cluster: &'a Cluster,
    pub settings: &'a Settings,
    live: Option<&'a Live>,
    ensemble: OnceCell<Option<Ensemble<'a>>>,
    identities: OnceCell<Identities>,
    masters: OnceCell<Masters<'a>>,
    zk_urls: OnceCell<Vec<UrlUse<'a>>>,
    builds: Cell<Builds>,
}

/// How often each view was built; each must be built at most once per run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Builds {
    pub ensemble: usize,
    pub identities: usize,
    pub masters: usize,
    pub zk_urls: usize,
}

impl<'a> Context<'a> {
    pub fn new(cluster: &'a Cluster, settings: &'a Settings) -> Self {
        Context {
            cluster,
            settings,
            live: None,
            ensemble: OnceCell::new(),
            identities: OnceCell::new(),
            masters: OnceCell::new(),
            zk_urls: OnceCell::new(),
            builds: Cell::new(Builds::default()),
        }
    }

    /// The same context with what the running cluster answered (`meslint --probe`).
    pub fn with_live(mut self, live: &'a Live) -> Self {
        self.live = Some(live);
        self
    }

    /// What the running cluster answered, when it was asked; the files alone hold nothing.
    pub fn live(&self) -> Option<&'a Live> {
        self.live
    }

    /// The ensemble most ZooKeeper servers agree on, when any server lists one.
    pub fn ensemble(&self) -> Option<&Ensemble<'a>> {
        self.ensemble
            .get_or_init(|| {
                self.count(|b| b.ensemble += 1);
                self.cluster.ensemble()
            })
            .as_ref()
    }

    /// Which names and addresses stand for the same machine.
    pub fn identities(&self) -> &Identities {
        self.identities.get_or_init(|| {
            self.count(|b| b.identities += 1);
            Identities::new(self.cluster, self.settings)
        })
    }

    /// The Mesos masters, and how many the cluster runs.
    pub fn masters(&self) -> &Masters<'a> {
        self.masters.get_or_init(|| {
            self.count(|b| b.masters += 1);
            Masters::of(self.cluster, self.settings)
        })
    }

    /// Every known, non-template `zk://` URL of masters and agents, with who uses it.
    pub fn zk_urls(&self) -> &[UrlUse<'a>] {
        self.zk_urls.get_or_init(|| {
            self.count(|b| b.zk_urls += 1);
            urls::zk_urls(self.cluster)
        })
    }

    /// How often each shared view has been built so far.
    pub fn builds(&self) -> Builds {
        self.builds.get()
    }

    fn count(&self, f: impl FnOnce(&mut Builds)) {
        let mut builds = self.builds.get();
        f(&mut builds);
        self.builds.set(builds);
    }
}
