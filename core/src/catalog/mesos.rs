//! Every flag `mesos-master` and `mesos-agent` know in Mesos 1.0 to 1.11: its value type,
//! default, the releases that have it, and the deprecated names that still reach it.
//!
//! This module only answers questions about names; it does not parse values (see
//! `parse/mesos_values.rs`) and it does not know where a flag was written.

use crate::version::MesosVersion;

/// Which daemon a flag belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Master,
    Agent,
}

impl Role {
    /// The binary name as the help text of that daemon spells it.
    pub fn binary(self) -> &'static str {
        match self {
            Role::Master => "mesos-master",
            Role::Agent => "mesos-agent",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Master => "master",
            Role::Agent => "agent",
        }
    }

    /// The other daemon.
    pub fn other(self) -> Role {
        match self {
            Role::Master => Role::Agent,
            Role::Agent => Role::Master,
        }
    }
}

/// What a flag's value must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Bool,
    /// A signed integer (`--quorum`, `--logbufsecs`).
    Int,
    /// An unsigned integer; a leading `-` wraps around instead of failing.
    Uint,
    /// A port number, 0 to 65535.
    Uint16,
    Double,
    /// `<number><unit>` with the units `ns us ms secs mins hrs days weeks`.
    Duration,
    /// `<integer><unit>` with the units `B KB MB GB TB`.
    Bytes,
    /// An IPv4 literal.
    Ip,
    /// An IPv6 literal.
    Ip6,
    Path,
    /// A path to a file holding credentials or keys; the path itself is not secret, content
    /// written inline in its place would be.
    SecretPath,
    /// Free text, or the name of a module.
    Str,
    /// One of a fixed set of words, case-sensitive.
    Enum(&'static [&'static str]),
    /// Inline JSON, `file://` or (deprecated) an absolute path.
    Json,
    /// A comma-separated list of names.
    List,
    /// A comma-separated list of unsigned integers.
    UintList,
    /// The master's `--zk`: a `zk://` URL or `file://`.
    ZkUrl,
    /// The agent's `--master`: `zk://`, `file://`, `host:port` or `master@host:port`.
    MasterUrl,
    /// `<agents>/<Duration>`, e.g. `1/10mins`.
    Rate,
    /// `<number>%`.
    Percent,
    /// Ranges such as `[5000-10000]`.
    Range,
    /// Resources text or JSON.
    Resources,
    /// `key:value;key:value`.
    Attributes,
}

impl ValueType {
    /// True for types whose empty value is still a valid value.
    pub fn accepts_empty(self) -> bool {
        matches!(
            self,
            ValueType::Bool
                | ValueType::Str
                | ValueType::Path
                | ValueType::SecretPath
                | ValueType::List
                | ValueType::Attributes
        )
    }
}

/// Whether Mesos insists on a flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Required {
    No,
    /// Declared required: the loader fails without it.
    Yes,
    /// Required only together with other flags; the rule that checks it knows when.
    Conditional,
}

/// The minor release of a flag that only exists on the unreleased branch after 1.11.
pub const UNRELEASED: u8 = 12;

/// One flag of one daemon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlagSpec {
    pub name: &'static str,
    pub ty: ValueType,
    /// The default as Mesos prints it, when there is a fixed one.
    pub default: Option<&'static str>,
    pub required: Required,
    /// First minor release (1.x) that has the flag; 0 covers everything up to 1.0.
    pub since: u8,
    /// First minor release that no longer has it.
    pub removed: Option<u8>,
    /// Minor release from which Mesos calls the name deprecated.
    pub deprecated: Option<u8>,
    /// For a deprecated alias: the canonical name it stands for.
    pub alias_of: Option<&'static str>,
    /// True when the flag names a file with credentials or keys.
    pub secret: bool,
}

