use crate::diagnostic::Severity;

declare_rule! {
    /// A variable that another ZooKeeper or Mesos image reads, given to an image that ignores it.
    ///
    /// ## What it finds
    /// An environment variable of a container that some image meslint knows reads, but the
    /// container's own image does not: `ZOO_MY_ID` on `bobrik/zookeeper` (which reads `ZK_ID`),
    /// `MYID` on the official `zookeeper` image (which reads `ZOO_MY_ID`), `MESOS_*` on a
    /// ZooKeeper image. The images and the variables each entrypoint reads are listed in the
    /// README, with the entrypoint script each fact comes from.
    ///
    /// ## Why it matters
    /// The entrypoint never looks at the variable, so the setting silently does nothing: a
    /// server keeps the image's default myid (often `1` on every server) or its default server
    /// list, and runs standalone or in the wrong ensemble.
    ///
    /// ## How to fix
    /// Use the variable the image reads (the help names it), or the image the variable was
    /// written for.
    ///
    /// ## Example
    /// `image: zookeeper:3.8` with `environment: {MYID: 2, SERVERS: zk1,zk2,zk3}` (the
    /// `mesoscloud/zookeeper` variables).
    pub static FOREIGN_IMAGE_VARIABLE = Rule {
        code: "CT101",
        name: "foreign_image_variable",
        severity: Severity::Warning,
        applies_to: "all",
        check: None,
    };
}
