//! Proxies (plain HTTP, CONNECT and SOCKS5, with TLS end to end through the tunnels) and trust
//! (a TLS server whose certificate comes from a test CA).

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::common::*;
use crate::socks::{socks5_proxy, SocksConnect};
use crate::tls::tls_server;

/// A CONNECT proxy: records each CONNECT line and its `Proxy-Authorization`, then tunnels to
/// 127.0.0.1 at the requested port, whatever the host (so `sso.test` resolves only here).
async fn connect_proxy() -> (String, Arc<Mutex<Vec<(String, Option<String>)>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let record = record.clone();
            tokio::spawn(async move {
                let mut client = BufReader::new(stream);
                let mut request_line = String::new();
                client.read_line(&mut request_line).await.unwrap();
                let mut auth = None;
                loop {
                    let mut line = String::new();
                    client.read_line(&mut line).await.unwrap();
                    if line == "\r\n" {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':') {
                        if name.eq_ignore_ascii_case("proxy-authorization") {
                            auth = Some(value.trim().to_owned());
                        }
                    }
                }
                record
                    .lock()
                    .unwrap()
                    .push((request_line.trim_end().to_owned(), auth));
                let mut parts = request_line.split_whitespace();
                assert_eq!(parts.next(), Some("CONNECT"));
                let port = parts.next().unwrap().rsplit_once(':').unwrap().1.to_owned();
                let mut upstream = TcpStream::connect(format!("127.0.0.1:{port}"))
                    .await
                    .unwrap();
                let mut client = client.into_inner();
                client
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .await
                    .unwrap();
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            });
        }
    });
    (format!("http://{addr}"), seen)
}

#[tokio::test]
async fn socks5h_tunnels_https_with_the_name_resolved_by_the_proxy() {
    let server = tls_server(INTEGRATION).await;
    let (proxy, seen) = socks5_proxy().await;
    let client = Client::builder(KEY)
        // `sso.test` resolves nowhere but at the proxy.
        .base_url(format!("https://sso.test:{}", server.port))
        .proxy(format!("socks5h://user:hunter2@{proxy}"))
        .add_root_certificate(&server.ca_pem)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let integration = client.get_sso_integration(INTEGRATION_ID).await.unwrap();
    assert_integration(&integration);
    assert_eq!(
        *seen.lock().unwrap(),
        [SocksConnect {
            credentials: Some(("user".to_owned(), "hunter2".to_owned())),
            destination: "sso.test".to_owned(),
            port: server.port,
        }]
    );
    assert!(!format!("{client:?}").contains("hunter2"), "{client:?}");
}

#[tokio::test]
async fn socks5_carries_plain_http_with_the_name_resolved_here() {
    let server = serve(|_, _| Action::json(200, "[]")).await;
    let (proxy, seen) = socks5_proxy().await;
    let client = Client::builder(KEY)
        .base_url(format!("http://localhost:{}", server.addr.port()))
        .proxy(format!("socks5://{proxy}"))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(client.list_sso_integration().await.unwrap().is_empty());
    let connect = seen.lock().unwrap()[0].clone();
    assert_eq!(connect.credentials, None);
    assert!(
        ["127.0.0.1", "::1"].contains(&connect.destination.as_str()),
        "{connect:?}"
    );
    assert_eq!(connect.port, server.addr.port());
    // Through a tunnel, the request keeps its origin form (not a proxy's absolute form).
    assert_eq!(server.last().target, "/v3/sso/integrations");
}

#[tokio::test]
async fn plain_http_goes_to_the_proxy_with_its_credentials() {
    // The "proxy" answers itself: what matters is what it received.
    let proxy = serve(|_, _| Action::json(200, "[]")).await;
    let client = Client::builder(KEY)
        // A host that does not resolve: only the proxy can reach it.
        .base_url("http://sso.invalid")
        .proxy(format!("http://user:hunter2@{}", proxy.addr))
        .build()
        .unwrap();
    assert!(client
        .list_sso_integration()
        .si(true)
        .await
        .unwrap()
        .is_empty());
    let seen = proxy.last();
    // Absolute form, as a proxy needs it.
    assert_eq!(
        seen.target,
        "http://sso.invalid/v3/sso/integrations?si=true"
    );
    // user:hunter2
    assert_eq!(
        seen.header("proxy-authorization"),
        Some("Basic dXNlcjpodW50ZXIy")
    );
    assert_eq!(
        seen.header("authorization"),
        Some(&*format!("Bearer {KEY}"))
    );
    assert!(!format!("{client:?}").contains("hunter2"), "{client:?}");
}

#[tokio::test]
async fn https_tunnels_through_connect_with_tls_end_to_end() {
    let server = tls_server(INTEGRATION).await;
    let (proxy, seen) = connect_proxy().await;
    let proxy_with_credentials = proxy.replace("http://", "http://user:hunter2@");
    let client = Client::builder(KEY)
        .base_url(format!("https://sso.test:{}", server.port))
        .proxy(proxy_with_credentials)
        .add_root_certificate(&server.ca_pem)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let integration = client.get_sso_integration(INTEGRATION_ID).await.unwrap();
    assert_integration(&integration);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        [(
            format!("CONNECT sso.test:{} HTTP/1.1", server.port),
            Some("Basic dXNlcjpodW50ZXIy".to_owned())
        )]
    );

    // The same tunnel without the CA: the certificate is checked end to end, so it fails.
    let untrusting = Client::builder(KEY)
        .base_url(format!("https://sso.test:{}", server.port))
        .proxy(proxy)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = untrusting
        .get_sso_integration(INTEGRATION_ID)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn a_failing_proxy_is_a_transport_error_without_its_credentials() {
    let addr = unused_addr().await;
    let client = Client::builder(KEY)
        .base_url("https://sso.test")
        .proxy(format!("http://user:hunter2@{addr}"))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.list_sso_integration().await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!error_text(&error).contains("hunter2"), "{error:?}");
    let bad = Client::builder(KEY)
        .proxy("ftp://user:hunter2@proxy")
        .build();
    let bad = bad.unwrap_err();
    assert!(matches!(bad, BuildError::InvalidProxy), "{bad:?}");
    assert!(!format!("{bad} {bad:?}").contains("hunter2"));
}

#[tokio::test]
async fn tls_with_a_test_ca_fails_without_it_and_passes_with_it() {
    let server = tls_server(INTEGRATION).await;
    let base_url = format!("https://127.0.0.1:{}", server.port);
    let without = Client::builder(KEY)
        .base_url(&base_url)
        .no_proxy()
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = without
        .get_sso_integration(INTEGRATION_ID)
        .await
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    // rustls reports the unknown issuer somewhere in the chain.
    assert!(
        format!("{:?}", transport.source()).contains("UnknownIssuer"),
        "{error:?}"
    );

    let with = Client::builder(KEY)
        .base_url(&base_url)
        .no_proxy()
        .add_root_certificate(server.ca_pem.as_bytes())
        .build()
        .unwrap();
    assert_integration(&with.get_sso_integration(INTEGRATION_ID).await.unwrap());

    let bad = Client::builder(KEY)
        .add_root_certificate(
            "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n",
        )
        .build()
        .unwrap_err();
    assert!(matches!(bad, BuildError::InvalidCertificate(_)), "{bad:?}");
}
