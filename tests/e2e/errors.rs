//! Error statuses, for every operation: declared, malformed, undeclared, undecodable.

use crate::common::*;

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
