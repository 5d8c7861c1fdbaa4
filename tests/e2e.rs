//! End-to-end: the generated client's public API against a real HTTP server on 127.0.0.1.
//!
//! The server records what it received (method, raw request target, headers, body) so each
//! test checks both sides of the wire. No external network is used.

#[path = "support/server.rs"]
mod server;

use std::error::Error as _;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sendgrid_sso::http::StatusCode;
use sendgrid_sso::models::{
    CreateSsoCertificateRequest, PatchSsoTeammatesRequest, PermissionType, Persona,
    PostPatchIntegrationRequest, PostSsoTeammatesRequest, SsoCertificateBody, SsoIntegration,
    SsoTeammatesBaseRequestPropsSubuserAccessItem, UpdateSsoCertificateRequest, UserType,
};
use sendgrid_sso::{BuildError, Client, ClientBuilder, Error, Region, RetryPolicy};
use serde_json::json;
use server::{serve, unused_addr, Action, Recorded, Server};

const KEY: &str = "SG.e2e-secret-key-0123456789";
const INTEGRATION_ID: &str = "b0b98502-9408-4b24-9e3d-31ed7cb15312";
const CERT_ID: &str = "9007199254740993";
/// 2^53 + 1: the first integer an `f64` cannot hold.
const BIG: u64 = 9_007_199_254_740_993;

/// An integration as the server sends it, with a property the spec does not know.
const INTEGRATION: &str = r#"{
    "name": "Okta",
    "enabled": true,
    "signin_url": "https://idp.example.com/signin",
    "signout_url": "https://idp.example.com/signout",
    "entity_id": "https://idp.example.com/entity",
    "completed_integration": true,
    "last_updated": 66138975,
    "id": "b0b98502-9408-4b24-9e3d-31ed7cb15312",
    "single_signon_url": "https://api.sendgrid.com/sso/saml2/sp/b0b98502",
    "audience_url": "https://api.sendgrid.com/sso/saml2/sp/b0b98502",
    "added_in_v4": {"nested": [1, 2, {"deep": null}]}
}"#;

const CERTIFICATE: &str = r#"{
    "public_certificate": "MIIC8DCCAdigAwIBAgIQ",
    "id": 9007199254740993,
    "not_before": 1621289880,
    "not_after": 1716071880,
    "intergration_id": "b0b98502-9408-4b24-9e3d-31ed7cb15312",
    "unknown": "ignored"
}"#;

const TEAMMATE_CREATED: &str = r#"{
    "first_name": "Jane",
    "last_name": "Doe",
    "email": "jane@example.com",
    "is_admin": false,
    "is_sso": true,
    "scopes": ["mail.send"],
    "has_restricted_subuser_access": true,
    "subuser_access": [{
        "id": 42,
        "username": "sub-42",
        "email": "sub@example.com",
        "disabled": false,
        "permission_type": "restricted",
        "scopes": ["mail.send"]
    }],
    "team": "not in the spec"
}"#;

/// A server-side enum value the spec does not list yet (`auditor`).
const TEAMMATE_UPDATED: &str = r#"{
    "first_name": "Jane",
    "last_name": "Doe",
    "email": "jane@example.com",
    "username": "jane@example.com",
    "is_admin": false,
    "is_sso": true,
    "user_type": "auditor",
    "subuser_access": [{"id": 42, "permission_type": "auditor"}],
    "zip": "80202"
}"#;

const ERRORS: &str = r#"[
    {"message": "name is required", "field": "name", "error_id": "required_field"},
    {"message": "try later", "field": null}
]"#;

// ---------------------------------------------------------------------------------------------
// Helpers

fn builder(server: &Server) -> ClientBuilder {
    Client::builder(KEY)
        .base_url(server.url())
        // Short backoff keeps the retry tests fast; waits the server asks for are still honoured.
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
}

fn client(server: &Server) -> Client {
    builder(server).build().unwrap()
}

