//! Load: 10,000 calls, 100 in flight, on one client against a loopback server: no errors, and
//! memory stays flat (its own test binary, so that no other test moves the process's RSS).

use std::time::Duration;

use sendgrid_sso::{Client, RetryPolicy};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const BODY: &str = r#"[{"name":"Okta","enabled":true,"signin_url":"https://idp.example.com/signin","signout_url":"https://idp.example.com/signout","entity_id":"https://idp.example.com/entity","last_updated":66138975,"id":"b0b98502"}]"#;

/// A keep-alive server that answers every GET with `BODY` and remembers nothing.
async fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let _ = stream.set_nodelay(true);
                let mut stream = BufReader::new(stream);
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
                    BODY.len()
                );
                let mut line = String::new();
                loop {
                    // The head of a GET: lines up to an empty one.
                    loop {
                        line.clear();
                        match stream.read_line(&mut line).await {
                            Ok(0) | Err(_) => return,
                            Ok(_) if line == "\r\n" => break,
                            Ok(_) => {}
                        }
                    }
                    if stream
                        .get_mut()
                        .write_all(response.as_bytes())
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

/// `calls` calls from `in_flight` concurrent tasks sharing one client; the number of errors.
async fn run(client: &Client, calls: usize, in_flight: usize) -> usize {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..in_flight {
        let client = client.clone();
        let share = calls / in_flight;
        tasks.spawn(async move {
            let mut errors = 0;
            for _ in 0..share {
                match client.list_sso_integration().await {
                    Ok(all) if all.len() == 1 => {}
                    other => {
                        eprintln!("{other:?}");
                        errors += 1;
                    }
                }
            }
            errors
        });
    }
    let mut errors = 0;
    while let Some(result) = tasks.join_next().await {
        errors += result.unwrap();
    }
    errors
}

/// Resident memory in bytes (Linux), `None` elsewhere.
fn rss() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_calls_at_a_hundred_in_flight() {
    let url = server().await;
    let client = Client::builder("SG.load")
        .base_url(url)
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    // Warm up: the pool's 100 connections, allocator arenas, lazy statics.
    assert_eq!(run(&client, 1_000, 100).await, 0);
    let before = rss();
    assert_eq!(run(&client, 10_000, 100).await, 0, "errors under load");
    let after = rss();
    if let (Some(before), Some(after)) = (before, after) {
        let growth = after.saturating_sub(before);
        eprintln!("RSS before {before} B, after {after} B, growth {growth} B");
        // Ten times more calls than the warm-up: a leak of even 1 KiB per call shows as 10 MB.
        assert!(
            growth < 8 * 1024 * 1024,
            "RSS grew by {growth} B over 10,000 calls"
        );
    }
}
