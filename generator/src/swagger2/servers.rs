//! `host`, `basePath` and `schemes` → `servers`, and an operation's own `schemes` → its
//! `servers`.

use super::{strings, Converter};
use serde_json::{json, Map, Value};

impl Converter<'_> {
    /// The server at `host` + `basePath`, or the relative `basePath` when there is no `host`
    /// (a path under the client's `.base_url(..)`).
    pub(super) fn servers(&mut self, root: &Map<String, Value>) -> Value {
        let base_path = base_path(root);
        let Some(host) = root.get("host").and_then(Value::as_str) else {
            let at = if root.contains_key("basePath") {
                "/basePath"
            } else {
                ""
            };
            self.moved("/servers", at);
            let url = if base_path.is_empty() {
                "/"
            } else {
                &base_path
            };
            return json!([{ "url": url }]);
        };
        let listed = strings(root.get("schemes")).unwrap_or_default();
        // One server: `https` when listed (the same API over `http` is a `.base_url(..)`
        // away), else `http`.
        let mut schemes: Vec<&str> = http_scheme(&listed).into_iter().collect();
        if schemes.is_empty() {
            let (at, why) = if listed.is_empty() {
                ("/host", "the document names no `schemes`")
            } else {
                (
                    "/schemes",
                    "the document names no HTTP scheme (`http`, `https`)",
                )
            };
            self.warn(at, format!("{why}; assuming `https://{host}`"));
            schemes.push("https");
        }
        self.moved("/servers", "/host");
        Value::Array(
            schemes
                .into_iter()
                .map(|scheme| json!({ "url": url(scheme, host, &base_path) }))
                .collect(),
        )
    }

    /// The server of an operation (at `at`) whose own `schemes` leave out the scheme of the
    /// document's server: the same host and base path over the operation's scheme.
    pub(super) fn operation_servers(
        &mut self,
        root: &Map<String, Value>,
        op: &Map<String, Value>,
        at: &str,
    ) -> Option<Value> {
        let own = strings(op.get("schemes"))?;
        let host = root.get("host").and_then(Value::as_str)?;
        let document = strings(root.get("schemes")).unwrap_or_default();
        let document = http_scheme(&document).unwrap_or("https");
        let Some(scheme) = http_scheme(&own) else {
            self.warn(
                &crate::pointer::push(at, "schemes"),
                format!(
                    "the operation names no HTTP scheme (`http`, `https`); sending it with the \
                     document's `{document}`"
                ),
            );
            return None;
        };
        if scheme == document || own.iter().any(|s| s.eq_ignore_ascii_case(document)) {
            return None;
        }
        let base_path = base_path(root);
        self.moved(
            &crate::pointer::push(at, "servers"),
            &crate::pointer::push(at, "schemes"),
        );
        Some(json!([{ "url": url(scheme, host, &base_path) }]))
    }
}

/// `basePath`, with its leading `/`; empty when there is none.
fn base_path(root: &Map<String, Value>) -> String {
    match root.get("basePath").and_then(Value::as_str) {
        Some(path) if !path.starts_with('/') => format!("/{path}"),
        Some(path) => path.to_string(),
        None => String::new(),
    }
}

/// The HTTP scheme a list of schemes offers: `https` when listed, else `http`.
fn http_scheme(listed: &[String]) -> Option<&'static str> {
    ["https", "http"]
        .into_iter()
        .find(|s| listed.iter().any(|l| l.eq_ignore_ascii_case(s)))
}

fn url(scheme: &str, host: &str, base_path: &str) -> String {
    format!("{scheme}://{host}{}", base_path.trim_end_matches('/'))
}
