//! The pre-commit hook through the real `pre-commit` (from PyPI, installed into `.cache/venv`
//! by scripts/setup.sh): a throwaway git repository with a cluster uses a clone of this
//! repository as its hook repository; the hook fails on a broken config and passes once fixed,
//! and a cross-host finding is reported when only one host's file changed.
//!
//! The hook's `language: rust` builds meslint with `cargo install` on first use; the build
//! directory is kept under `target/precommit` so that later runs reuse it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", repo_root().join("target/precommit/home"))
        .env(
            "CARGO_TARGET_DIR",
            repo_root().join("target/precommit/build"),
        )
        .env("GIT_AUTHOR_NAME", "meslint")
        .env("GIT_AUTHOR_EMAIL", "dev@meslint.invalid")
        .env("GIT_COMMITTER_NAME", "meslint")
        .env("GIT_COMMITTER_EMAIL", "dev@meslint.invalid")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"))
}

fn ok(dir: &Path, program: &str, args: &[&str]) -> String {
    let output = run(dir, program, args);
    assert!(
        output.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn zoo_cfg(servers: &[&str]) -> String {
    let mut text =
        "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n"
            .to_owned();
    for (i, server) in servers.iter().enumerate() {
        text.push_str(&format!("server.{}={server}:2888:3888\n", i + 1));
    }
    text
}

#[test]
fn the_hook_fails_on_a_broken_cluster_and_passes_once_fixed() {
    if std::env::var_os("MESLINT_SKIP_PRECOMMIT").is_some() {
        eprintln!("MESLINT_SKIP_PRECOMMIT is set: skipping the pre-commit tier");
        return;
    }
    let pre_commit = repo_root().join(".cache/venv/bin/pre-commit");
    assert!(
        pre_commit.exists(),
        "run scripts/setup.sh first: it installs pre-commit into .cache/venv"
    );
    let pre_commit = pre_commit.to_str().expect("utf-8 path");
    let scratch = tempfile::tempdir().expect("tempdir");

    // The hook repository: a clone of this one at HEAD, with the working tree's hook file and
    // sources committed on top, so the test sees what is being tested.
    let hooks = scratch.path().join("meslint-hooks");
    let root = repo_root();
    ok(
        scratch.path(),
        "git",
        &[
            "clone",
            "--quiet",
            root.to_str().expect("utf-8"),
            "meslint-hooks",
        ],
    );
    for rel in [
        ".pre-commit-hooks.yaml",
        "Cargo.toml",
        "Cargo.lock",
        "core/Cargo.toml",
        "wasm/Cargo.toml",
    ] {
        std::fs::copy(root.join(rel), hooks.join(rel)).expect("copy");
    }
    for dir in ["cli/src", "core/src"] {
        // Mirrored: a file the working tree no longer has must not stay behind from HEAD.
        std::fs::remove_dir_all(hooks.join(dir)).expect("rm");
        copy_tree(&root.join(dir), &hooks.join(dir));
    }
    ok(&hooks, "git", &["add", "-A"]);
    ok(
        &hooks,
        "git",
        &[
            "commit",
            "--quiet",
            "--allow-empty",
            "-m",
            "hook under test",
        ],
    );
    ok(&hooks, "git", &["tag", "v-test"]);

    // The user's repository: a three-server ensemble and a master.
    let user = scratch.path().join("ops");
    std::fs::create_dir_all(&user).expect("mkdir");
    ok(&user, "git", &["init", "--quiet"]);
    let servers = ["zk1", "zk2", "zk3"];
    for (n, host) in servers.iter().enumerate() {
        write(
            &user,
            &format!("cluster/{host}/zoo.cfg"),
            &zoo_cfg(&servers),
        );
        write(
            &user,
            &format!("cluster/{host}/myid"),
            &format!("{}\n", n + 1),
        );
    }
    write(
        &user,
        "cluster/m1/mesos-master.env",
        "MESOS_ZK=zk://zk1:2181,zk2:2181,zk3:2181/mesos\nMESOS_QUORUM=1\nMESOS_WORK_DIR=/var/lib/mesos\n",
    );
    write(&user, "cluster/meslint.toml", "masters = 1\n");
    write(
        &user,
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: v-test\n    hooks:\n      - id: meslint\n",
            hooks.display()
        ),
    );
    ok(&user, "git", &["add", "-A"]);
    let first = run(&user, pre_commit, &["run", "--all-files"]);
    assert!(
        first.status.success(),
        "a clean cluster passes: {}{}",
        String::from_utf8_lossy(&first.stdout),
        String::from_utf8_lossy(&first.stderr)
    );
    ok(&user, "git", &["commit", "--quiet", "-m", "cluster"]);

    // Break zk2's server list (a cross-host problem), stage only that file.
    write(
        &user,
        "cluster/zk2/zoo.cfg",
        &zoo_cfg(&["zk1", "zk2", "zk9"]),
    );
    ok(&user, "git", &["add", "cluster/zk2/zoo.cfg"]);
    let broken = run(&user, pre_commit, &["run"]);
    let text = String::from_utf8_lossy(&broken.stdout).into_owned();
    assert!(
        !broken.status.success(),
        "a broken config fails the hook:\n{text}"
    );
    assert!(text.contains("meslint"), "{text}");
    assert!(
        text.contains("cluster/zk2/zoo.cfg"),
        "the finding names the changed file:\n{text}"
    );
    assert!(text.contains("CZ101"), "the cross-host check ran:\n{text}");

    // Fix it: the hook passes.
    write(&user, "cluster/zk2/zoo.cfg", &zoo_cfg(&servers));
    write(&user, "cluster/zk2/myid", "2\n");
    ok(&user, "git", &["add", "-A"]);
    let fixed = run(&user, pre_commit, &["run"]);
    assert!(
        fixed.status.success(),
        "the fixed cluster passes: {}",
        String::from_utf8_lossy(&fixed.stdout)
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}
