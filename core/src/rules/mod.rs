//! The rule registry: every code meslint can report, with its docs, and the engine that runs
//! the rules over a cluster model.
//!
//! A rule lives in its own file under a family folder (`input/`, `zookeeper/`, `mesos/`,
//! `cluster/`, `probe/`), declared with [`declare_rule!`]: docs, identity, then the check.
//! Every rule has a check over the [`Context`]; problems a parser saw in the text reach it as
//! typed values in the model ([`crate::model::problems`]), so the wording of every finding
//! lives in its rule. Adding a rule touches three places: its file, one line in [`ALL`], one
//! fixture.

use crate::diagnostic::{Diagnostic, Finding, Label, Severity};
use crate::source::Span;

mod context;

pub use context::Context;

/// Everything meslint knows about one rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable identifier used in output and docs, e.g. `ZK201`.
    pub code: &'static str,
    /// snake_case name of the problem, e.g. `even_ensemble`.
    pub name: &'static str,
    /// Default severity; a finding may carry its own where the docs say so.
    pub severity: Severity,
    /// The releases the rule applies to, in words (`ZooKeeper 3.5+`, `all`).
    pub applies_to: &'static str,
    /// The declaration's doc comment; its first line is the summary. Without the `rule-docs`
    /// feature it is only that line.
    pub docs: &'static str,
    /// What one finding stands for; see [`Scope`].
    pub scope: Scope,
    /// The check over the model.
    pub check: fn(&Context<'_>) -> Vec<Finding>,
}

/// What one finding of a rule stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Each finding is a fact of its own.
    Each,
    /// A fact of the whole ensemble that every server listing it repeats (its size, its
    /// make-up): findings with the same message are one fact, reported once, on the first file.
    Ensemble,
}

impl Rule {
    /// The first line of the docs.
    pub fn summary(&self) -> &'static str {
        self.docs.lines().next().unwrap_or("").trim()
    }

    /// The docs as Markdown, without the space `///` leaves at the start of each line.
    pub fn docs_markdown(&self) -> String {
        let mut out = String::new();
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_owned() + "\n"
    }

    /// Stamps a finding of this rule into the diagnostic users see: the rule's code and name,
    /// and its severity unless the finding carries its own.
    ///
    /// This is the one place a diagnostic is made; selection, severity overrides and
    /// suppressions belong here.
    pub fn report(&self, finding: Finding) -> Diagnostic {
        Diagnostic {
            code: self.code,
            name: self.name,
            severity: finding.severity.unwrap_or(self.severity),
            message: finding.message,
            help: finding.help,
            labels: finding.labels,
        }
    }
}

/// Declares a [`Rule`] whose `docs` field is its own doc comment. The scope is
/// [`Scope::Each`] unless the declaration names another as its first field.
macro_rules! declare_rule {
    (#[doc = $first:literal] $(#[doc = $doc:literal])* $vis:vis static $NAME:ident = Rule {
        scope: $scope:expr, $($fields:tt)*
    };) => {
        #[doc = $first] $(#[doc = $doc])*
        $vis static $NAME: $crate::rules::Rule =
            $crate::rules::Rule { docs: rule_docs!($first $(, $doc)*), scope: $scope, $($fields)* };
    };
    (#[doc = $first:literal] $(#[doc = $doc:literal])* $vis:vis static $NAME:ident = Rule { $($fields:tt)* };) => {
        #[doc = $first] $(#[doc = $doc])*
        $vis static $NAME: $crate::rules::Rule = $crate::rules::Rule {
            docs: rule_docs!($first $(, $doc)*),
            scope: $crate::rules::Scope::Each,
            $($fields)*
        };
    };
}

/// A rule's `docs`: its doc comment's lines, or without the `rule-docs` feature only the first
/// (the summary), which keeps the browser module small.
#[cfg(feature = "rule-docs")]
macro_rules! rule_docs {
    ($first:literal $(, $doc:literal)*) => { concat!($first, "\n" $(, $doc, "\n")*) };
}

#[cfg(not(feature = "rule-docs"))]
macro_rules! rule_docs {
    ($first:literal $(, $doc:literal)*) => {
        concat!($first, "\n")
    };
}

