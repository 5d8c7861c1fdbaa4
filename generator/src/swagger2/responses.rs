//! Responses: `schema` → `content` per `produces` type (with `examples` per type), headers'
//! keywords under `schema`.

use super::schema::{parameter_schema, schema};
use super::{copy_extensions, Converter};
use crate::error::Result;
use crate::pointer::push;
use serde_json::{Map, Value};

impl Converter<'_> {
    /// An operation's `responses` (at `old`), placed at `new`.
    pub(super) fn responses(
        &mut self,
        responses: &Value,
        old: &str,
        new: &str,
        produces: &[String],
    ) -> Result<Value> {
        let mut out = Map::new();
        let Some(responses) = responses.as_object() else {
            return Ok(Value::Object(out));
        };
        self.moved(new, old);
        for (code, response) in responses {
            if code.starts_with("x-") {
                out.insert(code.clone(), response.clone());
                continue;
            }
            let (response, at) = self.follow(response, &push(old, code))?;
            let converted = self.response(response, &at, &push(new, code), produces);
            out.insert(code.clone(), converted);
        }
        Ok(Value::Object(out))
    }

    fn response(
        &mut self,
        response: &Map<String, Value>,
        old: &str,
        new: &str,
        produces: &[String],
    ) -> Value {
        self.moved(new, old);
        let mut out = Map::new();
        let description = response.get("description").cloned();
        out.insert(
            "description".into(),
            description.unwrap_or_else(|| "".into()),
        );
        if let Some(headers) = response.get("headers").and_then(Value::as_object) {
            let mut converted = Map::new();
            for (name, header) in headers.iter() {
                let Some(header) = header.as_object() else {
                    continue;
                };
                let (old_h, new_h) = (
                    push(&push(old, "headers"), name),
                    push(&push(new, "headers"), name),
                );
                let mut entry = Map::new();
                if let Some(description) = header.get("description") {
                    entry.insert("description".into(), description.clone());
                }
                entry.insert("schema".into(), parameter_schema(header));
                self.moved(&new_h, &old_h);
                self.moved(&push(&new_h, "schema"), &old_h);
                converted.insert(name.clone(), Value::Object(entry));
            }
            out.insert("headers".into(), Value::Object(converted));
        }
        if let Some(body) = response.get("schema") {
            let content = self.content(body, response.get("examples"), old, new, produces);
            out.insert("content".into(), Value::Object(content));
        }
        copy_extensions(response, &mut out, new, old, self);
        Value::Object(out)
    }

    /// The body schema under each produced type; a file is bytes, so JSON types give way to
    /// `*/*` (asked for as such, so a server that labels the file as JSON still answers).
    fn content(
        &mut self,
        body: &Value,
        examples: Option<&Value>,
        old: &str,
        new: &str,
        produces: &[String],
    ) -> Map<String, Value> {
        let is_file = body.get("type").and_then(Value::as_str) == Some("file");
        let mut types = if produces.is_empty() {
            vec!["application/json".to_string()]
        } else {
            produces.to_vec()
        };
        if is_file {
            types.retain(|t| !is_json(t));
            if types.is_empty() {
                self.warn(
                    &push(&push(old, "schema"), "type"),
                    "a file response, which the operation produces only as JSON; it is read as bytes of any media type (`*/*`)",
                );
                types.push("*/*".into());
            }
        }
        let converted = schema(body);
        let examples = examples.and_then(Value::as_object);
        let mut content = Map::new();
        for media_type in types {
            let mut media = Map::new();
            media.insert("schema".into(), converted.clone());
            if let Some(example) = examples.and_then(|e| e.get(&media_type)) {
                media.insert("example".into(), example.clone());
            }
            let at = push(&push(new, "content"), &media_type);
            self.moved(&push(&at, "schema"), &push(old, "schema"));
            if let Some(true) = examples.map(|e| e.contains_key(&media_type)) {
                self.moved(
                    &push(&at, "example"),
                    &push(&push(old, "examples"), &media_type),
                );
            }
            content.insert(media_type, Value::Object(media));
        }
        content
    }
}

/// Whether a media type is JSON (`application/json`, `*+json`, a wildcard read as JSON).
fn is_json(media_type: &str) -> bool {
    let base = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    base == "application/json" || base.ends_with("+json") || base == "*/*"
}
