use crate::catalog::mesos::IMAGE_PROVIDERS;
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// `--image_providers` without what container images need.
    ///
    /// ## What it finds
    /// Unknown image types (only `APPC` and `DOCKER`), and image providers on an agent whose
    /// `--isolation` lacks `filesystem/linux`, or lacks `docker/runtime` for `DOCKER`, or whose
    /// `--launcher` is `posix`.
    ///
    /// ## Why it matters
    /// The agent exits: `Unknown image type 'OCI'`, `The 'filesystem/linux' isolator must be
    /// enabled for container image support` (checked since Mesos 1.4), `Docker runtime isolator
    /// has to be specified if 'DOCKER' is included in 'image_providers'`, `The 'linux' launcher
    /// must be used for container image support`.
    ///
    /// ## Severity
    /// An error on Mesos 1.4+, which refuses to start; a warning before 1.4, where containers
    /// then fail to launch.
    ///
    /// ## How to fix
    /// Add `filesystem/linux` (and `docker/runtime` for Docker images) to `--isolation` and
    /// keep the `linux` launcher.
    ///
    /// ## Example
    /// `--image_providers=docker --isolation=cgroups/cpu,cgroups/mem`.
    pub static IMAGE_PROVIDERS_REQUIREMENTS = Rule {
        code: "MS405",
        name: "image_providers_requirements",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let version = ctx.settings.mesos;
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let Some(flag) = process.flag("image_providers").filter(|f| !f.unknown) else {
            continue;
        };
        let items = flag.items();
        if items.is_empty() {
            continue;
        }
        for item in items {
            let upper = item.value.to_ascii_uppercase();
            if !IMAGE_PROVIDERS.contains(&upper.as_str()) {
                out.push(
                    Finding::new(format!("`{}` is not an image type", item.value))
                        .primary(item.span, format!("Unknown image type '{}'", item.value))
                        .help("use `APPC` or `DOCKER`"),
                );
            }
        }
        let Some(isolation) = process.isolation() else {
            continue;
        };
        let has = |name: &str| isolation.iter().any(|i| i == name);
        let isolation_span = process.flag("isolation").map(|f| f.value.span);
        let with_isolation = |finding: Finding| match isolation_span {
            Some(span) => finding.secondary(span, "isolators set here"),
            None => finding,
        };
        if !has("filesystem/linux") {
            let finding = Finding::new(format!(
                "`{}` needs the `filesystem/linux` isolator",
                flag.display
            ))
            .primary(flag.value.span, "container images need `filesystem/linux`")
            .help("add `filesystem/linux` to `--isolation`");
            out.push(with_isolation(if version.minor() >= 4 {
                finding
            } else {
                finding.severity(Severity::Warning)
            }));
        }
        let docker = items
            .iter()
            .find(|i| i.value.eq_ignore_ascii_case("docker"));
        if let Some(docker) = docker
            && !has("docker/runtime")
        {
            out.push(with_isolation(
                Finding::new("docker images need the `docker/runtime` isolator")
                    .primary(docker.span, "needs `docker/runtime` in `--isolation`")
                    .help("add `docker/runtime` to `--isolation`"),
            ));
        }
        if let Some(launcher) = process
            .flag("launcher")
            .filter(|f| f.value.value == "posix")
        {
            out.push(
                Finding::new(format!("`{}` needs the `linux` launcher", flag.display))
                    .primary(launcher.value.span, "`posix` launcher")
                    .secondary(flag.value.span, "image providers set here")
                    .help("remove `--launcher=posix` or set `--launcher=linux`"),
            );
        }
    }
    out
}
