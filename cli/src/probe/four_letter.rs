//! The `srvr` four-letter word: connect, send `srvr`, read the answer, parse it.
//!
//! Each step has the per-connection time limit. An address in the configuration is used as
//! it is; only a host name is resolved, and only the names the configuration holds reach
//! this module.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use meslint_core::model::live::{Answer, Srvr};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// Answers longer than this are cut: `srvr` needs a few hundred bytes.
const MAX_ANSWER: u64 = 64 * 1024;

/// Connects to `host:port` and asks `srvr`. Returns the address used, when one was.
pub async fn ask_srvr(host: &str, port: u16, limit: Duration) -> (Option<SocketAddr>, Answer) {
    let addresses = match resolve(host, port, limit).await {
        Ok(addresses) => addresses,
        Err(why) => return (None, Answer::Unreachable(why)),
    };
    let mut last = Answer::Unreachable("the name resolves to no address".to_owned());
    let mut used = None;
    for address in addresses {
        used = Some(address);
        match exchange(address, limit).await {
            Ok(text) => return (used, parse(&text)),
            Err(why) => last = Answer::Unreachable(why),
        }
    }
    (used, last)
}

/// An IP literal as it is; a name through the system resolver, within the time limit.
async fn resolve(host: &str, port: u16, limit: Duration) -> Result<Vec<SocketAddr>, String> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    match timeout(limit, tokio::net::lookup_host((bare, port))).await {
        Ok(Ok(found)) => Ok(found.collect()),
        Ok(Err(_)) => Err(format!("`{host}` does not resolve")),
        Err(_) => Err(format!(
            "resolving `{host}` took longer than {}",
            seconds(limit)
        )),
    }
}

async fn exchange(address: SocketAddr, limit: Duration) -> Result<String, String> {
    let mut stream = match timeout(limit, TcpStream::connect(address)).await {
        Ok(Ok(stream)) => stream,
        Ok(Err(error)) => return Err(describe(&error)),
        Err(_) => return Err(format!("no connection within {}", seconds(limit))),
    };
    let talk = async {
        stream.write_all(b"srvr").await?;
        let mut bytes = Vec::new();
        (&mut stream)
            .take(MAX_ANSWER)
            .read_to_end(&mut bytes)
            .await?;
        Ok::<_, std::io::Error>(bytes)
    };
    match timeout(limit, talk).await {
        Ok(Ok(bytes)) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Ok(Err(error)) => Err(describe(&error)),
        Err(_) => Err(format!(
            "connected, but no answer to `srvr` within {}",
            seconds(limit)
        )),
    }
}

/// Reads a `srvr` answer.
pub fn parse(text: &str) -> Answer {
    if text.contains("is not executed because it is not in the whitelist") {
        return Answer::Refused;
    }
    if text.contains("not currently serving requests") {
        return Answer::NotServing;
    }
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
    };
    match (field("Zookeeper version:"), field("Mode:")) {
        (Some(version), Some(mode)) => Answer::Srvr(Srvr {
            version: version
                .split(['-', ','])
                .next()
                .unwrap_or("")
                .trim()
                .to_owned(),
            mode,
            zxid: field("Zxid:"),
        }),
        _ => {
            let first: String = text
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_control())
                .take(80)
                .collect();
            Answer::Unrecognized(if first.is_empty() {
                "the connection closed without an answer".to_owned()
            } else {
                format!("`{first}`")
            })
        }
    }
}

fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
        std::io::ErrorKind::ConnectionReset => "connection reset".to_owned(),
        _ => {
            let text = error.to_string();
            text.find(" (os error")
                .map_or(text.clone(), |cut| text[..cut].to_owned())
        }
    }
}

/// `2s`, `1.5s`, `500ms`.
pub fn seconds(duration: Duration) -> String {
    let ms = duration.as_millis();
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.1}s", duration.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_leaders_answer() {
        let text = "Zookeeper version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC\n\
                    Latency min/avg/max: 0/0.0/0\nReceived: 1\nSent: 0\nConnections: 1\n\
                    Outstanding: 0\nZxid: 0x100000000\nMode: leader\nNode count: 5\n";
        assert_eq!(
            parse(text),
            Answer::Srvr(Srvr {
                version: "3.8.0".to_owned(),
                mode: "leader".to_owned(),
                zxid: Some("0x100000000".to_owned()),
            })
        );
    }

    #[test]
    fn reads_refusals_and_servers_without_quorum() {
        assert_eq!(
            parse("srvr is not executed because it is not in the whitelist.\n"),
            Answer::Refused
        );
        assert_eq!(
            parse("This ZooKeeper instance is not currently serving requests\n"),
            Answer::NotServing
        );
        assert_eq!(
            parse("HTTP/1.1 400 Bad Request\r\n"),
            Answer::Unrecognized("`HTTP/1.1 400 Bad Request`".to_owned())
        );
        assert_eq!(
            parse(""),
            Answer::Unrecognized("the connection closed without an answer".to_owned())
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(seconds(Duration::from_secs(2)), "2s");
        assert_eq!(seconds(Duration::from_millis(500)), "500ms");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5s");
    }
}
