//! Each of the 12 operations: the request on the wire, the success body decoded.

use crate::common::*;

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
