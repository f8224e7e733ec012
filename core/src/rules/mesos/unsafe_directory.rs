use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A work or log directory under `/tmp`, `/var/run` or `/run`, or a relative one; state kept under `/tmp`.
    ///
    /// ## What it finds
    /// `--work_dir` and `--log_dir` values that are relative paths or that live in directories
    /// the system empties on reboot or by a timer (`/tmp`, `/run`, `/dev/shm`; `/var/tmp` loses
    /// files unused for 30 days under systemd's defaults); and, written explicitly under `/tmp`,
    /// `/var/tmp` or `/dev/shm`, the other paths whose content must outlive a reboot: the image
    /// stores (`--appc_store_dir`, `--docker_store_dir`), a local `--docker_registry`, and the
    /// credential and key files (`--credential`, `--credentials`, `--http_credentials`,
    /// `--jwt_secret_key`, with or without `file://`), and the directories of configuration the
    /// agent reads at start (`--csi_plugin_config_dir`, `--resource_provider_config_dir`,
    /// `--network_cni_config_dir`, `--network_cni_plugins_dir`, `--seccomp_config_dir`,
    /// `--modules_dir`). The stores' own defaults are under
    /// `$TMPDIR` (`/tmp/mesos/store/...`); meslint reports only what the files write.
    ///
    /// ## Why it matters
    /// Mesos creates the directory wherever it points and never checks. When `/tmp` is cleaned
    /// a master loses its replica of the registry log and an agent loses its checkpoints: tasks
    /// are killed on restart. A relative path depends on the directory the daemon was started
    /// from (`/` under systemd). An image store or local registry under `/tmp` loses its
    /// images when `/tmp` is cleaned, and a credentials file there is gone at the next start:
    /// the daemon then exits reading it (`Failed to read credentials file`); so does an agent
    /// whose configuration directory is gone.
    ///
    /// ## How to fix
    /// Use an absolute path on persistent storage, such as `/var/lib/mesos`.
    ///
    /// ## Severity
    /// Info instead of a warning in a container whose bind mount or volume holds the
    /// directory (`-v /srv/mesos:/tmp/mesos`): there the path is persistent storage.
    ///
    /// ## Example
    /// `--work_dir=/tmp/mesos`, `MESOS_work_dir=/var/run/mesos` (from the tarball's template).
    pub static UNSAFE_DIRECTORY = Rule {
        code: "MS108",
        name: "unsafe_directory",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (host, process) in ctx.cluster.mesos_processes() {
        for name in ["work_dir", "log_dir"] {
            let Some(flag) = process.flag(name).filter(|f| !f.unknown) else {
                continue;
            };
            let path = flag.value.value.as_str();
            if path.is_empty() || path.starts_with("file://") {
                continue;
            }
            let volatile = ["/tmp", "/var/tmp", "/var/run", "/run", "/dev/shm"]
                .iter()
                .find(|d| path == **d || path.starts_with(&format!("{d}/")));
            let mount = host.containers.iter().find_map(|c| c.mount_holding(path));
            let finding = if let (Some(dir), Some(mount)) = (volatile, mount) {
                out.push(
                    Finding::new(format!(
                        "`{}` is under `{dir}`, on a mount that keeps it",
                        flag.display
                    ))
                    .primary(flag.value.span, "persistent inside the container")
                    .secondary(mount.target.span, "mounted here: it survives the container")
                    .help("nothing to do; keep the mount with the container definition")
                    .severity(Severity::Info),
                );
                continue;
            } else if let Some(dir) = volatile {
                Finding::new(format!("`{}` is under `{dir}`", flag.display))
                    .primary(flag.value.span, cleaned(dir))
            } else if !path.starts_with('/') {
                Finding::new(format!("`{}` is a relative path", flag.display))
                    .primary(flag.value.span, "relative to wherever the daemon starts")
            } else {
                continue;
            };
            out.push(
                finding.help("use an absolute path on persistent storage, e.g. `/var/lib/mesos`"),
            );
        }
        for name in STATE_PATHS {
            let Some(flag) = process.flag(name).filter(|f| !f.unknown) else {
                continue;
            };
            let path = flag.value.value.trim();
            let path = path.strip_prefix("file://").unwrap_or(path);
            let Some(dir) = ["/tmp", "/var/tmp", "/dev/shm"]
                .iter()
                .find(|d| path == **d || path.starts_with(&format!("{d}/")))
            else {
                continue;
            };
            out.push(
                Finding::new(format!("`{}` is under `{dir}`", flag.display))
                    .primary(flag.value.span, cleaned(dir))
                    .help("keep it on persistent storage, e.g. under `/var/lib/mesos` or `/etc/mesos`"),
            );
        }
    }
    out
}

/// How the system clears a volatile directory (systemd's `tmp.mount` and `tmpfiles.d`
/// defaults; `/run` and `/dev/shm` are memory on every distribution).
fn cleaned(dir: &str) -> &'static str {
    match dir {
        "/tmp" => "`/tmp` is emptied on reboot or by a timer",
        "/var/tmp" => "`/var/tmp` loses files unused for 30 days under systemd's defaults",
        _ => "held in memory, emptied on every reboot",
    }
}

/// Paths whose content must outlive a reboot, besides the work and log directories.
const STATE_PATHS: &[&str] = &[
    "appc_store_dir",
    "docker_store_dir",
    "docker_registry",
    "credential",
    "credentials",
    "http_credentials",
    "jwt_secret_key",
    "csi_plugin_config_dir",
    "resource_provider_config_dir",
    "network_cni_config_dir",
    "network_cni_plugins_dir",
    "seccomp_config_dir",
    "modules_dir",
];
