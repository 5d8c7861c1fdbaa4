//! The `testing` feature: a user's unit test of their own code, over the in-memory transport.

use sendgrid_sso::requests::{GetSsoIntegration, ListSsoIntegration, UpdateSsoIntegration};
use sendgrid_sso::testing::MockTransport;

use crate::common::*;

/// The user's code under test: names of the enabled integrations.
async fn enabled_names(client: &Client) -> Result<Vec<String>, Error> {
    let all = client.list_sso_integration().si(true).await?;
    Ok(all
        .into_iter()
        .filter(|i| i.enabled)
        .map(|i| i.name)
        .collect())
}

fn integration(name: &str, enabled: bool) -> SsoIntegration {
    SsoIntegration::new(
        name,
        enabled,
        "https://idp.example.com/signin",
        "https://idp.example.com/signout",
        "https://idp.example.com/entity",
        66138975.into(),
    )
}

#[tokio::test]
async fn a_users_unit_test_with_typed_canned_responses() {
    let mock = MockTransport::new();
    // The fixture's type is the operation's: `Vec<SsoIntegration>`.
    mock.ok::<ListSsoIntegration>(&vec![integration("Okta", true), integration("Old", false)]);
    let client = Client::builder("test-key")
        .transport(mock.clone())
        .build()
        .unwrap();

    assert_eq!(enabled_names(&client).await.unwrap(), ["Okta"]);

    let requests = mock.requests_for::<ListSsoIntegration>();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(
        requests[0].uri,
        "https://api.sendgrid.com/v3/sso/integrations?si=true"
    );
    assert_eq!(requests[0].header("authorization"), Some("Bearer test-key"));
    assert_eq!(requests[0].operation_id, "ListSsoIntegration");
}

#[tokio::test]
async fn errors_bodies_retries_and_missing_responses() {
    let mock = MockTransport::new();
    mock.json::<GetSsoIntegration>(503, "")
        .json::<GetSsoIntegration>(200, &integration("Okta", true));
    mock.json::<UpdateSsoIntegration>(403, &json!([{"message": "no", "field": null}]));
    let client = Client::builder("test-key")
        .transport(mock.clone())
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap();

    // 503 then 200: the client's retries run over the mock too.
    let response = client
        .get_sso_integration(INTEGRATION_ID)
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2);
    assert_eq!(response.body().name, "Okta");

    let error = client
        .update_sso_integration(INTEGRATION_ID, &integration_request())
        .await
        .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.parsed().unwrap()[0].message.as_deref(), Some("no"));
    let sent = &mock.requests_for::<UpdateSsoIntegration>()[0];
    assert_eq!(sent.json(), integration_request_json());
    assert_eq!(
        sent.uri.path(),
        format!("/v3/sso/integrations/{INTEGRATION_ID}")
    );

    // No canned response: 501, naming the operation.
    let error = client.list_sso_integration().await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::NOT_IMPLEMENTED));
    assert!(error.to_string().contains("ListSsoIntegration"), "{error}");
    assert_eq!(mock.requests().len(), 4);
}
