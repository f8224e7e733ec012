//! The `meslint` command line: reads files, hands them to `meslint-core`, prints what it found.
//!
//! Everything about configuration lives in the core; this crate only knows about arguments,
//! the filesystem, the terminal, exit codes, and the network for `--probe`.

mod args;
mod commands;
mod probe;
mod walk;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Args::parse();
    match commands::run(args) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`meslint . | head`) is not an error worth reporting.
            let _ = stdout.write_all(output.text.as_bytes());
            let _ = stdout.flush();
            ExitCode::from(output.status as u8)
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "meslint: {error}");
            ExitCode::from(commands::Status::Failure as u8)
        }
    }
}
