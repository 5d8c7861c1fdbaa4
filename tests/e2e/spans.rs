//! The `tracing` feature: one span per call with OpenTelemetry's HTTP client attributes, never
//! the key nor a body.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use crate::common::*;

type Fields = BTreeMap<String, String>;

/// Keeps the name and fields of every span.
#[derive(Clone, Default)]
struct Capture {
    spans: Arc<Mutex<Vec<(&'static str, Fields)>>>,
    next: Arc<AtomicU64>,
}

struct Visitor<'a>(&'a mut Fields);

impl Visit for Visitor<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields::new();
        span.record(&mut Visitor(&mut fields));
        let mut spans = self.spans.lock().unwrap();
        spans.push((span.metadata().name(), fields));
        self.next.fetch_add(1, Ordering::SeqCst);
        Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let index = usize::try_from(span.into_u64()).unwrap() - 1;
        values.record(&mut Visitor(&mut spans[index].1));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

// `tokio::test` runs on one thread, so the thread's default subscriber sees the whole call.
#[tokio::test]
async fn one_span_per_call_with_otel_fields_and_no_secrets() {
    let server = serve(|_, index| match index {
        0 => Action::json(503, "").with_header("retry-after", "0"),
        1 => Action::json(200, INTEGRATION),
        _ => Action::json(403, ERRORS),
    })
    .await;
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let client = client(&server);
    client.get_sso_integration(INTEGRATION_ID).await.unwrap();
    client
        .update_sso_integration(INTEGRATION_ID, &integration_request())
        .await
        .unwrap_err();

    let spans = capture.spans.lock().unwrap().clone();
    let ours: Vec<&Fields> = spans
        .iter()
        .filter(|(name, _)| *name == "http.client")
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(ours.len(), 2, "{spans:#?}");
    let get = ours[0];
    let field = |fields: &Fields, name: &str| fields.get(name).cloned().unwrap_or_default();
    assert_eq!(field(get, "http.request.method"), "GET");
    assert_eq!(field(get, "url.template"), "/v3/sso/integrations/{id}");
    assert_eq!(field(get, "operation.id"), "GetSsoIntegration");
    assert_eq!(field(get, "otel.name"), "GET /v3/sso/integrations/{id}");
    assert_eq!(field(get, "otel.kind"), "client");
    assert_eq!(field(get, "server.address"), "127.0.0.1");
    assert_eq!(field(get, "server.port"), server.addr.port().to_string());
    assert_eq!(field(get, "http.response.status_code"), "200");
    assert_eq!(field(get, "http.request.resend_count"), "1");
    let duration: f64 = field(get, "http.client.request.duration").parse().unwrap();
    assert!(duration > 0.0);
    assert!(!get.contains_key("error.type"));

    let patch = ours[1];
    assert_eq!(field(patch, "http.request.method"), "PATCH");
    assert_eq!(field(patch, "http.response.status_code"), "403");
    assert_eq!(field(patch, "error.type"), "403");
    assert!(!patch.contains_key("http.request.resend_count"));

    // Never the key, the filled-in path or a body.
    let all = format!("{spans:?}");
    assert_no_key(&all);
    assert!(!all.contains(INTEGRATION_ID), "{all}");
    assert!(!all.contains("Okta"), "{all}");
}

#[tokio::test]
async fn a_call_is_timed_from_when_it_starts_not_from_when_it_is_built() {
    let server = serve(|_, _| Action::json(200, INTEGRATION)).await;
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let client = client(&server);
    let call = client
        .get_sso_integration(INTEGRATION_ID)
        .send_with_response();
    let opened = |capture: &Capture| {
        let spans = capture.spans.lock().unwrap();
        spans
            .iter()
            .filter(|(name, _)| *name == "http.client")
            .count()
    };
    assert_eq!(opened(&capture), 0, "the span opens when the call starts");
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    call.await.unwrap();
    assert_eq!(opened(&capture), 1);
    let spans = capture.spans.lock().unwrap().clone();
    let (_, fields) = spans
        .iter()
        .find(|(name, _)| *name == "http.client")
        .unwrap();
    let duration: f64 = fields["http.client.request.duration"].parse().unwrap();
    assert!(duration < 1.0, "timed from when it was built: {duration} s");
}
