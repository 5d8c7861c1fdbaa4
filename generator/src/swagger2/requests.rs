//! `in: body` and `in: formData` parameters → `requestBody`, one entry per `consumes` type.

use super::schema::{parameter_schema, schema};
use super::Converter;
use crate::pointer::push;
use serde_json::{json, Map, Value};

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// A parameter as the operation lists it: the object, and where it is in the 2.0 document.
pub(super) type Listed<'v> = (&'v Map<String, Value>, String);

impl Converter<'_> {
    /// The body parameter as a request body sent as each type the operation consumes (JSON
    /// when it names none).
    pub(super) fn body(
        &mut self,
        (param, old): &Listed<'_>,
        consumes: &[String],
        new_op: &str,
    ) -> Value {
        let new = push(new_op, "requestBody");
        self.moved(&new, old);
        let types = if consumes.is_empty() {
            vec!["application/json".to_string()]
        } else {
            consumes.to_vec()
        };
        let converted = schema(param.get("schema").unwrap_or(&json!({})));
        let examples = param.get("x-examples").and_then(Value::as_object);
        let mut content = Map::new();
        for media_type in types {
            let mut media = Map::new();
            media.insert("schema".into(), converted.clone());
            if let Some(example) = examples.and_then(|e| e.get(&media_type)) {
                media.insert("example".into(), example.clone());
            }
            let at = push(&push(&new, "content"), &media_type);
            self.moved(&push(&at, "schema"), &push(old, "schema"));
            content.insert(media_type, Value::Object(media));
        }
        let mut body = Map::new();
        if let Some(description) = param.get("description") {
            body.insert("description".into(), description.clone());
        }
        body.insert(
            "required".into(),
            param.get("required").cloned().unwrap_or(false.into()),
        );
        body.insert("content".into(), Value::Object(content));
        Value::Object(body)
    }

    /// The `formData` parameters as one object schema, sent as the form types the operation
    /// consumes: multipart when a parameter is a file, else form-urlencoded when it names
    /// neither.
    pub(super) fn form(
        &mut self,
        fields: &[Listed<'_>],
        consumes: &[String],
        op_old: &str,
        new_op: &str,
    ) -> Value {
        let new = push(new_op, "requestBody");
        if let Some((_, first)) = fields.first() {
            self.moved(&new, first);
        }
        let has_file = fields
            .iter()
            .any(|(p, _)| p.get("type").and_then(Value::as_str) == Some("file"));
        let mut types: Vec<&str> = consumes
            .iter()
            .map(String::as_str)
            .filter(|t| is_type(t, MULTIPART) || (!has_file && is_type(t, FORM)))
            .collect();
        if types.is_empty() {
            let chosen = if has_file { MULTIPART } else { FORM };
            if !consumes.is_empty() {
                self.warn(
                    &push(op_old, "consumes"),
                    format!("formData parameters need a form media type, which `consumes` does not list; sending `{chosen}`"),
                );
            }
            types.push(chosen);
        }
        let mut properties = Map::new();
        let mut required = Vec::new();
        // How each array is sent in a form-urlencoded body, as a query parameter would be.
        let mut encoding = Map::new();
        let multipart_only = types.iter().all(|t| is_type(t, MULTIPART));
        for (param, old) in fields {
            let Some(name) = param.get("name").and_then(Value::as_str) else {
                self.warn(old, "a formData parameter without a `name` is left out");
                continue;
            };
            let mut property = parameter_schema(param);
            if let (Some(description), Some(map)) =
                (param.get("description"), property.as_object_mut())
            {
                map.insert("description".into(), description.clone());
            }
            if param.get("required") == Some(&Value::Bool(true)) {
                required.push(Value::String(name.to_string()));
            }
            for media_type in &types {
                let at = push(&push(&push(&new, "content"), media_type), "schema");
                self.moved(&push(&push(&at, "properties"), name), old);
            }
            properties.insert(name.to_string(), property);
            if param.get("type").and_then(Value::as_str) == Some("array") {
                let format = param.get("collectionFormat").and_then(Value::as_str);
                if multipart_only {
                    if format.is_some_and(|f| f != "multi") {
                        self.warn(
                            &push(old, "collectionFormat"),
                            "a multipart array is sent as one part per item (`multi`)",
                        );
                    }
                } else {
                    let mut style = Map::new();
                    self.collection_format(param, "query", old, &mut style);
                    encoding.insert(name.to_string(), Value::Object(style));
                }
            }
        }
        let mut object = json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            object["required"] = Value::Array(required.clone());
        }
        let content: Map<String, Value> = types
            .iter()
            .map(|t| {
                let mut media = json!({ "schema": object });
                if is_type(t, FORM) && !encoding.is_empty() {
                    media["encoding"] = Value::Object(encoding.clone());
                }
                (t.to_string(), media)
            })
            .collect();
        json!({"required": !required.is_empty(), "content": content})
    }
}

/// Whether a media type (parameters aside) is `wanted`.
fn is_type(media_type: &str, wanted: &str) -> bool {
    media_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case(wanted))
}