const fn flag(name: &'static str, ty: ValueType) -> FlagSpec {
    FlagSpec {
        name,
        ty,
        default: None,
        required: Required::No,
        since: 0,
        removed: None,
        deprecated: None,
        alias_of: None,
        secret: false,
    }
}

impl FlagSpec {
    const fn def(mut self, default: &'static str) -> Self {
        self.default = Some(default);
        self
    }

    const fn since(mut self, minor: u8) -> Self {
        self.since = minor;
        self
    }

    const fn removed(mut self, minor: u8) -> Self {
        self.removed = Some(minor);
        self
    }

    const fn deprecated(mut self, minor: u8) -> Self {
        self.deprecated = Some(minor);
        self
    }

    const fn alias(mut self, canonical: &'static str, deprecated_in: u8) -> Self {
        self.alias_of = Some(canonical);
        self.deprecated = Some(deprecated_in);
        self
    }

    const fn required(mut self, required: Required) -> Self {
        self.required = required;
        self
    }

    const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }

    /// Whether the flag exists in `version`.
    pub fn availability(&self, version: MesosVersion) -> Availability {
        if version.minor() < self.since {
            if self.since >= UNRELEASED {
                Availability::Unreleased
            } else {
                Availability::NotYet(MesosVersion::new(self.since))
            }
        } else if let Some(removed) = self.removed.filter(|r| version.minor() >= *r) {
            Availability::Removed(MesosVersion::new(removed))
        } else {
            Availability::Available
        }
    }

    /// Whether Mesos `version` calls this name deprecated.
    pub fn is_deprecated_in(&self, version: MesosVersion) -> bool {
        self.deprecated.is_some_and(|d| version.minor() >= d)
    }
}

/// Whether a flag exists in the target release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    Available,
    /// Added in the given, later release.
    NotYet(MesosVersion),
    /// Removed in the given release.
    Removed(MesosVersion),
    /// Only on the development branch after 1.11; no release has it.
    Unreleased,
}

use ValueType::*;

const LOGGING_LEVELS: &[&str] = &["INFO", "WARNING", "ERROR"];
const SORTERS: &[&str] = &["drf", "random"];
/// `log_storage` is an undocumented legacy spelling of `replicated_log`.
pub const REGISTRIES: &[&str] = &["replicated_log", "in_memory", "log_storage"];
const RECOVER: &[&str] = &["reconnect", "cleanup"];
const RECONFIGURATION: &[&str] = &["equal", "additive"];
const LAUNCHERS: &[&str] = &["linux", "posix", "windows"];
const BACKENDS: &[&str] = &["aufs", "bind", "copy", "overlay"];

/// The flags both daemons take from the logging and libprocess layers.
macro_rules! common_flags {
    () => {
        [
            flag("advertise_ip", Ip),
            flag("advertise_port", Uint16),
            flag("external_log_file", Path),
            flag("help", Bool).def("false"),
            flag("hooks", List),
            flag("hostname", Str),
            flag("hostname_lookup", Bool).def("true"),
            flag("initialize_driver_logging", Bool).def("true"),
            flag("ip", Ip),
            flag("ip_discovery_command", Str),
            flag("log_dir", Path),
            flag("logbufsecs", Int).def("0"),
            flag("logging_level", Enum(LOGGING_LEVELS)).def("INFO"),
            flag("memory_profiling", Bool).def("false").since(6),
            flag("modules", Json),
            flag("modules_dir", Path),
            flag("quiet", Bool).def("false"),
            flag("version", Bool).def("false"),
        ]
    };
}

const COMMON: [FlagSpec; 18] = common_flags!();

