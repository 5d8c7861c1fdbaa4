//! Retries and timeouts: `Retry-After`, `X-RateLimit-Reset`, bounds, no replay of POST/PATCH.

use crate::common::*;

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
    // Two retries: 20 ms + 40 ms of backoff, jittered down to half at least.
    assert!(
        start.elapsed() >= Duration::from_millis(30),
        "{:?}",
        start.elapsed()
    );
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert!(transport.is_connect());
    assert_eq!(transport.attempts(), 3);
    assert_eq!(error.attempts(), 3);
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
        matches!(&error, Error::Timeout(t) if t.duration() == Duration::from_millis(200) && !t.is_deadline()),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_eq!(error.attempts(), 1);
    assert!(elapsed >= Duration::from_millis(200), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    assert_eq!(server.count(), 1);
    assert_no_key(&error_text(&error));
}

#[tokio::test]
async fn unavailable_with_retry_after_zero_is_retried_for_get() {
    let server = serve(|_, index| match index {
        0 => Action::json(503, "").with_header("retry-after", "0"),
        1 => Action::json(502, ""),
        2 => Action::json(504, ""),
        3 => Action::empty(408),
        _ => Action::json(200, INTEGRATION),
    })
    .await;
    let response = builder(&server)
        .retry_policy(
            RetryPolicy::default()
                .max_retries(4)
                .initial_backoff(Duration::from_millis(10)),
        )
        .build()
        .unwrap()
        .get_sso_integration(INTEGRATION_ID)
        .send_with_response()
        .await
        .unwrap();
    assert_integration(response.body());
    assert_eq!(server.count(), 5);
    assert_eq!(response.attempts(), 5);
}

#[tokio::test]
async fn server_errors_are_not_replayed_for_post_and_patch() {
    let server = serve(|_, _| Action::json(503, "").with_header("retry-after", "0")).await;
    let client = client(&server);
    let error = client
        .create_sso_integration(&integration_request())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(error.attempts(), 1);
    let error = client
        .update_sso_integration(INTEGRATION_ID, &integration_request())
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.count(), 2, "one attempt each");
}

#[tokio::test]
async fn exhausted_retries_report_their_attempts() {
    let server = serve(|_, _| Action::json(502, "bad gateway")).await;
    let error = client(&server)
        .delete_sso_integration(INTEGRATION_ID)
        .await
        .unwrap_err();
    assert_eq!(server.count(), 3, "1 attempt + 2 retries");
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
    assert_eq!(error.body(), Some(&b"bad gateway"[..]));
}
