//! Path, query and header parameters: their schema keywords gathered under `schema`, and
//! `collectionFormat` as `style`/`explode`.

use super::schema::parameter_schema;
use super::{copy_extensions, Converter};
use crate::pointer::push;
use serde_json::{Map, Value};

/// Members of a 2.0 parameter that 3.0 keeps as they are.
const KEPT: [&str; 5] = ["name", "in", "description", "required", "allowEmptyValue"];

impl Converter<'_> {
    /// A non-body parameter (found at `old`) in its 3.0 form, placed at `new`.
    pub(super) fn parameter(&mut self, param: &Map<String, Value>, old: &str, new: &str) -> Value {
        let mut out = Map::new();
        for key in KEPT {
            if let Some(value) = param.get(key) {
                out.insert(key.into(), value.clone());
            }
        }
        let location = param.get("in").and_then(Value::as_str).unwrap_or_default();
        if location == "path" {
            out.insert("required".into(), Value::Bool(true));
        }
        if location != "query" {
            out.remove("allowEmptyValue");
        }
        out.insert("schema".into(), parameter_schema(param));
        if param.get("type").and_then(Value::as_str) == Some("array") {
            self.collection_format(param, location, old, &mut out);
        }
        if let Some(example) = param.get("x-example") {
            out.insert("example".into(), example.clone());
        }
        let extensions: Map<String, Value> = param
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "x-example" | "x-nullable"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        copy_extensions(&extensions, &mut out, new, old, self);
        self.moved(new, old);
        // The schema's keywords were the parameter's own.
        self.moved(&push(new, "schema"), old);
        if param.contains_key("items") {
            self.moved(&push(&push(new, "schema"), "items"), &push(old, "items"));
        }
        Value::Object(out)
    }

    /// `collectionFormat` (csv when absent) as the `style` and `explode` that send an array
    /// the same way; formats 3.0 has no style for are sent comma-separated, with a warning.
    pub(super) fn collection_format(
        &mut self,
        param: &Map<String, Value>,
        location: &str,
        old: &str,
        out: &mut Map<String, Value>,
    ) {
        let format = param
            .get("collectionFormat")
            .and_then(Value::as_str)
            .unwrap_or("csv");
        let at = push(old, "collectionFormat");
        let style = match (location, format) {
            ("query", "csv") => Some(("form", false)),
            ("query", "ssv") => Some(("spaceDelimited", false)),
            ("query", "pipes") => Some(("pipeDelimited", false)),
            ("query", "multi") => Some(("form", true)),
            // `simple`, 3.0's default for paths and headers, is csv.
            (_, "csv") => None,
            (_, format) => {
                let why = match format {
                    "tsv" => "tab-separated values (`tsv`) have no OpenAPI 3 style".to_string(),
                    "multi" | "ssv" | "pipes" => {
                        format!("`{format}` has no OpenAPI 3 style in a {location} parameter")
                    }
                    other => format!("unknown collectionFormat `{other}`"),
                };
                self.warn(
                    &at,
                    format!("{why}; the values are sent comma-separated (csv)"),
                );
                (location == "query").then_some(("form", false))
            }
        };
        if let Some((style, explode)) = style {
            out.insert("style".into(), style.into());
            out.insert("explode".into(), explode.into());
        }
    }
}
