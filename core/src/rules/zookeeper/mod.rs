//! Rules about one ZooKeeper server: its zoo.cfg, its myid and its dynamic file.
//!
//! Codes: `ZK0xx` Properties syntax, `ZK1xx` keys and values, `ZK2xx` server lines and the
//! ensemble one config describes, `ZK3xx` myid, `ZK4xx` the dynamic file. Checks across hosts
//! live elsewhere.

pub mod backslash_in_path;
pub mod byte_order_mark;
pub mod duplicate_key;
pub mod inline_comment;
pub mod invalid_dynamic_key;
pub mod malformed_unicode_escape;
pub mod non_ascii_text;