/// Master flags other than the common ones, canonical names then deprecated aliases.
static MASTER: &[FlagSpec] = &[
    flag("acls", Json),
    flag("agent_ping_timeout", Duration).def("15secs"),
    flag("agent_removal_rate_limit", Rate),
    flag("agent_reregister_timeout", Duration).def("10mins"),
    flag("allocation_interval", Duration).def("1secs"),
    flag("allocator", Str).def("hierarchical"),
    flag("allocator_agent_recovery_factor", Double)
        .def("0.8")
        .since(11),
    flag("allocator_recovery_timeout", Duration)
        .def("10mins")
        .since(11),
    flag("authenticate_agents", Bool).def("false"),
    flag("authenticate_frameworks", Bool).def("false"),
    flag("authenticate_http_frameworks", Bool).def("false"),
    flag("authenticate_http_readonly", Bool).def("false"),
    flag("authenticate_http_readwrite", Bool).def("false"),
    flag("authentication_v0_timeout", Duration)
        .def("15secs")
        .since(7),
    flag("authenticators", Str).def("crammd5"),
    flag("authorizers", Str).def("local"),
    flag("cluster", Str),
    flag("credentials", SecretPath).secret(),
    flag("domain", Json).since(4),
    flag("fair_sharing_excluded_resource_names", List),
    flag("filter_gpu_resources", Bool).def("true").since(4),
    flag("firewall_rules", Json),
    flag("framework_sorter", Enum(SORTERS)).def("drf"),
    flag("http_authenticators", Str).def("basic"),
    flag("http_framework_authenticators", Str).required(Required::Conditional),
    flag("log_auto_initialize", Bool).def("true"),
    flag("master_contender", Str).required(Required::Conditional),
    flag("master_detector", Str).required(Required::Conditional),
    flag("max_agent_ping_timeouts", Uint).def("5"),
    flag("max_completed_frameworks", Uint).def("50"),
    flag("max_completed_tasks_per_framework", Uint).def("1000"),
    flag("max_executors_per_agent", Uint),
    flag("max_operator_event_stream_subscribers", Uint)
        .def("1000")
        .since(8),
    flag("max_unreachable_tasks_per_framework", Uint)
        .def("1000")
        .since(2),
    flag("min_allocatable_resources", Str)
        .def("cpus:0.01|mem:32")
        .since(7),
    flag("offer_constraints_re2_max_mem", Bytes)
        .def("4KB")
        .since(11),
    flag("offer_constraints_re2_max_program_size", Int)
        .def("100")
        .since(11),
    flag("offer_timeout", Duration),
    flag("port", Uint16).def("5050"),
    flag("publish_per_framework_metrics", Bool)
        .def("true")
        .since(8),
    flag("quorum", Int).required(Required::Conditional),
    flag("rate_limits", Json),
    flag("recovery_agent_removal_limit", Percent).def("100%"),
    flag("registry", Enum(REGISTRIES)).def("replicated_log"),
    flag("registry_fetch_timeout", Duration).def("1mins"),
    flag("registry_gc_interval", Duration)
        .def("15mins")
        .since(1),
    flag("registry_max_agent_age", Duration)
        .def("2weeks")
        .since(1),
    flag("registry_max_agent_count", Uint)
        .def("102400")
        .since(1),
    flag("registry_store_timeout", Duration).def("20secs"),
    flag("registry_strict", Bool).def("false").deprecated(0),
    flag("require_agent_domain", Bool).def("false").since(5),
    flag("role_sorter", Enum(SORTERS)).def("drf").since(7),
    flag("roles", List).deprecated(0),
    flag("root_submissions", Bool).def("true"),
    flag("webui_dir", Path),
    flag("weights", Str).deprecated(0),
    flag("whitelist", Path),
    flag("work_dir", Path).required(Required::Conditional),
    flag("zk", ZkUrl).required(Required::Conditional),
    flag("zk_session_timeout", Duration).def("10secs"),
    // Deprecated names that still set the canonical flag.
    flag("authenticate", Bool).alias("authenticate_frameworks", 0),
    flag("authenticate_http", Bool).alias("authenticate_http_readwrite", 0),
    flag("authenticate_slaves", Bool).alias("authenticate_agents", 0),
    flag("max_executors_per_slave", Uint).alias("max_executors_per_agent", 0),
    flag("max_slave_ping_timeouts", Uint).alias("max_agent_ping_timeouts", 0),
    flag("recovery_slave_removal_limit", Percent).alias("recovery_agent_removal_limit", 0),
    flag("slave_ping_timeout", Duration).alias("agent_ping_timeout", 0),
    flag("slave_removal_rate_limit", Rate).alias("agent_removal_rate_limit", 0),
    flag("slave_reregister_timeout", Duration).alias("agent_reregister_timeout", 0),
    flag("user_sorter", Enum(SORTERS)).alias("role_sorter", 7),
];

