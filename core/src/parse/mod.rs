//! Parsers: one module per input format. Parsers never fail and never panic: they return the
//! model they could build, with what is wrong in it as typed problems
//! ([`crate::model::problems`]) that rules turn into findings. The spans of secrets go into a
//! [`Sink`], to be masked before anything is shown.

use crate::source::Span;

/// Where parsers put the bytes that hold a secret (zk credentials, passwords); they are masked
/// before any output.
#[derive(Debug, Default)]
pub struct Sink {
    pub secrets: Vec<Span>,
}

impl Sink {
    pub fn secret(&mut self, span: Span) {
        self.secrets.push(span);
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
pub mod zk_script;
pub mod zk_url;
pub mod zoo_cfg;
