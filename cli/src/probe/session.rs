//! A ZooKeeper client session through a zk URL, as a Mesos master or agent opens it: the
//! URL's hosts as the connect string, its digest credentials added to the session. Reads
//! (never writes) the URL's path and the `json.info_*` znodes the running masters hold there.

use std::time::Duration;

use meslint_core::model::live::{Outcome, Registration, SessionPlan, address};
use zookeeper_client as zk;

/// The prefix of the ephemeral znodes Mesos 1.0+ masters register under their zk path.
pub const MASTER_INFO_PREFIX: &str = "json.info_";

/// Opens the session and reads the path. `limit` bounds connecting to each host.
pub async fn inspect(plan: &SessionPlan, limit: Duration) -> Outcome {
    let connect_string = plan
        .hosts
        .iter()
        .map(|(h, p)| address(h, *p))
        .collect::<Vec<_>>()
        .join(",");
    let mut connector = zk::Client::connector()
        .with_session_timeout(Duration::from_secs(10).max(limit * 2))
        .with_connection_timeout(limit)
        .with_fail_eagerly();
    if let Some(secret) = &plan.credentials {
        connector = connector.with_auth("digest", secret.expose());
    }
    // Each host gets the per-connection limit; the client tries them in turn.
    let attempts = u32::try_from(plan.hosts.len()).unwrap_or(u32::MAX).max(1);
    let client =
        match tokio::time::timeout(limit * attempts, connector.connect(&connect_string)).await {
            Ok(Ok(client)) => client,
            Ok(Err(error)) => return Outcome::Failed(format!("no session: {error}")),
            Err(_) => {
                return Outcome::Failed(format!(
                    "no session within {}",
                    super::four_letter::seconds(limit * attempts)
                ));
            }
        };
    let read = async {
        if client.check_stat(&plan.path).await?.is_none() {
            return Ok(Outcome::PathMissing);
        }
        let mut children = client.list_children(&plan.path).await?;
        children.retain(|c| c.starts_with(MASTER_INFO_PREFIX));
        children.sort();
        let mut found = Vec::new();
        for child in children {
            let path = format!("{}/{child}", plan.path.trim_end_matches('/'));
            match client.get_data(&path).await {
                Ok((data, _)) => found.push(master_info(child, &data)),
                // Gone between listing and reading: that master just stopped.
                Err(zk::Error::NoNode) => {}
                Err(error) => return Err(error),
            }
        }
        Ok::<_, zk::Error>(Outcome::Read(found))
    };
    match tokio::time::timeout(limit * 4, read).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(error)) => Outcome::Failed(format!("reading `{}` failed: {error}", plan.path)),
        Err(_) => Outcome::Failed(format!(
            "reading `{}` took longer than {}",
            plan.path,
            super::four_letter::seconds(limit * 4)
        )),
    }
}

/// Reads a MasterInfo as Mesos writes it in JSON: `address` {ip, port, hostname}, `hostname`,
/// `id`, `version`, and the older `pid` (`master@ip:port`).
pub fn master_info(znode: String, data: &[u8]) -> Registration {
    let mut registration = Registration {
        znode,
        ip: None,
        port: None,
        hostname: None,
        id: None,
        version: None,
        unreadable: None,
    };
    let value: serde_json::Value = match serde_json::from_slice(data) {
        Ok(value) => value,
        Err(_) => {
            registration.unreadable = Some("not JSON".to_owned());
            return registration;
        }
    };
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    let port = |v: &serde_json::Value| v.as_u64().and_then(|p| u16::try_from(p).ok());
    let address = &value["address"];
    registration.ip = text(&address["ip"]);
    registration.port = port(&address["port"]).or_else(|| port(&value["port"]));
    registration.hostname = text(&address["hostname"]).or_else(|| text(&value["hostname"]));
    registration.id = text(&value["id"]);
    registration.version = text(&value["version"]);
    if registration.ip.is_none()
        && let Some(pid) = value["pid"].as_str()
        && let Some((_, at)) = pid.split_once('@')
        && let Some((ip, p)) = at.rsplit_once(':')
    {
        registration.ip = Some(ip.to_owned());
        registration.port = registration.port.or_else(|| p.parse().ok());
    }
    if registration.ip.is_none() && registration.hostname.is_none() {
        registration.unreadable = Some("no address in the MasterInfo".to_owned());
    }
    registration
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_master_info_json() {
        let data = br#"{"address":{"hostname":"m1","ip":"10.0.0.11","port":5050},
            "hostname":"m1","id":"abc","ip":184549387,"pid":"master@10.0.0.11:5050",
            "port":5050,"version":"1.11.0"}"#;
        let r = master_info("json.info_0000000001".to_owned(), data);
        assert_eq!(r.ip.as_deref(), Some("10.0.0.11"));
        assert_eq!(r.port, Some(5050));
        assert_eq!(r.hostname.as_deref(), Some("m1"));
        assert_eq!(r.version.as_deref(), Some("1.11.0"));
        assert_eq!(r.address(), "10.0.0.11:5050");
        assert!(r.unreadable.is_none());
    }

    #[test]
    fn older_master_info_has_only_a_pid() {
        let r = master_info(
            "json.info_1".to_owned(),
            br#"{"pid":"master@10.0.0.12:5051"}"#,
        );
        assert_eq!(r.address(), "10.0.0.12:5051");
        let bad = master_info("json.info_2".to_owned(), b"\x08\x01");
        assert_eq!(bad.unreadable.as_deref(), Some("not JSON"));
    }
}