/// Agent flags other than the common ones, canonical names, aliases, then removed and
/// unreleased flags.
static AGENT: &[FlagSpec] = &[
    flag("acls", Json),
    flag("agent_features", Json).since(5),
    flag("agent_subsystems", List),
    flag("allowed_devices", Json).since(3),
    flag("appc_simple_discovery_uri_prefix", Str).def("http://"),
    flag("appc_store_dir", Path),
    flag("attributes", Attributes),
    flag("authenticate_http_executors", Bool)
        .def("false")
        .since(3),
    flag("authenticate_http_readonly", Bool).def("false"),
    flag("authenticate_http_readwrite", Bool).def("false"),
    flag("authenticatee", Str).def("crammd5"),
    flag("authentication_backoff_factor", Duration).def("1secs"),
    flag("authentication_timeout_max", Duration)
        .def("1mins")
        .since(7),
    flag("authentication_timeout_min", Duration)
        .def("5secs")
        .since(7),
    flag("authorizer", Str).def("local"),
    flag("bounding_capabilities", Json).since(4),
    flag("cgroups_cpu_enable_pids_and_tids_count", Bool).def("false"),
    flag("cgroups_destroy_timeout", Duration)
        .def("1mins")
        .since(7),
    flag("cgroups_enable_cfs", Bool).def("false"),
    flag("cgroups_hierarchy", Path).def("/sys/fs/cgroup"),
    flag("cgroups_limit_swap", Bool).def("false"),
    flag("cgroups_net_cls_primary_handle", Str),
    flag("cgroups_net_cls_secondary_handles", Str),
    flag("cgroups_root", Str).def("mesos"),
    flag("check_agent_port_range_only", Bool)
        .def("false")
        .since(5),
    flag("container_disk_watch_interval", Duration).def("15secs"),
    flag("container_logger", Str),
    flag("container_ports_isolated_range", Range).since(8),
    flag("container_ports_watch_interval", Duration)
        .def("30secs")
        .since(5),
    flag("containerizers", List).def("mesos"),
    flag("credential", SecretPath).secret(),
    flag("csi_plugin_config_dir", Path).since(11),
    flag("default_container_dns", Json).since(4),
    flag("default_container_info", Json),
    flag("default_container_shm_size", Bytes).since(9),
    flag("default_role", Str).def("*"),
    flag("disallow_sharing_agent_ipc_namespace", Bool)
        .def("false")
        .since(9),
    flag("disallow_sharing_agent_pid_namespace", Bool)
        .def("false")
        .since(4),
    flag("disk_profile_adaptor", Str).since(5),
    flag("disk_watch_interval", Duration).def("1mins"),
    flag("docker", Path).def("docker"),
    flag("docker_config", Json),
    flag("docker_ignore_runtime", Bool).def("false").since(9),
    flag("docker_kill_orphans", Bool).def("true"),
    flag("docker_mesos_image", Str),
    flag("docker_registry", Str).def("https://registry-1.docker.io"),
    flag("docker_remove_delay", Duration).def("6hrs"),
    flag("docker_socket", Path).def("/var/run/docker.sock"),
    flag("docker_stop_timeout", Duration)
        .def("0ns")
        .deprecated(0),
    flag("docker_store_dir", Path),
    flag("docker_volume_checkpoint_dir", Path).def("/var/run/mesos/isolators/docker/volume"),
    flag("docker_volume_chown", Bool).def("false").since(9),
    flag("domain", Json).since(4),
    flag("domain_socket_location", Path).since(10),
    flag("effective_capabilities", Json).since(4),
    flag("egress_flow_classifier_parent", Str).def("root"),
    flag("egress_rate_limit_per_container", Bytes),
    flag("egress_unique_flow_per_container", Bool).def("false"),
    flag("enforce_container_disk_quota", Bool).def("false"),
    flag("enforce_container_ports", Bool).def("false").since(7),
    flag("ephemeral_ports_per_container", Uint16).def("1024"),
    flag("eth0_name", Str),
    flag("executor_environment_variables", Json),
    flag("executor_registration_timeout", Duration).def("1mins"),
    flag("executor_reregistration_retry_interval", Duration).since(4),
    flag("executor_reregistration_timeout", Duration)
        .def("2secs")
        .since(4),
    flag("executor_shutdown_grace_period", Duration).def("5secs"),
    flag("fetcher_cache_dir", Path),
    flag("fetcher_cache_size", Bytes).def("2GB"),
    flag("fetcher_stall_timeout", Duration)
        .def("1mins")
        .since(6),
    flag("firewall_rules", Json),
    flag("frameworks_home", Path),
    flag("gc_delay", Duration).def("1weeks"),
    flag("gc_disk_headroom", Double).def("0.1"),
    flag("gc_non_executor_container_sandboxes", Bool)
        .def("false")
        .since(7),
    flag("hadoop_home", Path),
    flag("host_path_volume_force_creation", Str).since(8),
    flag("http_authenticators", Str),
    flag("http_command_executor", Bool).def("false"),
    flag("http_credentials", SecretPath).secret(),
    flag("http_executor_domain_sockets", Bool)
        .def("false")
        .since(10),
    flag("http_heartbeat_interval", Duration)
        .def("30secs")
        .since(2),
    flag("image_gc_config", Json).since(5),
    flag("image_providers", List),
    flag("image_provisioner_backend", Enum(BACKENDS)),
    flag("ip6", Ip6).since(4),
    flag("ip6_discovery_command", Str).since(4),
    flag("isolation", List).def("posix/cpu,posix/mem"),
    flag("jwt_secret_key", SecretPath).since(5).secret(),
    flag("launcher", Enum(LAUNCHERS)),
    flag("launcher_dir", Path),
    flag("lo_name", Str),
    flag("master", MasterUrl).required(Required::Conditional),
    flag("master_detector", Str).required(Required::Conditional),
    flag("max_completed_executors_per_framework", Uint)
        .def("150")
        .since(1),
    flag("network_cni_config_dir", Path),
    flag("network_cni_metrics", Bool).def("true").since(7),
    flag("network_cni_plugins_dir", Path),
    flag("network_cni_root_dir_persist", Bool)
        .def("false")
        .since(8),
    flag("network_enable_snmp_statistics", Bool).def("false"),
    flag("network_enable_socket_statistics_details", Bool).def("false"),
    flag("network_enable_socket_statistics_summary", Bool).def("false"),
    flag("nvidia_gpu_devices", UintList),
    flag("oversubscribed_resources_interval", Duration).def("15secs"),
    flag("perf_duration", Duration).def("10secs"),
    flag("perf_events", List),
    flag("perf_interval", Duration).def("1mins"),
    flag("port", Uint16).def("5051"),
    flag("qos_controller", Str),
    flag("qos_correction_interval_min", Duration).def("0ns"),
    flag("reconfiguration_policy", Enum(RECONFIGURATION))
        .def("equal")
        .since(5),
    flag("recover", Enum(RECOVER)).def("reconnect"),
    flag("recovery_timeout", Duration).def("15mins"),
    flag("registration_backoff_factor", Duration).def("1secs"),
    flag("resource_estimator", Str),
    flag("resource_provider_config_dir", Path).since(4),
    flag("resources", Resources),
    flag("revocable_cpu_low_priority", Bool).def("true"),
    flag("runtime_dir", Path).since(1),
    flag("sandbox_directory", Path).def("/mnt/mesos/sandbox"),
    flag("seccomp_config_dir", Path).since(8),
    flag("seccomp_profile_name", Str).since(8),
    flag("secret_resolver", Str).since(4),
    flag("strict", Bool).def("true"),
    flag("switch_user", Bool).def("true"),
    flag("systemd_enable_support", Bool).def("true"),
    flag("systemd_runtime_directory", Path).def("/run/systemd/system"),
    flag("volume_gid_range", Range).since(8),
    flag("work_dir", Path).required(Required::Yes),
    flag("xfs_kill_containers", Bool).def("false").since(6),
    flag("xfs_project_range", Range).def("[5000-10000]"),
    flag("zk_session_timeout", Duration).def("10secs").since(5),
    // Deprecated names that still set the canonical flag.
    flag("allowed_capabilities", Json)
        .since(1)
        .alias("effective_capabilities", 4),
    flag("executor_secret_key", SecretPath)
        .since(3)
        .alias("jwt_secret_key", 5)
        .secret(),
    flag("slave_subsystems", List).alias("agent_subsystems", 0),
    // Gone with the external containerizer.
    flag("containerizer_path", Path).removed(1),
    flag("default_container_image", Str).removed(1),
    // Only on the development branch after 1.11.
    flag("egress_burst", Bytes).since(UNRELEASED),
    flag("egress_ceil_limit", Bytes).since(UNRELEASED),
    flag("egress_rate_per_cpu", Str).since(UNRELEASED),
    flag("ingress_burst", Bytes).since(UNRELEASED),
    flag("ingress_ceil_limit", Bytes).since(UNRELEASED),
    flag("ingress_isolate_existing_containers", Bool).since(UNRELEASED),
    flag("ingress_rate_limit_per_container", Bytes).since(UNRELEASED),
    flag("ingress_rate_per_cpu", Str).since(UNRELEASED),
    flag("maximum_egress_rate_limit", Bytes).since(UNRELEASED),
    flag("maximum_ingress_rate_limit", Bytes).since(UNRELEASED),
    flag("minimum_egress_rate_limit", Bytes).since(UNRELEASED),
    flag("minimum_ingress_rate_limit", Bytes).since(UNRELEASED),
    flag("network_enable_rate_statistics", Bool).since(UNRELEASED),
    flag("network_link_speed", Bytes).since(UNRELEASED),
    flag("network_rate_statistics_interval", Duration).since(UNRELEASED),
    flag("network_rate_statistics_window", Duration).since(UNRELEASED),
    flag("xfs_quota_headroom", Bytes)
        .def("10MB")
        .since(UNRELEASED),
];

