use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A relative `dataDir`, `dataLogDir` or `dynamicConfigFile`.
    ///
    /// ## What it finds
    /// A path that does not start with `/` (or a Windows drive), and does not start with `./`
    /// either.
    ///
    /// ## Why it matters
    /// ZooKeeper resolves it against the working directory of the process, not against the config
    /// directory, so the same file means different directories depending on how the server was
    /// started. ZooKeeper 3.5+ logs `... is relative. Prepend ./ to indicate that you're sure!`.
    ///
    /// ## How to fix
    /// Use an absolute path.
    ///
    /// ## Example
    /// `dataDir=data/zookeeper`.
    pub static RELATIVE_PATH = Rule {
        code: "ZK109",
        name: "relative_path",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        let paths = [
            ("dataDir", &cfg.data_dir),
            ("dataLogDir", &cfg.data_log_dir),
            ("dynamicConfigFile", &cfg.dynamic_config_file),
        ];
        for (key, setting) in paths {
            let Some(setting) = setting else { continue };
            let Value::Known(path) = &setting.value else {
                continue;
            };
            let windows = path.get(1..2) == Some(":");
            if path.chars().count() < 2
                || path.starts_with(['/', '\\'])
                || path.starts_with("./")
                || windows
            {
                continue;
            }
            out.push(
                Finding::new(format!("`{key}` `{path}` is a relative path"))
                    .primary(
                        setting.span,
                        "resolved against the process's working directory",
                    )
                    .help("use an absolute path"),
            );
        }
    }
    out
}
