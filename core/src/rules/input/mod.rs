//! Rules about the input files themselves, before any format is parsed.

pub mod binary_file;
pub mod invalid_project_file;
pub mod link_outside_root;
pub mod template_file;
pub mod unreadable_file;
pub mod unrecognized_file;
pub mod yaml_syntax_error;