/// The flags of one daemon that only it has (the shared logging and libprocess flags are
/// in [`common`]).
fn own(role: Role) -> &'static [FlagSpec] {
    match role {
        Role::Master => MASTER,
        Role::Agent => AGENT,
    }
}

/// Flags both daemons have.
pub fn common() -> &'static [FlagSpec] {
    &COMMON
}

/// Every name a daemon has ever known, canonical names and aliases, in any release.
pub fn all(role: Role) -> impl Iterator<Item = &'static FlagSpec> {
    common().iter().chain(own(role))
}

/// Looks up a flag by its exact (already lower-cased) name, alias or canonical, in any release.
pub fn lookup(role: Role, name: &str) -> Option<&'static FlagSpec> {
    all(role).find(|f| f.name == name)
}

/// Looks up a flag that exists in `version`: `None` for unknown names and for flags that
/// release does not have.
pub fn lookup_in(role: Role, name: &str, version: MesosVersion) -> Option<&'static FlagSpec> {
    lookup(role, name).filter(|f| f.availability(version) == Availability::Available)
}

/// The canonical spec a name stands for: the spec itself or the one its alias points to.
pub fn canonical(role: Role, spec: &'static FlagSpec) -> &'static FlagSpec {
    spec.alias_of.and_then(|c| lookup(role, c)).unwrap_or(spec)
}

/// True when `name` is a flag or alias of either daemon, in any release.
pub fn known_to_any(name: &str) -> bool {
    lookup(Role::Master, name).is_some() || lookup(Role::Agent, name).is_some()
}

/// The closest known name for a misspelt one, when it is close enough to be a likely typo.
pub fn suggest(role: Role, name: &str, version: MesosVersion) -> Option<&'static str> {
    let wanted = name.to_ascii_lowercase().replace('-', "_");
    if let Some(spec) = lookup(role, &wanted)
        && spec.availability(version) == Availability::Available
    {
        return Some(spec.name);
    }
    let limit = (wanted.len() / 3).clamp(1, 3);
    all(role)
        .filter(|f| f.availability(version) == Availability::Available)
        .map(|f| (edit_distance(&wanted, f.name, limit + 1), f.name))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, n)| (*d, *n))
        .map(|(_, n)| n)
        .or_else(|| {
            // A common slip is a missing or extra word such as `mesos_` or a plural.
            all(role)
                .filter(|f| f.availability(version) == Availability::Available)
                .find(|f| {
                    f.name.len() >= 4
                        && wanted.len() >= 4
                        && (f.name.starts_with(&wanted) || wanted.starts_with(f.name))
                })
                .map(|f| f.name)
        })
}

