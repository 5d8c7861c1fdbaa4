//! Path parameters, the key, numbers and forward compatibility.

use crate::common::*;

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
