//! Rewrites OpenAPI 3.1 forms into their 3.0 twins, which `openapiv3` reads.
//!
//! Vendors declare 3.1 but write mostly 3.0; the few 3.1 forms they use map one to one:
//! `type: [T, "null"]` is `type: T` + `nullable`, `const` is a one-value `enum`, a schema's
//! `examples` array gives `example`, numeric `exclusiveMinimum` is `minimum` + a flag, and
//! `anyOf: [X, {type: null}]` is a nullable X, and boolean schemas are `{}` or `{not: {}}`.

use serde_json::{json, Map, Value};

/// Normalises every schema-shaped object in the document, in place.
pub fn normalize(doc: &mut Value) {
    if let Some(map) = doc.as_object_mut() {
        map.entry("paths")
            .or_insert_with(|| Value::Object(Map::new()));
    }
    walk(doc);
}

/// Keywords whose value maps names (of properties, paths, components...) to objects.
const NAME_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "schemas",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
    "paths",
    "content",
    "encoding",
    "variables",
    "webhooks",
    "x-webhooks",
    "mapping",
];

/// Keywords whose value is data (examples, defaults, enum values) or an extension.
fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum" | "const")
        || (key.starts_with("x-") && key != WEBHOOKS_EXTENSION)
}

/// Which members of the object at pointer `at` are data that the loader and resolver copy
/// as written: vendor extensions (`x-codeSamples`), example values, defaults and enum
/// values. A `$ref` inside them is the vendor's, not ours to follow. Members of name maps
/// (`properties`, `headers`, ...) are names, never data: a property may be called `example`
/// and a header `x-rate-limit`. Walks ask once per object, not once per member.
pub fn data_members(at: &str) -> impl Fn(&str, &Value) -> bool {
    let names = is_name_map(at);
    move |key, value| !names && is_data_keyword(key, value)
}

/// Whether `key` (holding `value`) is data, in an object whose members are keywords.
fn is_data_keyword(key: &str, value: &Value) -> bool {
    match key {
        // `value` is the Example Object's value; `examples` is a 3.1 schema's list of
        // values, or a map of Example Objects (which may be `$ref`s) elsewhere.
        "example" | "default" | "enum" | "const" | "value" => true,
        "examples" => !value.is_object(),
        _ => key.starts_with("x-") && key != WEBHOOKS_EXTENSION,
    }
}

/// Whether the object at pointer `at` maps names to things (its members are names, not
/// keywords).
pub fn is_name_map(at: &str) -> bool {
    let parent = at.rsplit('/').next().unwrap_or("");
    NAME_MAPS.contains(&parent) || parent == "examples"
}

/// `x-webhooks`: the 3.0-era spelling of 3.1's `webhooks`, which vendors still use. It is
/// read as spec structure, not vendor data.
pub const WEBHOOKS_EXTENSION: &str = "x-webhooks";

fn walk(value: &mut Value) {
    walk_keywords(value);
}

