//! Bounded responses, deadlines, per-call options, and servers that misbehave on the wire.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::common::*;

/// A server that reads one request head, then lets `respond` write whatever it likes.
async fn raw_server<F, Fut>(respond: F) -> String
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                if stream.read(&mut byte).await.unwrap_or(0) == 0 {
                    break;
                }
                head.push(byte[0]);
            }
            tokio::spawn(respond(stream));
        }
    });
    format!("http://{addr}")
}

fn raw_client(url: &str) -> ClientBuilder {
    Client::builder(KEY)
        .base_url(url)
        .no_proxy()
        .retry_policy(RetryPolicy::none())
}

#[tokio::test]
async fn a_body_over_the_declared_limit_is_a_typed_error_with_status_and_headers() {
    let big = format!("[{}]", vec![INTEGRATION; 400].join(","));
    assert!(big.len() > 64 * 1024);
    let server =
        serve(move |_, _| Action::json(200, &big).with_header("x-request-id", "abc")).await;
    let client = builder(&server)
        .response_body_limit(64 * 1024)
        .build()
        .unwrap();
    let error = client.list_sso_integration().await.unwrap_err();
    let Error::BodyTooLarge(too_large) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(too_large.status(), StatusCode::OK);
    assert_eq!(too_large.limit(), 64 * 1024);
    assert_eq!(too_large.headers()["x-request-id"], "abc");
    assert_eq!(error.status(), Some(StatusCode::OK));
    // Not retried: the same answer would come again.
    assert_eq!(server.count(), 1);
    assert_eq!(error.attempts(), 1);
    // Under the limit it decodes.
    let client = builder(&server)
        .response_body_limit(1 << 20)
        .build()
        .unwrap();
    assert_eq!(client.list_sso_integration().await.unwrap().len(), 400);
}

#[tokio::test]
async fn an_endless_body_stops_at_the_limit() {
    // Chunked, without end: reading it whole would never finish (the client's timeout would
    // then be the error, not the limit).
    let url = raw_server(|mut stream| async move {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("4000\r\n{}\r\n", "x".repeat(0x4000));
        while stream.write_all(chunk.as_bytes()).await.is_ok() {}
    })
    .await;
    let client = raw_client(&url)
        .response_body_limit(256 * 1024)
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let error = client.list_sso_integration().await.unwrap_err();
    assert!(matches!(error, Error::BodyTooLarge(_)), "{error:?}");
}

#[tokio::test]
async fn a_reset_mid_body_is_a_transport_error() {
    let url = raw_server(|stream| async move {
        let mut stream = stream;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n[{\"name\":";
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.flush().await;
        tokio::time::sleep(Duration::from_millis(20)).await;
        // Linger 0: close with a TCP reset rather than a FIN.
        let _ = stream.set_zero_linger();
        drop(stream);
    })
    .await;
    let error = raw_client(&url)
        .build()
        .unwrap()
        .list_sso_integration()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert!(!transport.is_connect());
    assert!(!transport.is_malformed_response());
}

#[tokio::test]
async fn a_body_trickled_slower_than_the_timeout_times_out() {
    let url = raw_server(|mut stream| async move {
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n";
        let _ = stream.write_all(head.as_bytes()).await;
        for _ in 0..100 {
            tokio::time::sleep(Duration::from_millis(50)).await;
            if stream.write_all(b" ").await.is_err() {
                return;
            }
        }
    })
    .await;
    let client = raw_client(&url)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let error = client.list_sso_integration().await.unwrap_err();
    let Error::Timeout(timeout) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(timeout.duration(), Duration::from_millis(300));
    assert!(!timeout.is_deadline());
}

#[tokio::test]
async fn a_malformed_status_line_is_a_transport_error() {
    let url = raw_server(|mut stream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 two hundred OK\r\ncontent-length: 2\r\n\r\n[]")
            .await;
        let _ = stream.flush().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    })
    .await;
    let error = raw_client(&url)
        .build()
        .unwrap()
        .list_sso_integration()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert!(transport.is_malformed_response(), "{error:?}");
    assert!(error.to_string().contains("not valid HTTP"), "{error}");
}

#[tokio::test]
async fn the_total_deadline_bounds_retries_and_waits() {
    // Each answer asks for a retry in 5 s: the deadline is reached before the second attempt.
    let server = serve(|_, _| Action::json(503, "").with_header("retry-after", "5")).await;
    let client = builder(&server)
        .total_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let start = Instant::now();
    let error = client
        .get_sso_integration(INTEGRATION_ID)
        .await
        .unwrap_err();
    // The wait would pass the deadline, so the last answer is returned at once.
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(error.attempts(), 1);
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );

    // A server that hangs: the deadline cuts the attempt short of its own 30 s timeout.
    let hanging = serve(|_, _| Action::Hang).await;
    let client = builder(&hanging)
        .total_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let error = client.list_sso_integration().await.unwrap_err();
    let Error::Timeout(timeout) = &error else {
        panic!("{error:?}")
    };
    assert!(timeout.is_deadline());
    assert_eq!(timeout.duration(), Duration::from_millis(300));
}

#[tokio::test]
async fn per_call_timeout_and_headers_apply_to_one_call_only() {
    let server = serve(|request, _| {
        if request.target.ends_with("slow") {
            Action::Hang
        } else {
            Action::json(200, INTEGRATION)
        }
    })
    .await;
    let client = builder(&server)
        .default_header("x-trace", "default")
        .build()
        .unwrap();
    client
        .get_sso_integration(INTEGRATION_ID)
        .header("Idempotency-Key", "k-1")
        .header("x-trace", "per-call")
        .await
        .unwrap();
    let seen = server.last();
    assert_eq!(seen.header("idempotency-key"), Some("k-1"));
    assert_eq!(seen.header("x-trace"), Some("per-call"));
    assert_eq!(
        seen.headers.iter().filter(|(n, _)| n == "x-trace").count(),
        1
    );
    client.get_sso_integration(INTEGRATION_ID).await.unwrap();
    let seen = server.last();
    assert_eq!(seen.header("idempotency-key"), None);
    assert_eq!(seen.header("x-trace"), Some("default"));

    let start = Instant::now();
    let error = client
        .get_sso_integration("slow")
        .timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(start.elapsed() < Duration::from_secs(2));

    let error = client
        .get_sso_integration(INTEGRATION_ID)
        .header("x-bad", "line\nbreak")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(error.attempts(), 0);
}
