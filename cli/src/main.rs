//! The `meslint` command line: reads files, hands them to `meslint-core`, prints what it found.
//!
//! Everything about configuration lives in the core; this crate only knows about arguments,
//! the filesystem, the terminal, exit codes, and the network for `--probe`.

mod args;
mod commands;
mod config;
mod probe;
mod walk;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some((typed, suggestion)) = args::mistyped_subcommand(&argv) {
        args::Args::command()
            .error(
                clap::error::ErrorKind::InvalidSubcommand,
                format!(
                    "unrecognized subcommand `{typed}`, and no file or directory has that name\n\n  \
                     tip: did you mean `{suggestion}`? (`meslint ./{typed}` lints a path of that name)"
                ),
            )
            .exit();
    }
    let args = args::Args::parse_from(argv);
    match commands::run(args) {
        Ok(output) => {
            if let Some(path) = &output.file {
                if let Err(error) = std::fs::write(path, output.text.as_bytes()) {
                    let _ = writeln!(
                        std::io::stderr(),
                        "meslint: cannot write `{}`: {error}",
                        path.display()
                    );
                    return ExitCode::from(commands::Status::Failure as u8);
                }
                return ExitCode::from(output.status as u8);
            }
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