/// A `PR` rule's check: its own with the `live` feature, else one that finds nothing (a build
/// without the probe never has live answers), so the check's code is left out.
#[cfg(feature = "live")]
macro_rules! live_check {
    // A block, not the bare name: `check: check` reads as a redundant field name.
    ($check:ident) => {{ $check }};
}

#[cfg(not(feature = "live"))]
macro_rules! live_check {
    ($check:ident) => {
        $crate::rules::probe::without_live
    };
}

pub mod cluster;
pub mod container;
pub mod docs;
pub mod input;
pub mod mesos;
pub mod probe;
pub mod zookeeper;

/// Every rule, sorted by code. Adding a rule means adding one line here.
pub static ALL: &[&Rule] = &[
    &cluster::quorum_not_majority::QUORUM_NOT_MAJORITY,
    &cluster::quorum_unreachable::QUORUM_UNREACHABLE,
    &cluster::master_settings_differ::MASTER_SETTINGS_DIFFER,
    &cluster::in_memory_registry_ha::IN_MEMORY_REGISTRY_HA,
    &cluster::zk_missing_with_masters::ZK_MISSING_WITH_MASTERS,
    &cluster::master_count_unknown::MASTER_COUNT_UNKNOWN,
    &cluster::mesos_port_clash::MESOS_PORT_CLASH,
    &cluster::shared_master_address::SHARED_MASTER_ADDRESS,
    &container::foreign_image_variable::FOREIGN_IMAGE_VARIABLE,
    &container::ports_on_host_network::PORTS_ON_HOST_NETWORK,
    &container::required_image_variable::REQUIRED_IMAGE_VARIABLE,
    &container::statefulset_replicas_differ::STATEFULSET_REPLICAS_DIFFER,
    &cluster::zk_url_outside_ensemble::ZK_URL_OUTSIDE_ENSEMBLE,
    &cluster::zk_url_partial_ensemble::ZK_URL_PARTIAL_ENSEMBLE,
    &cluster::zk_path_differs::ZK_PATH_DIFFERS,
    &cluster::zk_credentials_differ::ZK_CREDENTIALS_DIFFER,
    &cluster::agent_master_unknown::AGENT_MASTER_UNKNOWN,
    &cluster::zk_url_loopback::ZK_URL_LOOPBACK,
    &cluster::agent_zk_host_typo::AGENT_ZK_HOST_TYPO,
    &cluster::server_lists_differ::SERVER_LISTS_DIFFER,
    &cluster::duplicate_myid::DUPLICATE_MYID,
    &cluster::myid_selects_other_host::MYID_SELECTS_OTHER_HOST,
    &cluster::ensemble_settings_differ::ENSEMBLE_SETTINGS_DIFFER,
    &cluster::port_clash::PORT_CLASH,
    &cluster::myid_outside_data_dir::MYID_OUTSIDE_DATA_DIR,
    &cluster::myid_missing::MYID_MISSING,
    &cluster::shared_data_dir::SHARED_DATA_DIR,
    &input::unreadable_file::UNREADABLE_FILE,
    &input::binary_file::BINARY_FILE,
    &input::unrecognized_file::UNRECOGNIZED_FILE,
    &input::invalid_project_file::INVALID_PROJECT_FILE,
    &input::template_file::TEMPLATE_FILE,
    &input::link_outside_root::LINK_OUTSIDE_ROOT,
    &input::unused_suppression::UNUSED_SUPPRESSION,
    &input::yaml_syntax_error::YAML_SYNTAX_ERROR,
    &mesos::unknown_flag::UNKNOWN_FLAG,
    &mesos::duplicate_flag::DUPLICATE_FLAG,
    &mesos::space_separated_value::SPACE_SEPARATED_VALUE,
    &mesos::negated_non_boolean::NEGATED_NON_BOOLEAN,
    &mesos::ignored_argument::IGNORED_ARGUMENT,
    &mesos::arguments_after_terminator::ARGUMENTS_AFTER_TERMINATOR,
    &mesos::env_overridden::ENV_OVERRIDDEN,
    &mesos::flag_name_case::FLAG_NAME_CASE,
    &mesos::misplaced_flag_file::MISPLACED_FLAG_FILE,
    &mesos::flag_for_other_daemon::FLAG_FOR_OTHER_DAEMON,
    &mesos::invalid_flag_value::INVALID_FLAG_VALUE,
    &mesos::wrapped_unsigned_value::WRAPPED_UNSIGNED_VALUE,
    &mesos::empty_flag_value::EMPTY_FLAG_VALUE,
    &mesos::invalid_ip::INVALID_IP,
    &mesos::invalid_choice::INVALID_CHOICE,
    &mesos::flag_value_out_of_range::FLAG_VALUE_OUT_OF_RANGE,
    &mesos::registry_strict_enabled::REGISTRY_STRICT_ENABLED,
    &mesos::unsafe_directory::UNSAFE_DIRECTORY,
    &mesos::quorum_not_positive::QUORUM_NOT_POSITIVE,
    &mesos::file_value::FILE_VALUE,
    &mesos::sorter_mismatch::SORTER_MISMATCH,
    &mesos::inline_secret::INLINE_SECRET,
    &mesos::malformed_resources::MALFORMED_RESOURCES,
    &mesos::invalid_json_value::INVALID_JSON_VALUE,
    &mesos::crlf_line_ends::CRLF_LINE_ENDS,
    &mesos::malformed_range::MALFORMED_RANGE,
    &mesos::invalid_container_dns::INVALID_CONTAINER_DNS,
    &mesos::byte_order_mark_in_script::BYTE_ORDER_MARK_IN_SCRIPT,
    &mesos::missing_required_flag::MISSING_REQUIRED_FLAG,
    &mesos::conflicting_flags::CONFLICTING_FLAGS,
    &mesos::flag_unavailable_in_version::FLAG_UNAVAILABLE_IN_VERSION,
    &mesos::deprecated_flag::DEPRECATED_FLAG,
    &mesos::quorum_without_zk::QUORUM_WITHOUT_ZK,
    &mesos::in_memory_registry::IN_MEMORY_REGISTRY,
    &mesos::authentication_without_credentials::AUTHENTICATION_WITHOUT_CREDENTIALS,
    &mesos::deprecated_binary_name::DEPRECATED_BINARY_NAME,
    &mesos::zk_url_path_per_host::ZK_URL_PATH_PER_HOST,
    &mesos::zk_url_missing_path::ZK_URL_MISSING_PATH,
    &mesos::zk_url_missing_port::ZK_URL_MISSING_PORT,
    &mesos::zk_url_scheme::ZK_URL_SCHEME,
    &mesos::zk_url_host_list::ZK_URL_HOST_LIST,
    &mesos::invalid_master_address::INVALID_MASTER_ADDRESS,
    &mesos::master_without_failover::MASTER_WITHOUT_FAILOVER,
    &mesos::invalid_containerizer::INVALID_CONTAINERIZER,
    &mesos::invalid_isolator::INVALID_ISOLATOR,
    &mesos::deprecated_isolator::DEPRECATED_ISOLATOR,
    &mesos::isolation_without_mesos_containerizer::ISOLATION_WITHOUT_MESOS_CONTAINERIZER,
    &mesos::image_providers_requirements::IMAGE_PROVIDERS_REQUIREMENTS,
    &mesos::linux_launcher_required::LINUX_LAUNCHER_REQUIRED,
    &mesos::gpu_isolation_requirements::GPU_ISOLATION_REQUIREMENTS,
    &mesos::capabilities_outside_bounding_set::CAPABILITIES_OUTSIDE_BOUNDING_SET,
    &mesos::gpu_flags_disagree::GPU_FLAGS_DISAGREE,
    &mesos::filesystem_linux_required::FILESYSTEM_LINUX_REQUIRED,
    &probe::zk_server_unreachable::ZK_SERVER_UNREACHABLE,
    &probe::four_letter_word_refused::FOUR_LETTER_WORD_REFUSED,
    &probe::standalone_ensemble_member::STANDALONE_ENSEMBLE_MEMBER,
    &probe::leaderless_ensemble::LEADERLESS_ENSEMBLE,
    &probe::multiple_leaders::MULTIPLE_LEADERS,
    &probe::zk_version_differs::ZK_VERSION_DIFFERS,
    &probe::unlisted_server_answers::UNLISTED_SERVER_ANSWERS,
    &probe::zk_session_failed::ZK_SESSION_FAILED,
    &probe::zk_chroot_missing::ZK_CHROOT_MISSING,
    &probe::master_registration_differs::MASTER_REGISTRATION_DIFFERS,
    &probe::registered_masters_below_quorum::REGISTERED_MASTERS_BELOW_QUORUM,
    &zookeeper::malformed_unicode_escape::MALFORMED_UNICODE_ESCAPE,
    &zookeeper::byte_order_mark::BYTE_ORDER_MARK,
    &zookeeper::non_ascii_text::NON_ASCII_TEXT,
    &zookeeper::inline_comment::INLINE_COMMENT,
    &zookeeper::backslash_in_path::BACKSLASH_IN_PATH,
    &zookeeper::duplicate_key::DUPLICATE_KEY,
    &zookeeper::unknown_key::UNKNOWN_KEY,
    &zookeeper::ineffective_key::INEFFECTIVE_KEY,
    &zookeeper::key_not_in_version::KEY_NOT_IN_VERSION,
    &zookeeper::invalid_number::INVALID_NUMBER,
    &zookeeper::invalid_boolean::INVALID_BOOLEAN,
    &zookeeper::missing_data_dir::MISSING_DATA_DIR,
    &zookeeper::unusable_data_dir::UNUSABLE_DATA_DIR,
    &zookeeper::data_dir_in_tmp::DATA_DIR_IN_TMP,
    &zookeeper::relative_path::RELATIVE_PATH,
    &zookeeper::missing_client_port::MISSING_CLIENT_PORT,
    &zookeeper::invalid_client_address::INVALID_CLIENT_ADDRESS,
    &zookeeper::invalid_tick_time::INVALID_TICK_TIME,
    &zookeeper::session_timeout_range::SESSION_TIMEOUT_RANGE,
    &zookeeper::missing_quorum_limits::MISSING_QUORUM_LIMITS,
    &zookeeper::unsupported_election_alg::UNSUPPORTED_ELECTION_ALG,
    &zookeeper::invalid_peer_type::INVALID_PEER_TYPE,
    &zookeeper::misread_group_key::MISREAD_GROUP_KEY,
    &zookeeper::snap_retain_count_too_low::SNAP_RETAIN_COUNT_TOO_LOW,
    &zookeeper::misread_passthrough_value::MISREAD_PASSTHROUGH_VALUE,
    &zookeeper::invalid_4lw_whitelist::INVALID_4LW_WHITELIST,
    &zookeeper::invalid_server_cnxn_factory::INVALID_SERVER_CNXN_FACTORY,
    &zookeeper::sasl_requirement_without_sasl::SASL_REQUIREMENT_WITHOUT_SASL,
    &zookeeper::ssl_auth_provider_missing::SSL_AUTH_PROVIDER_MISSING,
    &zookeeper::invalid_server_line::INVALID_SERVER_LINE,
    &zookeeper::trailing_blank_in_server_line::TRAILING_BLANK_IN_SERVER_LINE,
    &zookeeper::multi_address_needs_jvm_flag::MULTI_ADDRESS_NEEDS_JVM_FLAG,
    &zookeeper::duplicate_server_id::DUPLICATE_SERVER_ID,
    &zookeeper::server_id_out_of_range::SERVER_ID_OUT_OF_RANGE,
    &zookeeper::same_quorum_and_election_port::SAME_QUORUM_AND_ELECTION_PORT,
    &zookeeper::missing_election_port::MISSING_ELECTION_PORT,
    &zookeeper::server_line_without_prefix::SERVER_LINE_WITHOUT_PREFIX,
    &zookeeper::single_server_line::SINGLE_SERVER_LINE,
    &zookeeper::zero_fault_tolerance::ZERO_FAULT_TOLERANCE,
    &zookeeper::even_ensemble::EVEN_ENSEMBLE,
    &zookeeper::observers_without_quorum::OBSERVERS_WITHOUT_QUORUM,
    &zookeeper::invalid_hierarchical_quorum::INVALID_HIERARCHICAL_QUORUM,
    &zookeeper::client_port_mismatch::CLIENT_PORT_MISMATCH,
    &zookeeper::port_conflict::PORT_CONFLICT,
    &zookeeper::own_address_loopback::OWN_ADDRESS_LOOPBACK,
    &zookeeper::invalid_myid::INVALID_MYID,
    &zookeeper::myid_out_of_range::MYID_OUT_OF_RANGE,
    &zookeeper::myid_not_in_server_list::MYID_NOT_IN_SERVER_LIST,
    &zookeeper::myid_extra_lines::MYID_EXTRA_LINES,
    &zookeeper::invalid_dynamic_key::INVALID_DYNAMIC_KEY,
    &zookeeper::dynamic_config_ignored::DYNAMIC_CONFIG_IGNORED,
    &zookeeper::servers_in_static_and_dynamic::SERVERS_IN_STATIC_AND_DYNAMIC,
    &zookeeper::dynamic_version_from_name::DYNAMIC_VERSION_FROM_NAME,
    &zookeeper::config_rewritten_by_reconfig::CONFIG_REWRITTEN_BY_RECONFIG,
    &zookeeper::dynamic_file_unused::DYNAMIC_FILE_UNUSED,
];