/// Levenshtein distance, giving up (returning `cap`) once every path exceeds `cap`.
fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    if a.len().abs_diff(b.len()) >= cap {
        return cap;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min >= cap {
            return cap;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(cap)
}

/// A built-in isolator of the Mesos containerizer and the releases that have it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Isolator {
    pub name: &'static str,
    pub since: u8,
    pub removed: Option<u8>,
    /// What Mesos rewrites a deprecated name to.
    pub replaced_by: Option<&'static str>,
}

const fn iso(name: &'static str, since: u8) -> Isolator {
    Isolator {
        name,
        since,
        removed: None,
        replaced_by: None,
    }
}

/// Built-in isolators of Mesos 1.0 to 1.11; module isolators are unknown to meslint.
pub static ISOLATORS: &[Isolator] = &[
    iso("posix/cpu", 0),
    iso("posix/mem", 0),
    iso("filesystem/posix", 0),
    iso("filesystem/linux", 0),
    iso("filesystem/shared", 0),
    iso("cgroups/cpu", 0),
    iso("cgroups/mem", 0),
    iso("cgroups/net_cls", 0),
    iso("cgroups/perf_event", 0),
    iso("docker/runtime", 0),
    iso("namespaces/pid", 0),
    iso("network/port_mapping", 0),
    iso("disk/du", 0),
    iso("cgroups/devices", 0),
    iso("docker/volume", 0),
    iso("gpu/nvidia", 0),
    iso("network/cni", 0),
    iso("disk/xfs", 0),
    iso("filesystem/windows", 0),
    iso("windows/cpu", 0),
    iso("appc/runtime", 1),
    iso("linux/capabilities", 1),
    iso("volume/image", 1),
    iso("volume/sandbox_path", 1),
    iso("cgroups/blkio", 2),
    iso("cgroups/cpuset", 2),
    iso("cgroups/hugetlb", 2),
    iso("cgroups/net_prio", 2),
    iso("cgroups/pids", 2),
    iso("namespaces/ipc", 2),
    iso("posix/rlimits", 2),
    iso("volume/secret", 4),
    iso("environment_secret", 4),
    iso("volume/host_path", 5),
    iso("network/ports", 5),
    iso("windows/mem", 5),
    iso("cgroups/all", 7),
    iso("linux/devices", 7),
    iso("linux/seccomp", 8),
    iso("linux/nnp", 9),
    iso("volume/csi", 11),
    Isolator {
        name: "external",
        since: 0,
        removed: Some(1),
        replaced_by: None,
    },
    Isolator {
        name: "process",
        since: 0,
        removed: None,
        replaced_by: Some("posix/cpu,posix/mem"),
    },
    Isolator {
        name: "cgroups",
        since: 0,
        removed: None,
        replaced_by: Some("cgroups/cpu,cgroups/mem"),
    },
    Isolator {
        name: "posix/disk",
        since: 0,
        removed: None,
        replaced_by: Some("disk/du"),
    },
];