fn no_retries(server: &Server) -> Client {
    builder(server)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// Asserts what every request carries, then the method, raw target and JSON body.
fn check(request: &Recorded, method: &str, target: &str, body: Option<serde_json::Value>) {
    assert_eq!(request.method, method, "method of {target}");
    assert_eq!(request.target, target);
    assert_eq!(
        request.header("authorization"),
        Some(&*format!("Bearer {KEY}")),
        "auth of {target}"
    );
    assert_eq!(request.header("accept"), Some("application/json"));
    let user_agent = request.header("user-agent").unwrap_or_default();
    assert!(user_agent.starts_with("sendgrid-sso/"), "{user_agent}");
    match body {
        Some(expected) => {
            assert_eq!(
                request.header("content-type"),
                Some("application/json"),
                "{target}"
            );
            assert_eq!(request.json(), expected, "body of {method} {target}");
        }
        None => {
            assert_eq!(request.header("content-type"), None, "{target}");
            assert!(request.body.is_empty(), "{target} sent a body");
        }
    }
}

fn integration_request() -> PostPatchIntegrationRequest {
    PostPatchIntegrationRequest::new(
        "Okta",
        true,
        "https://idp.example.com/signin",
        "https://idp.example.com/signout",
        "https://idp.example.com/entity",
    )
}

fn integration_request_json() -> serde_json::Value {
    // `completed_integration` is `None`, so it is left out.
    json!({
        "name": "Okta",
        "enabled": true,
        "signin_url": "https://idp.example.com/signin",
        "signout_url": "https://idp.example.com/signout",
        "entity_id": "https://idp.example.com/entity",
    })
}

fn assert_integration(integration: &SsoIntegration) {
    assert_eq!(integration.name, "Okta");
    assert!(integration.enabled);
    assert_eq!(integration.completed_integration, Some(true));
    assert_eq!(integration.id.as_deref(), Some(INTEGRATION_ID));
    assert_eq!(integration.last_updated.to_string(), "66138975");
}

fn assert_certificate(certificate: &SsoCertificateBody) {
    assert_eq!(
        certificate.public_certificate.as_deref(),
        Some("MIIC8DCCAdigAwIBAgIQ")
    );
    assert_eq!(certificate.id.as_ref().unwrap().as_u64(), Some(BIG));
    assert_eq!(
        certificate.not_before.as_ref().unwrap().to_string(),
        "1621289880"
    );
    assert_eq!(certificate.intergration_id.as_deref(), Some(INTEGRATION_ID));
}

fn teammate_request() -> PostSsoTeammatesRequest {
    let mut request = PostSsoTeammatesRequest::new("Jane", "Doe", "jane@example.com");
    request.persona = Some(Persona::Developer);
    request.has_restricted_subuser_access = Some(true);
    let mut access =
        SsoTeammatesBaseRequestPropsSubuserAccessItem::new(42, PermissionType::Restricted);
    access.scopes = Some(vec!["mail.send".into()]);
    request.subuser_access = Some(vec![access]);
    request
}

/// Calls all 12 operations once, in spec order, keeping only whether each failed.
async fn call_all(client: &Client) -> Vec<(&'static str, Result<(), Error>)> {
    let integration = integration_request();
    let certificate = CreateSsoCertificateRequest::new("MIIC", INTEGRATION_ID);
    let certificate_update = UpdateSsoCertificateRequest::default();
    let teammate = teammate_request();
    let teammate_update = PatchSsoTeammatesRequest::new("Jane", "Doe");
    vec![
        (
            "list_sso_integration",
            client.list_sso_integration().await.map(drop),
        ),
        (
            "create_sso_integration",
            client.create_sso_integration(&integration).await.map(drop),
        ),
        (
            "get_sso_integration",
            client.get_sso_integration(INTEGRATION_ID).await.map(drop),
        ),
        (
            "update_sso_integration",
            (client
                .update_sso_integration(INTEGRATION_ID, &integration)
                .await)
                .map(drop),
        ),
        (
            "delete_sso_integration",
            client.delete_sso_integration(INTEGRATION_ID).await,
        ),
        (
            "list_sso_integration_certificate",
            (client
                .list_sso_integration_certificate(INTEGRATION_ID)
                .await)
                .map(drop),
        ),
        (
            "create_sso_certificate",
            client.create_sso_certificate(&certificate).await.map(drop),
        ),
        (
            "get_sso_certificate",
            client.get_sso_certificate(CERT_ID).await.map(drop),
        ),
        (
            "update_sso_certificate",
            (client
                .update_sso_certificate(CERT_ID, &certificate_update)
                .await)
                .map(drop),
        ),
        (
            "delete_sso_certificate",
            client.delete_sso_certificate(CERT_ID).await.map(drop),
        ),
        (
            "create_sso_teammate",
            client.create_sso_teammate(&teammate).await.map(drop),
        ),
        (
            "update_sso_teammate",
            (client
                .update_sso_teammate("jane@example.com", &teammate_update)
                .await)
                .map(drop),
        ),
    ]
}

fn assert_no_key(text: &str) {
    assert!(!text.contains("e2e-secret"), "the API key leaked: {text}");
}

/// Display, Debug and the whole source chain of an error.
fn error_text(error: &Error) -> String {
    let mut text = format!("{error} {error:?}");
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Each operation: request on the wire, success body decoded.

#[tokio::test]
async fn list_sso_integration() {
    let body = format!("[{INTEGRATION}, {INTEGRATION}]");
    let server = serve(move |_, _| Action::json(200, &body)).await;
    let client = client(&server);

    let all = client.list_sso_integration().si(true).await.unwrap();
    check(&server.last(), "GET", "/v3/sso/integrations?si=true", None);
    assert_eq!(all.len(), 2);
    assert_integration(&all[0]);

    client.list_sso_integration().await.unwrap();
    check(&server.last(), "GET", "/v3/sso/integrations", None);
    client.list_sso_integration().si(false).await.unwrap();
    check(&server.last(), "GET", "/v3/sso/integrations?si=false", None);
}

#[tokio::test]
async fn create_sso_integration() {
    let server = serve(|_, _| Action::json(200, INTEGRATION)).await;
    let created = client(&server)
        .create_sso_integration(&integration_request())
        .await
        .unwrap();
    check(
        &server.last(),
        "POST",
        "/v3/sso/integrations",
        Some(integration_request_json()),
    );
    assert_integration(&created);
}

#[tokio::test]
async fn get_sso_integration() {
    let server = serve(|_, _| Action::json(200, INTEGRATION)).await;
    let integration = client(&server)
        .get_sso_integration(INTEGRATION_ID)
        .si(true)
        .await
        .unwrap();
    check(
        &server.last(),
        "GET",
        &format!("/v3/sso/integrations/{INTEGRATION_ID}?si=true"),
        None,
    );
    assert_integration(&integration);
}

#[tokio::test]
async fn update_sso_integration() {
    let server = serve(|_, _| Action::json(200, INTEGRATION)).await;
    let mut request = integration_request();
    request.completed_integration = Some(false);
    let updated = client(&server)
        .update_sso_integration(INTEGRATION_ID, &request)
        .si(true)
        .await
        .unwrap();
    let mut expected = integration_request_json();
    expected["completed_integration"] = json!(false);
    check(
        &server.last(),
        "PATCH",
        &format!("/v3/sso/integrations/{INTEGRATION_ID}?si=true"),
        Some(expected),
    );
    assert_integration(&updated);
}

#[tokio::test]
async fn delete_sso_integration() {
    let server = serve(|_, _| Action::empty(204)).await;
    let response = client(&server)
        .delete_sso_integration(INTEGRATION_ID)
        .send_with_response()
        .await
        .unwrap();
    check(
        &server.last(),
        "DELETE",
        &format!("/v3/sso/integrations/{INTEGRATION_ID}"),
        None,
    );
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let () = response.into_body();
}

#[tokio::test]
async fn list_sso_integration_certificate() {
    let body = format!("[{CERTIFICATE}]");
    let server = serve(move |_, _| Action::json(200, &body)).await;
    let certificates = client(&server)
        .list_sso_integration_certificate(INTEGRATION_ID)
        .await
        .unwrap();
    check(
        &server.last(),
        "GET",
        &format!("/v3/sso/integrations/{INTEGRATION_ID}/certificates"),
        None,
    );
    assert_eq!(certificates.len(), 1);
    assert_certificate(&certificates[0]);
}

#[tokio::test]
async fn create_sso_certificate() {
    let server = serve(|_, _| Action::json(200, CERTIFICATE)).await;
    let mut request = CreateSsoCertificateRequest::new("MIIC8DCCAdigAwIBAgIQ", INTEGRATION_ID);
    request.enabled = Some(true);
    let created = client(&server)
        .create_sso_certificate(&request)
        .await
        .unwrap();
    check(
        &server.last(),
        "POST",
        "/v3/sso/certificates",
        Some(json!({
            "public_certificate": "MIIC8DCCAdigAwIBAgIQ",
            "enabled": true,
            "integration_id": INTEGRATION_ID,
        })),
    );
    assert_certificate(&created);
}

#[tokio::test]
async fn get_sso_certificate() {
    let server = serve(|_, _| Action::json(200, CERTIFICATE)).await;
    let certificate = client(&server).get_sso_certificate(CERT_ID).await.unwrap();
    check(
        &server.last(),
        "GET",
        &format!("/v3/sso/certificates/{CERT_ID}"),
        None,
    );
    assert_certificate(&certificate);
}

#[tokio::test]
async fn update_sso_certificate() {
    let server = serve(|_, _| Action::json(200, CERTIFICATE)).await;
    let request = UpdateSsoCertificateRequest {
        enabled: Some(false),
        ..Default::default()
    };
    let updated = client(&server)
        .update_sso_certificate(CERT_ID, &request)
        .await
        .unwrap();
    // Only the property that was set is sent.
    check(
        &server.last(),
        "PATCH",
        &format!("/v3/sso/certificates/{CERT_ID}"),
        Some(json!({"enabled": false})),
    );
    assert_certificate(&updated);
}

#[tokio::test]
async fn delete_sso_certificate() {
    let server = serve(|_, _| Action::json(200, CERTIFICATE)).await;
    let deleted = client(&server)
        .delete_sso_certificate(CERT_ID)
        .await
        .unwrap();
    check(
        &server.last(),
        "DELETE",
        &format!("/v3/sso/certificates/{CERT_ID}"),
        None,
    );
    assert_certificate(&deleted);
}

#[tokio::test]
async fn create_sso_teammate() {
    let server = serve(|_, _| Action::json(201, TEAMMATE_CREATED)).await;
    let response = client(&server)
        .create_sso_teammate(&teammate_request())
        .send_with_response()
        .await
        .unwrap();
    check(
        &server.last(),
        "POST",
        "/v3/sso/teammates",
        Some(json!({
            "first_name": "Jane",
            "last_name": "Doe",
            "email": "jane@example.com",
            "persona": "developer",
            "has_restricted_subuser_access": true,
            "subuser_access": [
                {"id": 42, "permission_type": "restricted", "scopes": ["mail.send"]}
            ],
        })),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    let created = response.into_body();
    assert_eq!(created.email.as_deref(), Some("jane@example.com"));
    assert_eq!(created.is_sso, Some(true));
    let access = &created.subuser_access.as_ref().unwrap()[0];
    assert_eq!(access.id, Some(42));
    assert_eq!(access.permission_type, Some(PermissionType::Restricted));
}

#[tokio::test]
async fn update_sso_teammate() {
    let server = serve(|_, _| Action::json(200, TEAMMATE_UPDATED)).await;
    let mut request = PatchSsoTeammatesRequest::new("Jane", "Doe");
    request.is_admin = Some(false);
    request.scopes = Some(vec!["mail.send".into(), "stats.read".into()]);
    let updated = client(&server)
        .update_sso_teammate("jane@example.com", &request)
        .await
        .unwrap();
    // `@` is allowed in a path segment, so it may go unescaped; either way it is one segment.
    let target = server.last().target;
    assert!(
        target == "/v3/sso/teammates/jane@example.com"
            || target == "/v3/sso/teammates/jane%40example.com",
        "{target}"
    );
    check(
        &server.last(),
        "PATCH",
        &target,
        Some(json!({
            "first_name": "Jane",
            "last_name": "Doe",
            "is_admin": false,
            "scopes": ["mail.send", "stats.read"],
        })),
    );
    assert_eq!(updated.username.as_deref(), Some("jane@example.com"));
    assert_eq!(updated.zip.as_deref(), Some("80202"));
}

// ---------------------------------------------------------------------------------------------
// Error statuses, for every operation.

#[tokio::test]
async fn declared_error_statuses_decode_into_api_errors() {
    for status in [400u16, 401, 403, 429, 500] {
        let server =
            serve(move |_, _| Action::json(status, ERRORS).with_header("x-request-id", "req-1"))
                .await;
        // No retries, so the 429 comes straight back.
        let results = call_all(&no_retries(&server)).await;
        assert_eq!(results.len(), 12);
        for (operation, result) in results {
            let error = result.expect_err(operation);
            assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
            assert_eq!(error.headers().unwrap()["x-request-id"], "req-1");
            let Error::Api(api) = &error else {
                panic!("{operation} {status}: {error:?}")
            };
            assert_eq!(api.status().as_u16(), status, "{operation}");
            let items = api
                .parsed()
                .unwrap_or_else(|| panic!("{operation} {status}"));
            assert_eq!(items.len(), 2, "{operation}");
            assert_eq!(items[0].message.as_deref(), Some("name is required"));
            assert_eq!(items[0].field.as_deref(), Some("name"));
            assert_eq!(items[0].error_id.as_deref(), Some("required_field"));
            assert_eq!(items[1].field, None);
            assert_eq!(items[1].error_id, None);
            assert!(error.to_string().contains("name is required"), "{error}");
            assert_no_key(&error_text(&error));
        }
        assert_eq!(server.count(), 12);
    }
}

#[tokio::test]
async fn declared_error_with_malformed_body_keeps_status_and_body() {
    let html: &[u8] = b"<html>\n<h1>502 upstream</h1>\xff</html>";
    for (status, body) in [
        (500u16, html),
        (400, br#"{"errors":[{"message":"not the declared shape"}]}"#),
        (403, b""),
    ] {
        let server = serve(move |_, _| Action::Respond {
            status,
            headers: vec![("content-type".into(), "text/html".into())],
            body: body.to_vec(),
        })
        .await;
        for (operation, result) in call_all(&no_retries(&server)).await {
            let error = result.expect_err(operation);
            let Error::Api(api) = &error else {
                panic!("{operation}: {error:?}")
            };
            assert_eq!(api.status().as_u16(), status, "{operation}");
            assert!(api.parsed().is_none(), "{operation}");
            assert_eq!(api.body(), body, "{operation}");
            assert_eq!(api.headers()["content-type"], "text/html");
        }
    }
}

#[tokio::test]
async fn undeclared_status_is_unexpected_status() {
    // 404 is declared by no operation; 204 only by delete_sso_integration; 200 by all but it.
    let server = serve(|_, _| Action::json(404, ERRORS)).await;
    for (operation, result) in call_all(&client(&server)).await {
        let error = result.expect_err(operation);
        let Error::UnexpectedStatus(api) = &error else {
            panic!("{operation}: {error:?}")
        };
        assert_eq!(api.status(), StatusCode::NOT_FOUND);
        assert!(api.parsed().is_none());
        assert_eq!(api.body(), ERRORS.as_bytes());
        assert!(error.api_error().is_some());
    }

    let server = serve(|_, _| Action::empty(204)).await;
    for (operation, result) in call_all(&client(&server)).await {
        match (operation, result) {
            ("delete_sso_integration", result) => result.unwrap(),
            (_, Err(Error::UnexpectedStatus(api))) => assert_eq!(api.status().as_u16(), 204),
            (_, other) => panic!("{operation}: {other:?}"),
        }
    }

    let server = serve(|_, _| Action::json(200, "{}")).await;
    let error = client(&server)
        .delete_sso_integration(INTEGRATION_ID)
        .await
        .unwrap_err();
    assert_eq!(
        error.api_error().map(|e| e.status()),
        Some(StatusCode::OK),
        "{error:?}"
    );
    assert!(matches!(error, Error::UnexpectedStatus(_)));
}

#[tokio::test]
async fn success_body_that_does_not_decode_is_a_decode_error() {
    let server = serve(|request, _| {
        let status = if request.target == "/v3/sso/teammates" {
            201
        } else {
            200
        };
        Action::json(status, r#"{"name": "#).with_header("x-request-id", "req-2")
    })
    .await;
    for (operation, result) in call_all(&client(&server)).await {
        if operation == "delete_sso_integration" {
            // 200 is not its success status.
            assert!(matches!(result, Err(Error::UnexpectedStatus(_))));
            continue;
        }
        let error = result.expect_err(operation);
        let Error::Decode(decode) = &error else {
            panic!("{operation}: {error:?}")
        };
        assert!(decode.status().is_success());
        assert_eq!(decode.body(), br#"{"name": "#);
        assert_eq!(decode.headers()["x-request-id"], "req-2");
        // Truncated JSON for objects, a type error for the list operations.
        assert!(decode.json_error().is_eof() || decode.json_error().is_data());
        assert!(error.source().is_some());
        assert!(error.api_error().is_none());
    }

    // Well-formed JSON of the wrong shape: a required property is missing or mistyped.
    let server = serve(|_, _| Action::json(200, r#"{"name": "Okta", "enabled": "yes"}"#)).await;
    let error = client(&server)
        .get_sso_integration(INTEGRATION_ID)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

// ---------------------------------------------------------------------------------------------
// Retries and timeouts.

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = serve(|_, index| {
        if index == 0 {
            Action::json(429, ERRORS).with_header("retry-after", "1")
        } else {
            Action::json(200, INTEGRATION)
        }
    })
    .await;
    let start = Instant::now();
    // A POST too: the server did not act on a 429.
    let created = client(&server)
        .create_sso_integration(&integration_request())
        .await
        .unwrap();
    let elapsed = start.elapsed();
    assert_integration(&created);
    assert_eq!(server.count(), 2);
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1900), "{elapsed:?}");
    // The replay is the same request.
    let requests = server.requests();
    assert_eq!(requests[0].body, requests[1].body);
}

#[tokio::test]
async fn x_ratelimit_reset_is_honoured() {
    // A reset at least 500 ms away, so that it cannot pass for the 10 ms backoff.
    let reset = (SystemTime::now() + Duration::from_millis(1500))
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let server = serve(move |_, index| {
        if index == 0 {
            Action::json(429, ERRORS).with_header("x-ratelimit-reset", &reset.to_string())
        } else {
            Action::json(200, "[]")
        }
    })
    .await;
    let expected = (UNIX_EPOCH + Duration::from_secs(reset))
        .duration_since(SystemTime::now())
        .unwrap();
    let start = Instant::now();
    let all = client(&server).list_sso_integration().await.unwrap();
    let elapsed = start.elapsed();
    assert!(all.is_empty());
    assert_eq!(server.count(), 2);
    // Clocks: unix time is whole seconds; allow a little slack for the wall clock.
    assert!(
        elapsed + Duration::from_millis(50) >= expected,
        "{elapsed:?} < {expected:?}"
    );
    assert!(elapsed < Duration::from_millis(1900), "{elapsed:?}");
}

#[tokio::test]
async fn rate_limit_retries_are_bounded_and_can_be_turned_off() {
    let server = serve(|_, _| Action::json(429, ERRORS).with_header("retry-after", "0")).await;
    let error = builder(&server)
        .retry_policy(RetryPolicy::default().max_retries(3))
        .build()
        .unwrap()
        .get_sso_certificate(CERT_ID)
        .await
        .unwrap_err();
    assert_eq!(server.count(), 4, "1 attempt + 3 retries");
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        api.parsed().unwrap()[1].message.as_deref(),
        Some("try later")
    );

    let server = serve(|_, _| Action::json(429, ERRORS).with_header("retry-after", "0")).await;
    let error = no_retries(&server)
        .list_sso_integration()
        .await
        .unwrap_err();
    assert_eq!(server.count(), 1, "retries are off");
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));

    // A wait longer than max_wait is not slept through: the 429 comes back at once.
    let server = serve(|_, _| Action::json(429, ERRORS).with_header("retry-after", "120")).await;
    let start = Instant::now();
    let error = client(&server).list_sso_integration().await.unwrap_err();
    assert!(start.elapsed() < Duration::from_millis(500));
    assert_eq!(server.count(), 1);
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
}

/// A server that breaks the first exchange with `first`, then answers `status` + `body`.
async fn flaky(first: fn() -> Action, status: u16, body: &'static str) -> Server {
    serve(move |_, index| {
        if index == 0 {
            first()
        } else {
            Action::json(status, body)
        }
    })
    .await
}

#[tokio::test]
async fn post_and_patch_are_not_replayed_after_the_connection_drops() {
    let partial: fn() -> Action = || Action::Partial;
    let close: fn() -> Action = || Action::Close;
    for (how, first) in [("mid-response", partial), ("before the response", close)] {
        let server = flaky(first, 200, INTEGRATION).await;
        let error = client(&server)
            .create_sso_integration(&integration_request())
            .await
            .unwrap_err();
        let Error::Transport(transport) = &error else {
            panic!("POST, {how}: {error:?}")
        };
        assert!(!transport.is_connect());
        assert_eq!(server.count(), 1, "POST was replayed after a drop {how}");

        let server = flaky(first, 200, INTEGRATION).await;
        let error = client(&server)
            .update_sso_integration(INTEGRATION_ID, &integration_request())
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::Transport(_)),
            "PATCH, {how}: {error:?}"
        );
        assert_eq!(server.count(), 1, "PATCH was replayed after a drop {how}");
    }
}

#[tokio::test]
async fn get_and_delete_are_retried_after_the_connection_drops() {
    let server = flaky(|| Action::Partial, 200, INTEGRATION).await;
    let integration = client(&server)
        .get_sso_integration(INTEGRATION_ID)
        .await
        .unwrap();
    assert_integration(&integration);
    assert_eq!(server.count(), 2);

    let server = flaky(|| Action::Close, 200, CERTIFICATE).await;
    client(&server)
        .delete_sso_certificate(CERT_ID)
        .await
        .unwrap();
    assert_eq!(server.count(), 2);

    // With retries off the drop is reported.
    let server = flaky(|| Action::Partial, 200, INTEGRATION).await;
    let error = no_retries(&server)
        .get_sso_integration(INTEGRATION_ID)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn connection_refused_is_retried_then_reported() {
    let addr = unused_addr().await;
    let client = Client::builder(KEY)
        .base_url(format!("http://{addr}"))
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(20)))
        .build()
        .unwrap();
    let start = Instant::now();
    // Even a POST: no connection means the server never saw it.
    let error = client
        .create_sso_integration(&integration_request())
        .await
        .unwrap_err();
    // Two retries: 20 ms + 40 ms of backoff.
    assert!(
        start.elapsed() >= Duration::from_millis(60),
        "{:?}",
        start.elapsed()
    );
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert!(transport.is_connect());
    assert_no_key(&error_text(&error));
}

