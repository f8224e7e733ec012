//! Parsers: one module per input format. Parsers never fail and never panic: they return the
//! model they could build and push what is wrong into a [`Sink`].

use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Where parsers put what they find besides the model itself.
#[derive(Debug, Default)]
pub struct Sink {
    pub diagnostics: Vec<Diagnostic>,
    /// Bytes that hold a secret (zk credentials, passwords); masked before any output.
    pub secrets: Vec<Span>,
    /// Values taken from a shell or systemd variable: (the assignment, the use). A diagnostic
    /// that points at the assignment also points at the use.
    pub resolved: Vec<(Span, Span)>,
}

impl Sink {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn secret(&mut self, span: Span) {
        self.secrets.push(span);
    }

    pub fn resolved(&mut self, assignment: Span, used: Span) {
        self.resolved.push((assignment, used));
    }
}

pub mod compose;
pub mod docker_run;
pub mod java;
pub mod kubernetes;
pub mod mesos_cmdline;
pub mod mesos_env;
pub mod mesos_flag_file;
pub mod mesos_loader;
pub mod mesos_values;
pub mod mesos_words;
pub mod myid;
pub mod properties;
pub mod server_line;
pub mod shell;
pub mod shell_vars;
pub mod yaml;
pub mod zk_dynamic;
pub mod zk_url;
pub mod zoo_cfg;
