//! Rules about one Mesos master or agent: its flags as the loader reads them (MS0xx), their
//! values (MS1xx), required and version-dependent flags (MS2xx), ZooKeeper URLs and the
//! agent's `--master` (MS3xx), and containerizers, isolators and image providers (MS4xx).
//! Checks across several hosts live elsewhere.

pub mod arguments_after_terminator;
pub mod duplicate_flag;
pub mod env_overridden;
pub mod flag_name_case;
pub mod ignored_argument;
pub mod misplaced_flag_file;
pub mod negated_non_boolean;
pub mod space_separated_value;
pub mod unknown_flag;
