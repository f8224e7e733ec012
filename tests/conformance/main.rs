//! ZooKeeper conformance: meslint must agree with ZooKeeper's own configuration parser.
//!
//! Every case is a directory holding a `zoo.cfg` and, optionally, a `myid` and a dynamic file.
//! ZooKeeper judges all cases in one JVM per version (`tests/conformance/ZkJudge.java` calls
//! `QuorumPeerConfig.parse`), meslint lints each case in-process for the same version, and the
//! verdict rule compares the two:
//!
//! * ZooKeeper rejects the file: meslint must report at least one error.
//! * ZooKeeper accepts the file: every error meslint reports must be on [`ALLOWED`], the short
//!   list of problems that `parse()` lets through but that still stop the server at start-up.
//!
//! Cases come from three places: every `zoo.cfg` under `fixtures/`, a table of hand-written
//! shapes ([`table_cases`]), and a seeded generator that mutates valid configs ([`generate`]).
//! All files are written under `target/conformance/`; nothing is written into the source tree.
//!
//! Run `scripts/setup-conformance.sh` once to get the jars, then
//! `cargo test --test conformance -- --nocapture`. Environment:
//! `MESLINT_CONFORMANCE_SEED` (default 1), `MESLINT_CONFORMANCE_CASES` (generated cases, default
//! 5000), `MESLINT_CONFORMANCE_SHOW` (disagreements printed in full, default 100; the rest get one
//! line each), `MESLINT_SKIP_CONFORMANCE=1` to skip when the jars are missing.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use meslint_core::{Diagnostic, Input, Settings, Severity, ZkVersion, lint};

mod cases;
mod generator;
mod running;
mod verdict;

use cases::*;
use generator::*;
use verdict::*;
