use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::FlagValue;
use crate::model::mesos::{MesosProcess, Role};
use crate::rules::Context;

declare_rule! {
    /// Authentication switched on without the credentials or authenticator it needs.
    ///
    /// ## What it finds
    /// Masters: `--authenticate_agents` or `--authenticate_frameworks` without `--credentials`
    /// (a warning: the master starts but refuses every login); `--authenticate_http_readonly`
    /// or `--authenticate_http_readwrite` with the default `basic` authenticator and no
    /// `--credentials`; `--authenticate_http_frameworks` without
    /// `--http_framework_authenticators`. Agents: the HTTP options without
    /// `--http_credentials`, and `--authenticate_http_executors` without `--jwt_secret_key`.
    ///
    /// ## Why it matters
    /// Mesos exits for the HTTP cases (`No credentials provided for the default 'basic' HTTP
    /// authenticator for realm 'mesos-master-readwrite'`); for agents and frameworks it starts
    /// and then no agent can register.
    ///
    /// ## Severity
    /// An error for the HTTP switches (`--authenticate_http_*`), whose authenticator refuses to
    /// start without credentials; a warning for `--authenticate_agents` and
    /// `--authenticate_frameworks`, where the master starts and rejects every agent or framework.
    ///
    /// ## How to fix
    /// Add the credentials file or authenticator, or switch the option off.
    ///
    /// ## Example
    /// `--authenticate_agents` without `--credentials`.
    pub static AUTHENTICATION_WITHOUT_CREDENTIALS = Rule {
        code: "MS207",
        name: "authentication_without_credentials",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

/// `(switch, needed flag, severity, only with basic HTTP authenticator)` per role.
const NEEDS: &[(Role, &str, &str, Severity, bool)] = &[
    (
        Role::Master,
        "authenticate_agents",
        "credentials",
        Severity::Warning,
        false,
    ),
    (
        Role::Master,
        "authenticate_frameworks",
        "credentials",
        Severity::Warning,
        false,
    ),
    (
        Role::Master,
        "authenticate_http_readonly",
        "credentials",
        Severity::Error,
        true,
    ),
    (
        Role::Master,
        "authenticate_http_readwrite",
        "credentials",
        Severity::Error,
        true,
    ),
    (
        Role::Master,
        "authenticate_http_frameworks",
        "http_framework_authenticators",
        Severity::Error,
        false,
    ),
    (
        Role::Agent,
        "authenticate_http_readonly",
        "http_credentials",
        Severity::Error,
        true,
    ),
    (
        Role::Agent,
        "authenticate_http_readwrite",
        "http_credentials",
        Severity::Error,
        true,
    ),
    (
        Role::Agent,
        "authenticate_http_executors",
        "jwt_secret_key",
        Severity::Error,
        false,
    ),
];

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        if process.is_template {
            continue;
        }
        for (role, switch, needed, severity, basic_only) in NEEDS {
            if *role != process.role || !enabled(process, switch) || process.is_set(needed) {
                continue;
            }
            if *basic_only && !uses_basic(process) {
                continue;
            }
            let Some(flag) = process.flag(switch) else {
                continue;
            };
            out.push(
                Finding::new(format!("`{}` is on without `--{needed}`", flag.display))
                    .primary(flag.name.span, format!("needs `--{needed}`"))
                    .help(format!(
                        "add `--{needed}=...` or switch `{}` off",
                        flag.display
                    ))
                    .severity(*severity),
            );
        }
    }
    out
}

fn enabled(process: &MesosProcess, name: &str) -> bool {
    process
        .flag(name)
        .is_some_and(|f| f.read == FlagValue::Bool(true))
}

fn uses_basic(process: &MesosProcess) -> bool {
    process
        .flag("http_authenticators")
        .is_none_or(|f| !f.unknown && f.value.value.split(',').any(|a| a == "basic"))
}
