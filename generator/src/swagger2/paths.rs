//! Paths and operations: parameters sorted into parameters and a request body, responses
//! given content, `consumes`/`produces` read per operation (falling back to the document's).

use super::requests::Listed;
use super::{copy_extensions, strings, Converter};
use crate::error::{Error, Result};
use crate::pointer::push;
use serde_json::{Map, Value};

/// The methods a 2.0 path item may hold.
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Operation members 3.0 keeps as they are.
const KEPT: [&str; 7] = [
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "deprecated",
    "security",
];

impl<'a> Converter<'a> {
    pub(super) fn paths(&mut self, root: &Map<String, Value>) -> Result<Value> {
        let mut out = Map::new();
        let Some(paths) = root.get("paths") else {
            return Ok(Value::Object(out));
        };
        let Some(paths) = paths.as_object() else {
            return Err(Error::Invalid {
                at: self.locate("/paths"),
                message: "`paths` must be an object".into(),
            });
        };
        self.moved("/paths", "/paths");
        for (path, item) in paths {
            let at = push("/paths", path);
            if path.starts_with("x-") {
                out.insert(path.clone(), item.clone());
                continue;
            }
            let Some(item) = item.as_object() else {
                return Err(Error::Invalid {
                    at: self.locate(&at),
                    message: "a path item must be an object".into(),
                });
            };
            out.insert(path.clone(), Value::Object(self.path_item(item, &at)?));
        }
        Ok(Value::Object(out))
    }

    fn path_item(&mut self, item: &Map<String, Value>, at: &str) -> Result<Map<String, Value>> {
        self.moved(at, at);
        let mut out = Map::new();
        let shared = self.listed(item, at)?;
        for (key, value) in item {
            if METHODS.contains(&key.as_str()) {
                let op_at = push(at, key);
                let Some(op) = value.as_object() else {
                    return Err(Error::Invalid {
                        at: self.locate(&op_at),
                        message: "an operation must be an object".into(),
                    });
                };
                out.insert(
                    key.clone(),
                    Value::Object(self.operation(op, &op_at, &shared)?),
                );
            } else if key != "parameters" {
                // `$ref` (already bundled), `x-` extensions.
                out.insert(key.clone(), value.clone());
            }
        }
        Ok(out)
    }

    /// The parameters `holder` (at `at`) lists, refs followed.
    fn listed<'v>(&self, holder: &'v Map<String, Value>, at: &str) -> Result<Vec<Listed<'v>>>
    where
        'a: 'v,
    {
        let Some(list) = holder.get("parameters").and_then(Value::as_array) else {
            return Ok(Vec::new());
        };
        let list_at = push(at, "parameters");
        list.iter()
            .enumerate()
            .map(|(i, param)| self.follow(param, &push(&list_at, &i.to_string())))
            .collect()
    }

    fn operation(
        &mut self,
        op: &Map<String, Value>,
        at: &str,
        shared: &[Listed<'_>],
    ) -> Result<Map<String, Value>> {
        self.moved(at, at);
        let mut out = Map::new();
        for key in KEPT {
            if let Some(value) = op.get(key) {
                out.insert(key.into(), value.clone());
            }
        }
        let root = self.doc;
        if let Some(servers) = root
            .as_object()
            .and_then(|root| self.operation_servers(root, op, at))
        {
            out.insert("servers".into(), servers);
        }
        let consumes =
            strings(op.get("consumes").or_else(|| root.get("consumes"))).unwrap_or_default();
        let produces =
            strings(op.get("produces").or_else(|| root.get("produces"))).unwrap_or_default();
        // An operation's parameter replaces the path item's of the same name and place.
        let mut params: Vec<Listed<'_>> = shared.to_vec();
        for own in self.listed(op, at)? {
            params.retain(|(p, _)| {
                !(p.get("name") == own.0.get("name") && p.get("in") == own.0.get("in"))
            });
            params.push(own);
        }
        let mut converted = Vec::new();
        let mut body = None;
        let mut form = Vec::new();
        for listed in params {
            match listed.0.get("in").and_then(Value::as_str) {
                Some("body") if body.is_none() => body = Some(listed),
                Some("body") => self.warn(&listed.1, "a second body parameter is left out"),
                Some("formData") => form.push(listed),
                _ => {
                    let new = push(&push(at, "parameters"), &converted.len().to_string());
                    converted.push(self.parameter(listed.0, &listed.1, &new));
                }
            }
        }
        if !converted.is_empty() {
            out.insert("parameters".into(), Value::Array(converted));
        }
        match (body, form.is_empty()) {
            (Some(body), form_empty) => {
                if !form_empty {
                    self.warn(&form[0].1, "formData parameters beside a body parameter are left out (2.0 allows one or the other)");
                }
                out.insert("requestBody".into(), self.body(&body, &consumes, at));
            }
            (None, false) => {
                out.insert("requestBody".into(), self.form(&form, &consumes, at, at));
            }
            (None, true) => {}
        }
        let responses = op
            .get("responses")
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new()));
        let responses_at = push(at, "responses");
        let converted = self.responses(&responses, &responses_at, &responses_at, &produces)?;
        out.insert("responses".into(), converted);
        copy_extensions(op, &mut out, at, at, self);
        Ok(out)
    }
}
