//! The ZooKeeper and Mesos releases meslint can target.
//!
//! Both are compared by minor release only: ZooKeeper 3.4 to 3.9, Mesos 1.0 to 1.11. Point
//! releases that changed behaviour inside a minor line are described in the rules' docs.

use std::fmt;
use std::str::FromStr;

/// A ZooKeeper minor release, 3.4 to 3.9.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ZkVersion(u8);

impl ZkVersion {
    pub const V3_4: ZkVersion = ZkVersion(4);
    pub const V3_5: ZkVersion = ZkVersion(5);
    pub const V3_6: ZkVersion = ZkVersion(6);
    pub const V3_7: ZkVersion = ZkVersion(7);
    pub const V3_8: ZkVersion = ZkVersion(8);
    pub const V3_9: ZkVersion = ZkVersion(9);
    pub const DEFAULT: ZkVersion = ZkVersion::V3_8;
    pub const ALL: [ZkVersion; 6] = [
        Self::V3_4,
        Self::V3_5,
        Self::V3_6,
        Self::V3_7,
        Self::V3_8,
        Self::V3_9,
    ];

    pub fn minor(self) -> u8 {
        self.0
    }
}

impl Default for ZkVersion {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for ZkVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "3.{}", self.0)
    }
}

impl FromStr for ZkVersion {
    type Err = VersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let minor = parse_minor(s, 3)?;
        Self::ALL
            .into_iter()
            .find(|v| v.0 == minor)
            .ok_or_else(|| VersionError(format!("ZooKeeper {s} is not supported; use 3.4 to 3.9")))
    }
}

/// A Mesos minor release, 1.0 to 1.11.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MesosVersion(u8);

impl MesosVersion {
    pub const DEFAULT: MesosVersion = MesosVersion(11);
    pub const OLDEST: MesosVersion = MesosVersion(0);
    pub const NEWEST: MesosVersion = MesosVersion(11);

    pub const fn new(minor: u8) -> MesosVersion {
        MesosVersion(minor)
    }

    pub fn minor(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = MesosVersion> {
        (Self::OLDEST.0..=Self::NEWEST.0).map(MesosVersion)
    }
}

impl Default for MesosVersion {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for MesosVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1.{}", self.0)
    }
}

impl FromStr for MesosVersion {
    type Err = VersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let minor = parse_minor(s, 1)?;
        if minor <= Self::NEWEST.0 {
            Ok(MesosVersion(minor))
        } else {
            Err(VersionError(format!(
                "Mesos {s} is not supported; use 1.0 to 1.11"
            )))
        }
    }
}

/// Reads `MAJOR.MINOR` or `MAJOR.MINOR.PATCH` and returns MINOR when MAJOR is `major`.
fn parse_minor(s: &str, major: u8) -> Result<u8, VersionError> {
    let bad = || VersionError(format!("`{s}` is not a version like {major}.8"));
    let mut parts = s.trim().split('.');
    let got_major: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let minor: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    if let Some(patch) = parts.next() {
        patch.parse::<u16>().map_err(|_| bad())?;
    }
    if parts.next().is_some() || got_major != major {
        return Err(bad());
    }
    Ok(minor)
}

/// A version string meslint does not know.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct VersionError(String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_with_or_without_patch() {
        assert_eq!("3.4".parse(), Ok(ZkVersion::V3_4));
        assert_eq!("3.4.10".parse(), Ok(ZkVersion::V3_4));
        assert!("3.10".parse::<ZkVersion>().is_err());
        assert!("2.4".parse::<ZkVersion>().is_err());
        assert_eq!("1.11.0".parse(), Ok(MesosVersion::new(11)));
        assert_eq!("1.0".parse(), Ok(MesosVersion::new(0)));
        assert!("1.12".parse::<MesosVersion>().is_err());
        assert!("x".parse::<MesosVersion>().is_err());
    }
}
