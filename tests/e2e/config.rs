//! Client configuration: base URL prefixes, regions, shared clones.

use crate::common::*;

#[tokio::test]
async fn base_url_prefix_regions_and_shared_clones() {
    assert_eq!(
        Client::new(KEY).unwrap().base_url(),
        "https://api.sendgrid.com"
    );
    let eu = Client::builder(KEY).region(Region::Eu).build().unwrap();
    assert_eq!(eu.base_url(), "https://api.eu.sendgrid.com");

    let server = serve(|_, _| Action::json(200, "[]")).await;
    let client = Client::builder(KEY)
        .base_url(format!("{}/proxy/", server.url()))
        .region(Region::Eu)
        .no_proxy()
        .build()
        .unwrap();
    client.list_sso_integration().await.unwrap();
    assert_eq!(server.last().target, "/proxy/v3/sso/integrations");

    // `Client` is Clone + Send + Sync and its request futures are Send: run them on tasks.
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.list_sso_integration().si(true).await })
        })
        .collect();
    for task in tasks {
        assert!(task.await.unwrap().unwrap().is_empty());
    }
    assert_eq!(server.count(), 5);

    let error = Client::builder(KEY).base_url("127.0.0.1:4010").build();
    assert!(matches!(error, Err(BuildError::InvalidBaseUrl { .. })));
}