/// An object whose keys are keywords: rewrite it, then visit its children. Example values
/// and extensions are data, not schemas, and stay as written.
fn walk_keywords(value: &mut Value) {
    match value {
        Value::Object(map) => {
            rewrite(map);
            for (key, child) in map.iter_mut() {
                if is_data(key) {
                    continue;
                }
                if NAME_MAPS.contains(&key.as_str()) {
                    walk_names(child);
                } else {
                    walk_keywords(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(walk_keywords),
        _ => {}
    }
}

/// An object whose keys are names (a property called `example` is a schema like any other).
fn walk_names(value: &mut Value) {
    match value {
        Value::Object(map) => map.values_mut().for_each(walk_keywords),
        // `parameters` is a list in operations and path items.
        other => walk_keywords(other),
    }
}

/// 3.1 allows `true` (anything) and `false` (nothing) as schemas; 3.0 has `{}` and `{not: {}}`.
fn boolean_schema(value: &mut Value) {
    if let Value::Bool(accept) = *value {
        *value = if accept {
            json!({})
        } else {
            json!({"not": {}})
        };
    }
}

fn rewrite(map: &mut Map<String, Value>) {
    for key in ["items", "not", "schema"] {
        if let Some(value) = map.get_mut(key) {
            boolean_schema(value);
        }
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.values_mut().for_each(boolean_schema);
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(options)) = map.get_mut(key) {
            options.iter_mut().for_each(boolean_schema);
        }
    }
    if let Some(Value::Array(types)) = map.get("type").cloned() {
        let non_null: Vec<Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .cloned()
            .collect();
        if non_null.len() < types.len() {
            map.insert("nullable".into(), Value::Bool(true));
        }
        match non_null.as_slice() {
            [single] => {
                map.insert("type".into(), single.clone());
            }
            // Several types: no single Rust type fits, so it stays untyped (JSON value).
            _ => {
                map.remove("type");
            }
        }
    }
    if map.get("type").and_then(Value::as_str) == Some("null") {
        map.remove("type");
        map.insert("nullable".into(), Value::Bool(true));
    }
    if let Some(value) = map.remove("const") {
        map.insert("enum".into(), json!([value]));
    }
    if let Some(Value::Array(examples)) = map.get("examples").cloned() {
        map.remove("examples");
        if let Some(first) = examples.first() {
            map.entry("example").or_insert_with(|| first.clone());
        }
        map.insert("x-examples".into(), Value::Array(examples));
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(limit) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
            map.insert(bound.into(), limit);
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
    integer_bounds(map);
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(options)) = map.get(key).cloned() else {
            continue;
        };
        let is_null = |v: &Value| {
            v.get("type").and_then(Value::as_str) == Some("null")
                || v.get("nullable") == Some(&Value::Bool(true))
                    && v.as_object().is_some_and(|m| m.len() == 1)
        };
        let kept: Vec<Value> = options.iter().filter(|v| !is_null(v)).cloned().collect();
        if kept.len() == options.len() {
            continue;
        }
        map.insert("nullable".into(), Value::Bool(true));
        map.remove(key);
        match kept.len() {
            0 => {}
            1 => {
                map.insert("allOf".into(), Value::Array(kept));
            }
            _ => {
                map.insert(key.into(), Value::Array(kept));
            }
        }
    }
}

/// `openapiv3` reads integer bounds as `i64`; vendors write 64-bit limits through floats
/// (`maximum: 18446744073709552000`, `minimum: -9223372036854776000`) or as fractions. The
/// generator does not use bounds, so they are brought into range (saturating) rather than
/// rejected.
fn integer_bounds(map: &mut Map<String, Value>) {
    if map.get("type").and_then(Value::as_str) != Some("integer") {
        return;
    }
    for key in ["minimum", "maximum", "multipleOf"] {
        let Some(Value::Number(n)) = map.get(key) else {
            continue;
        };
        if n.is_i64() {
            continue;
        }
        let bound = match (n.as_u64(), n.as_f64()) {
            (Some(_), _) => i64::MAX,
            // `as` saturates at the i64 range and maps NaN to 0.
            (None, Some(f)) if key == "minimum" => f.ceil() as i64,
            (None, Some(f)) => f.floor() as i64,
            (None, None) => continue,
        };
        map.insert(key.into(), Value::Number(bound.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(mut v: Value) -> Value {
        normalize(&mut v);
        v.as_object_mut().unwrap().remove("paths");
        v
    }

    #[test]
    fn type_arrays_become_nullable() {
        assert_eq!(
            norm(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(norm(json!({"type": ["string", "integer"]})), json!({}));
        assert_eq!(norm(json!({"type": "null"})), json!({"nullable": true}));
    }

    #[test]
    fn const_examples_and_bounds() {
        assert_eq!(norm(json!({"const": "a"})), json!({"enum": ["a"]}));
        assert_eq!(
            norm(json!({"examples": [1, 2]})),
            json!({"example": 1, "x-examples": [1, 2]})
        );
        assert_eq!(
            norm(json!({"exclusiveMinimum": 3})),
            json!({"minimum": 3, "exclusiveMinimum": true})
        );
    }

    #[test]
    fn integer_bounds_beyond_i64_saturate() {
        assert_eq!(
            norm(
                json!({"type": "integer", "maximum": 18446744073709552000.0, "minimum": -9223372036854776000.0})
            ),
            json!({"type": "integer", "maximum": i64::MAX, "minimum": i64::MIN})
        );
        assert_eq!(
            norm(json!({"type": "number", "maximum": 1.5e30})),
            json!({"type": "number", "maximum": 1.5e30})
        );
    }

    #[test]
    fn boolean_schemas_become_objects() {
        assert_eq!(
            norm(json!({"items": true, "properties": {"a": false}, "allOf": [true]})),
            json!({"items": {}, "properties": {"a": {"not": {}}}, "allOf": [{}]})
        );
    }

    #[test]
    fn examples_and_extensions_are_left_alone() {
        let doc = json!({"example": {"type": ["a", "null"], "items": true}, "x-a": {"const": 1}});
        assert_eq!(norm(doc.clone()), doc);
        assert_eq!(
            norm(json!({"properties": {"example": {"type": ["string", "null"]}}})),
            json!({"properties": {"example": {"type": "string", "nullable": true}}})
        );
    }

    #[test]
    fn any_of_with_null_is_nullable() {
        let v = norm(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}));
        assert_eq!(
            v,
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
    }
}