#[tokio::test]
async fn timeout_is_reported_and_not_retried() {
    let server = serve(|_, _| Action::Hang).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let start = Instant::now();
    let error = client.list_sso_integration().await.unwrap_err();
    let elapsed = start.elapsed();
    assert!(
        matches!(error, Error::Timeout(d) if d == Duration::from_millis(200)),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert!(elapsed >= Duration::from_millis(200), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    assert_eq!(server.count(), 1);
    assert_no_key(&error_text(&error));
}

// ---------------------------------------------------------------------------------------------
// Path parameters, keys, numbers and forward compatibility.

#[tokio::test]
async fn path_parameters_stay_one_segment() {
    let server = serve(|_, _| Action::json(200, "[]")).await;
    let client = client(&server);
    let cases = [
        ("a/b", "a%2Fb"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("x?y#z", "x%3Fy%23z"),
        ("100%", "100%25"),
        ("ü", "%C3%BC"),
    ];
    for (value, encoded) in cases {
        // A parameter followed by more template: the suffix must stay where it is.
        client
            .list_sso_integration_certificate(value)
            .await
            .unwrap();
        assert_eq!(
            server.last().target,
            format!("/v3/sso/integrations/{encoded}/certificates"),
            "{value:?}"
        );
        // A parameter at the end, followed by a query.
        let _ = client.get_sso_integration(value).si(true).await;
        assert_eq!(
            server.last().target,
            format!("/v3/sso/integrations/{encoded}?si=true"),
            "{value:?}"
        );
        let _ = client.delete_sso_certificate(value).await;
        assert_eq!(
            server.last().target,
            format!("/v3/sso/certificates/{encoded}"),
            "{value:?}"
        );
    }

    // An empty id would address the collection: refused before sending.
    let before = server.count();
    let error = client.delete_sso_integration("").await.unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(server.count(), before);
}

#[tokio::test]
async fn the_key_is_never_shown() {
    let builder = Client::builder(KEY).timeout(Duration::from_secs(1));
    assert_no_key(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_no_key(&format!("{client:?}"));
    assert!(format!("{client:?}").contains("redacted"));
    // Request builders hold the client.
    assert_no_key(&format!("{:?}", client.list_sso_integration().si(true)));
    assert_no_key(&format!(
        "{:?}",
        client.create_sso_integration(&integration_request())
    ));

    for bad in [
        "SG.e2e-secret\nX-Injected: 1",
        "e2e-secret\r",
        "e2e-secret\0",
    ] {
        let error = Client::builder(bad).build().unwrap_err();
        assert!(matches!(error, BuildError::InvalidApiKey), "{error:?}");
        assert_no_key(&format!("{error} {error:?}"));
    }

    // Errors of every kind that carries a response.
    let server = serve(|request, _| match request.method.as_str() {
        "GET" => Action::json(401, ERRORS),
        "DELETE" => Action::json(418, "teapot"),
        _ => Action::json(200, "not json"),
    })
    .await;
    let client = Client::builder(KEY).base_url(server.url()).build().unwrap();
    for (operation, result) in call_all(&client).await {
        let error = result.expect_err(operation);
        assert_no_key(&error_text(&error));
    }
}

#[tokio::test]
async fn numbers_round_trip_exactly() {
    let body = INTEGRATION.replace("66138975", "9007199254740993");
    let server = serve(move |request, _| {
        if request.target.contains("certificates") {
            Action::json(200, CERTIFICATE)
        } else if request.target.ends_with("?si=true") {
            Action::json(200, &body)
        } else {
            Action::json(200, INTEGRATION)
        }
    })
    .await;
    let client = client(&server);

    let integration = client.get_sso_integration(INTEGRATION_ID).await.unwrap();
    assert_eq!(integration.last_updated.to_string(), "66138975");
    let encoded = serde_json::to_string(&integration).unwrap();
    assert!(encoded.contains(r#""last_updated":66138975"#), "{encoded}");
    assert!(!encoded.contains("66138975.0"), "{encoded}");

    let big = client
        .get_sso_integration(INTEGRATION_ID)
        .si(true)
        .await
        .unwrap();
    assert_eq!(big.last_updated.as_u64(), Some(BIG));
    let encoded = serde_json::to_string(&big).unwrap();
    assert!(
        encoded.contains(r#""last_updated":9007199254740993"#),
        "{encoded}"
    );
    // Decoding the encoding gives the same value back.
    let again: SsoIntegration = serde_json::from_str(&encoded).unwrap();
    assert_eq!(again, big);

    let certificate = client.get_sso_certificate(CERT_ID).await.unwrap();
    let encoded = serde_json::to_value(&certificate).unwrap();
    assert_eq!(encoded["id"].as_u64(), Some(BIG));
    assert_eq!(encoded["id"].to_string(), "9007199254740993");
    assert_eq!(encoded["not_after"].to_string(), "1716071880");
}

#[tokio::test]
async fn unknown_enum_values_and_properties_are_tolerated() {
    let server = serve(|_, _| Action::json(200, TEAMMATE_UPDATED)).await;
    let client = client(&server);
    let mut request = PatchSsoTeammatesRequest::new("Jane", "Doe");
    // A value newer than the spec can be sent too.
    request.persona = Some(Persona::from("auditor"));
    let updated = client.update_sso_teammate("jane", &request).await.unwrap();
    assert_eq!(server.last().json()["persona"], "auditor");
    assert_eq!(updated.user_type, Some(UserType::Unknown("auditor".into())));
    let access = &updated.subuser_access.as_ref().unwrap()[0];
    assert_eq!(
        access.permission_type,
        Some(PermissionType::Unknown("auditor".into()))
    );
    // It re-encodes as it came.
    let encoded = serde_json::to_value(&updated).unwrap();
    assert_eq!(encoded["user_type"], "auditor");

    let persona: Persona = serde_json::from_str(r#""auditor""#).unwrap();
    assert_eq!(persona, Persona::Unknown("auditor".into()));
    assert_eq!(persona.to_string(), "auditor");
    let known: Persona = serde_json::from_str(r#""marketer""#).unwrap();
    assert_eq!(known, Persona::Marketer);
}

// ---------------------------------------------------------------------------------------------
// Client configuration.

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
