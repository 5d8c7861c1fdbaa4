//! The proxy environment variables are honoured by default (its own test binary: the
//! variables are process-wide, so no other test may run beside it).

#[path = "support/server.rs"]
mod server;
#[path = "support/socks.rs"]
mod socks;

use sendgrid_sso::Client;
use server::{serve, Action};

#[tokio::test]
async fn environment_proxies_and_no_proxy() {
    let proxy = serve(|_, _| Action::json(200, "[]")).await;
    let target = serve(|_, _| Action::json(200, "[]")).await;
    for name in [
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        std::env::remove_var(name);
    }
    // Lower case, as curl reads it first for http.
    std::env::set_var("http_proxy", format!("http://user:hunter2@{}", proxy.addr));
    std::env::set_var("HTTP_PROXY", format!("http://user:hunter2@{}", proxy.addr));

    let client = Client::builder("SG.key")
        .base_url("http://sso.invalid")
        .build()
        .unwrap();
    client.list_sso_integration().await.unwrap();
    assert_eq!(
        proxy.last().target,
        "http://sso.invalid/v3/sso/integrations"
    );
    assert_eq!(
        proxy.last().header("proxy-authorization"),
        Some("Basic dXNlcjpodW50ZXIy")
    );

    // `.no_proxy()` ignores the environment.
    let direct = Client::builder("SG.key")
        .base_url(target.url())
        .no_proxy()
        .build()
        .unwrap();
    direct.list_sso_integration().await.unwrap();
    assert_eq!(target.count(), 1);

    // NO_PROXY exempts a host.
    std::env::set_var("NO_PROXY", "127.0.0.1");
    let exempt = Client::builder("SG.key")
        .base_url(target.url())
        .build()
        .unwrap();
    exempt.list_sso_integration().await.unwrap();
    assert_eq!(target.count(), 2);
    assert_eq!(proxy.count(), 1);
    assert!(!format!("{exempt:?}").contains("hunter2"));

    // A SOCKS5 proxy from the environment tunnels the request; the name goes to the proxy.
    let (socks, seen) = socks::socks5_proxy().await;
    for name in ["http_proxy", "HTTP_PROXY", "NO_PROXY"] {
        std::env::remove_var(name);
    }
    std::env::set_var("ALL_PROXY", format!("socks5h://user:hunter2@{socks}"));
    let tunnelled = Client::builder("SG.key")
        .base_url(format!("http://sso.invalid:{}", target.addr.port()))
        .build()
        .unwrap();
    tunnelled.list_sso_integration().await.unwrap();
    assert_eq!(target.count(), 3);
    assert_eq!(target.last().target, "/v3/sso/integrations");
    let connect = seen.lock().unwrap()[0].clone();
    assert_eq!(
        (connect.destination.as_str(), connect.port),
        ("sso.invalid", target.addr.port())
    );
    assert_eq!(
        connect.credentials,
        Some(("user".to_owned(), "hunter2".to_owned()))
    );
    std::env::remove_var("ALL_PROXY");
}