/// True when `selector` is `ALL` or the code or a prefix of the code of at least one rule.
pub fn is_selector(selector: &str) -> bool {
    selector == "ALL" || (!selector.is_empty() && ALL.iter().any(|r| r.code.starts_with(selector)))
}

/// Finds a rule by code (`ZK201`, any case) or name (`even_ensemble`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Runs every rule and returns their diagnostics, unsorted.
pub fn run(context: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in ALL {
        out.extend(run_rule(rule, context));
    }
    out
}

/// The diagnostics of the rules that read what the running cluster answered (the `PR` family),
/// over a context that carries it ([`Context::with_live`]); each stamped by [`Rule::report`].
pub fn run_live(context: &Context<'_>) -> Vec<Diagnostic> {
    ALL.iter()
        .filter(|rule| rule.code.starts_with(probe::FAMILY))
        .flat_map(|rule| (rule.check)(context).into_iter().map(|f| rule.report(f)))
        .collect()
}

/// One rule's diagnostics: its check's findings, each stamped by [`Rule::report`], once per
/// fact its [`Scope`] says a finding stands for.
fn run_rule(rule: &Rule, context: &Context<'_>) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = (rule.check)(context)
        .into_iter()
        .map(|finding| rule.report(finding))
        .collect();
    point_at_uses(&mut diagnostics, &context.cluster.value_uses);
    if rule.scope == Scope::Ensemble {
        // The first in output order stands for all: the earliest file and offset.
        crate::sort::sort_by(&mut diagnostics, |a, b| a.sort_key().cmp(&b.sort_key()));
        crate::sort::retain_first(&mut diagnostics, |d| d.message.clone());
    }
    diagnostics
}

/// A finding about a value a script took from a variable points at the assignment (where to
/// fix); it also points at the place that uses the variable, so both are seen.
fn point_at_uses(diagnostics: &mut [Diagnostic], resolved: &[(Span, Span)]) {
    if resolved.is_empty() {
        return;
    }
    let uses = crate::sort::group(resolved.iter().copied());
    for diagnostic in diagnostics {
        let mut added = Vec::new();
        for label in &diagnostic.labels {
            for (assignment, used) in &uses {
                let inside = assignment.file == label.span.file
                    && assignment.start <= label.span.start
                    && label.span.end <= assignment.end;
                if !inside {
                    continue;
                }
                for used in used {
                    let shown = diagnostic
                        .labels
                        .iter()
                        .chain(&added)
                        .any(|l: &Label| l.span == *used);
                    if !shown {
                        added.push(Label {
                            span: *used,
                            message: "the value is used here".to_owned(),
                            primary: false,
                        });
                    }
                }
            }
        }
        diagnostic.labels.extend(added);
    }
}
