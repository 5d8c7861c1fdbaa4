//! Fixtures and helpers shared by the end-to-end tests.

pub use std::error::Error as _;
pub use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use crate::server::{serve, unused_addr, Action, Recorded, Server};
pub use sendgrid_sso::http::StatusCode;
pub use sendgrid_sso::models::{
    CreateSsoCertificateRequest, PatchSsoTeammatesRequest, PermissionType, Persona,
    PostPatchIntegrationRequest, PostSsoTeammatesRequest, SsoCertificateBody, SsoIntegration,
    SsoTeammatesBaseRequestPropsSubuserAccessItem, UpdateSsoCertificateRequest, UserType,
};
pub use sendgrid_sso::{BuildError, Client, ClientBuilder, Error, Region, RetryPolicy};
pub use serde_json::json;

pub const KEY: &str = "SG.e2e-secret-key-0123456789";
pub const INTEGRATION_ID: &str = "b0b98502-9408-4b24-9e3d-31ed7cb15312";
pub const CERT_ID: &str = "9007199254740993";
/// 2^53 + 1: the first integer an `f64` cannot hold.
pub const BIG: u64 = 9_007_199_254_740_993;

/// An integration as the server sends it, with a property the spec does not know.
pub const INTEGRATION: &str = r#"{
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

pub const CERTIFICATE: &str = r#"{
    "public_certificate": "MIIC8DCCAdigAwIBAgIQ",
    "id": 9007199254740993,
    "not_before": 1621289880,
    "not_after": 1716071880,
    "intergration_id": "b0b98502-9408-4b24-9e3d-31ed7cb15312",
    "unknown": "ignored"
}"#;

pub const TEAMMATE_CREATED: &str = r#"{
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
pub const TEAMMATE_UPDATED: &str = r#"{
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

pub const ERRORS: &str = r#"[
    {"message": "name is required", "field": "name", "error_id": "required_field"},
    {"message": "try later", "field": null}
]"#;

// ---------------------------------------------------------------------------------------------
// Helpers

pub fn builder(server: &Server) -> ClientBuilder {
    Client::builder(KEY)
        .base_url(server.url())
        // The servers are on loopback: a proxy from the environment must not take them.
        .no_proxy()
        // Short backoff keeps the retry tests fast; waits the server asks for are still honoured.
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
}

pub fn client(server: &Server) -> Client {
    builder(server).build().unwrap()
}

pub fn no_retries(server: &Server) -> Client {
    builder(server)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// Asserts what every request carries, then the method, raw target and JSON body.
pub fn check(request: &Recorded, method: &str, target: &str, body: Option<serde_json::Value>) {
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

pub fn integration_request() -> PostPatchIntegrationRequest {
    PostPatchIntegrationRequest::new(
        "Okta",
        true,
        "https://idp.example.com/signin",
        "https://idp.example.com/signout",
        "https://idp.example.com/entity",
    )
}

pub fn integration_request_json() -> serde_json::Value {
    // `completed_integration` is `None`, so it is left out.
    json!({
        "name": "Okta",
        "enabled": true,
        "signin_url": "https://idp.example.com/signin",
        "signout_url": "https://idp.example.com/signout",
        "entity_id": "https://idp.example.com/entity",
    })
}

pub fn assert_integration(integration: &SsoIntegration) {
    assert_eq!(integration.name, "Okta");
    assert!(integration.enabled);
    assert_eq!(integration.completed_integration, Some(true));
    assert_eq!(integration.id.as_deref(), Some(INTEGRATION_ID));
    assert_eq!(integration.last_updated.to_string(), "66138975");
}

pub fn assert_certificate(certificate: &SsoCertificateBody) {
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

pub fn teammate_request() -> PostSsoTeammatesRequest {
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
pub async fn call_all(client: &Client) -> Vec<(&'static str, Result<(), Error>)> {
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

pub fn assert_no_key(text: &str) {
    assert!(!text.contains("e2e-secret"), "the API key leaked: {text}");
}

/// Display, Debug and the whole source chain of an error.
pub fn error_text(error: &Error) -> String {
    let mut text = format!("{error} {error:?}");
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    text
}
