//! `host`, `basePath` and `schemes` → `servers`.

use super::{strings, Converter};
use serde_json::{json, Map, Value};

impl Converter<'_> {
    /// The server at `host` + `basePath`, or the relative `basePath` when there is no `host`
    /// (a path under the client's `.base_url(..)`).
    pub(super) fn servers(&mut self, root: &Map<String, Value>) -> Value {
        let base_path = match root.get("basePath").and_then(Value::as_str) {
            Some(path) if !path.starts_with('/') => format!("/{path}"),
            Some(path) => path.to_string(),
            None => String::new(),
        };
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
        let mut schemes: Vec<&str> = ["https", "http"]
            .into_iter()
            .filter(|s| listed.iter().any(|l| l.eq_ignore_ascii_case(s)))
            .take(1)
            .collect();
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
        let base_path = base_path.trim_end_matches('/');
        Value::Array(
            schemes
                .into_iter()
                .map(|scheme| json!({ "url": format!("{scheme}://{host}{base_path}") }))
                .collect(),
        )
    }
}
