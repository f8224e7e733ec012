//! Turns a [`Report`](crate::report::Report) into text: for people (miette) or for machines (JSON).
//!
//! Every format is built from the same [`Diagnostic`](crate::diagnostic::Diagnostic)s; no renderer
//! re-derives what a rule found.

pub mod clusters;
pub mod human;
pub mod json;
pub mod overview;
