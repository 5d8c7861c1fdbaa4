//! Schemas: 2.0's differ from 3.0's in a few keywords, and in where their refs point.

use serde_json::{Map, Value};

/// 2.0's places for reusable parts, and where 3.0 keeps them.
const MOVED_PREFIXES: [(&str, &str); 3] = [
    ("#/definitions/", "#/components/schemas/"),
    ("#/parameters/", "#/components/parameters/"),
    ("#/responses/", "#/components/responses/"),
];

/// A `$ref` into `#/definitions` (or `#/parameters`, `#/responses`) as 3.0 spells it.
pub(super) fn rewrite_ref(reference: &str) -> String {
    for (old, new) in MOVED_PREFIXES {
        if let Some(rest) = reference.strip_prefix(old) {
            return format!("{new}{rest}");
        }
    }
    reference.to_string()
}

/// Keywords whose value is one schema.
const SUBSCHEMA: [&str; 3] = ["items", "additionalProperties", "not"];
/// Keywords whose value is a list of schemas (`anyOf`/`oneOf` are not 2.0, but are written).
const SUBSCHEMA_LISTS: [&str; 3] = ["allOf", "anyOf", "oneOf"];

/// A 2.0 schema in its 3.0 form: refs rewritten, `x-nullable` as `nullable`, `type: file` as
/// a binary string, a `discriminator` name as an object. Data (examples, defaults, enums,
/// extensions) is copied as written.
pub(super) fn schema(value: &Value) -> Value {
    let map = match value {
        Value::Object(map) => map,
        // `items: [..]`, JSON Schema's tuple form, which vendors write.
        Value::Array(items) => return Value::Array(items.iter().map(schema).collect()),
        other => return other.clone(),
    };
    let mut out = Map::with_capacity(map.len());
    for (key, item) in map {
        let converted = match key.as_str() {
            "$ref" => match item.as_str() {
                Some(reference) => Value::String(rewrite_ref(reference)),
                None => item.clone(),
            },
            "x-nullable" => {
                if item.as_bool() == Some(true) {
                    out.insert("nullable".into(), Value::Bool(true));
                }
                continue;
            }
            "type" if item == "file" => {
                out.insert("format".into(), "binary".into());
                "string".into()
            }
            "discriminator" if item.is_string() => {
                serde_json::json!({ "propertyName": item })
            }
            "properties" => match item.as_object() {
                Some(properties) => Value::Object(
                    properties
                        .iter()
                        .map(|(name, property)| (name.clone(), schema(property)))
                        .collect(),
                ),
                None => item.clone(),
            },
            k if SUBSCHEMA.contains(&k) => schema(item),
            k if SUBSCHEMA_LISTS.contains(&k) => match item.as_array() {
                Some(items) => Value::Array(items.iter().map(schema).collect()),
                None => item.clone(),
            },
            _ => item.clone(),
        };
        // `format: binary` set by `type: file` wins over a format written beside it.
        if key == "format" && out.contains_key("format") {
            continue;
        }
        out.insert(key.clone(), converted);
    }
    Value::Object(out)
}

/// The schema keywords a 2.0 parameter, header or `items` object writes on itself.
const PARAMETER_KEYWORDS: [&str; 17] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// The schema of a non-body parameter, a header or an `items` object: the schema keywords it
/// writes on itself, gathered (`collectionFormat` of nested items is dropped: a nested array
/// is sent as text the caller formats).
pub(super) fn parameter_schema(param: &Map<String, Value>) -> Value {
    let mut gathered = Map::new();
    for key in PARAMETER_KEYWORDS {
        let Some(value) = param.get(key) else {
            continue;
        };
        let value = match (key, value.as_object()) {
            ("items", Some(items)) => parameter_schema(items),
            _ => value.clone(),
        };
        gathered.insert(key.into(), value);
    }
    schema(&Value::Object(gathered))
}