pub fn isolator(name: &str) -> Option<&'static Isolator> {
    ISOLATORS.iter().find(|i| i.name == name)
}

/// Containerizers an agent accepts in `version`.
pub fn containerizers(version: MesosVersion) -> &'static [&'static str] {
    if version.minor() >= 1 {
        &["mesos", "docker"]
    } else {
        &["mesos", "docker", "external"]
    }
}

/// Image providers, matched case-insensitively.
pub const IMAGE_PROVIDERS: &[&str] = &["APPC", "DOCKER"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_per_role() {
        for role in [Role::Master, Role::Agent] {
            let mut names: Vec<_> = all(role).map(|f| f.name).collect();
            let n = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(n, names.len(), "{role:?}");
        }
    }

    #[test]
    fn aliases_point_at_flags_of_the_same_role() {
        for role in [Role::Master, Role::Agent] {
            for f in all(role) {
                if let Some(target) = f.alias_of {
                    let c = lookup(role, target).expect("alias target exists");
                    assert!(c.alias_of.is_none(), "{}", f.name);
                    assert_eq!(canonical(role, f).name, target);
                }
            }
        }
    }

    #[test]
    fn lookups_by_role_and_version() {
        let v = MesosVersion::new;
        let cases = [
            (Role::Master, "zk", v(11), Some(Availability::Available)),
            (Role::Agent, "zk", v(11), None),
            (Role::Agent, "master", v(0), Some(Availability::Available)),
            (
                Role::Master,
                "role_sorter",
                v(6),
                Some(Availability::NotYet(v(7))),
            ),
            (
                Role::Agent,
                "containerizer_path",
                v(0),
                Some(Availability::Available),
            ),
            (
                Role::Agent,
                "containerizer_path",
                v(1),
                Some(Availability::Removed(v(1))),
            ),
            (
                Role::Agent,
                "xfs_quota_headroom",
                v(11),
                Some(Availability::Unreleased),
            ),
            (
                Role::Agent,
                "logging_level",
                v(3),
                Some(Availability::Available),
            ),
        ];
        for (role, name, version, want) in cases {
            assert_eq!(
                lookup(role, name).map(|f| f.availability(version)),
                want,
                "{name}"
            );
        }
    }

    #[test]
    fn suggestions_catch_typos() {
        let v = MesosVersion::DEFAULT;
        assert_eq!(suggest(Role::Agent, "work-dir", v), Some("work_dir"));
        assert_eq!(suggest(Role::Agent, "isolator", v), Some("isolation"));
        assert_eq!(suggest(Role::Master, "qourum", v), Some("quorum"));
        assert_eq!(
            suggest(Role::Agent, "containerizer", v),
            Some("containerizers")
        );
        assert_eq!(suggest(Role::Master, "completely_unrelated_words", v), None);
    }

    #[test]
    fn secrets_are_marked() {
        for (role, name) in [
            (Role::Master, "credentials"),
            (Role::Agent, "credential"),
            (Role::Agent, "http_credentials"),
            (Role::Agent, "jwt_secret_key"),
            (Role::Agent, "executor_secret_key"),
        ] {
            assert!(lookup(role, name).is_some_and(|f| f.secret), "{name}");
        }
    }
}
