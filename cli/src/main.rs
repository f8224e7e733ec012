//! The `meslint` command line.

fn main() {}
