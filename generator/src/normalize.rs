//! Rewrites OpenAPI 3.1 forms into their 3.0 twins, which `openapiv3` reads.
//!
//! Vendors declare 3.1 but write mostly 3.0; the few 3.1 forms they use map one to one:
//! `type: [T, "null"]` is `type: T` + `nullable`, `const` is a one-value `enum`, a schema's
//! `examples` array gives `example`, numeric `exclusiveMinimum` is `minimum` + a flag, and
//! `anyOf: [X, {type: null}]` is a nullable X, and boolean schemas are `{}` or `{not: {}}`.
//! Two mistakes are read under an assumption, with a warning: a schema's boolean `required`
//! (a parameter's or a body's flag, written on its schema) is dropped, and `items` written
//! as a list (JSON Schema's tuple form) is items of any of its schemas.

use serde_json::{json, Map, Value};

/// Normalises every schema-shaped object in the document, in place. Returns what was
/// assumed on the way, as (pointer, message): the caller knows where each pointer came from.
pub fn normalize(doc: &mut Value) -> Vec<(String, String)> {
    if let Some(map) = doc.as_object_mut() {
        map.entry("paths")
            .or_insert_with(|| Value::Object(Map::new()));
    }
    let mut walk = Walk {
        at: String::new(),
        assumed: Vec::new(),
    };
    walk.keywords(doc, false);
    walk.assumed
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

/// Whether the value at pointer `at` is inside a schema: below a `schema` keyword (not a
/// header or property called `schema`) or a schema component.
pub fn in_schema(at: &str) -> bool {
    let tokens: Vec<&str> = at.split('/').skip(1).collect();
    tokens.starts_with(&["components", "schemas"])
        || (tokens.windows(2)).any(|pair| {
            pair[1] == "schema" && !NAME_MAPS.contains(&pair[0]) && pair[0] != "examples"
        })
}

/// `x-webhooks`: the 3.0-era spelling of 3.1's `webhooks`, which vendors still use. It is
/// read as spec structure, not vendor data.
pub const WEBHOOKS_EXTENSION: &str = "x-webhooks";

/// Keywords whose value is a schema.
const SCHEMA_KEYWORDS: &[&str] = &[
    "schema",
    "items",
    "not",
    "additionalProperties",
    "additionalItems",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
];

/// Keywords whose value is a list of schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "oneOf", "anyOf", "prefixItems"];

/// Name maps whose members are schemas.
const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "schemas",
    "dependentSchemas",
];

/// The walk: where it is (a JSON pointer) and what it assumed so far.
struct Walk {
    at: String,
    assumed: Vec<(String, String)>,
}

impl Walk {
    /// An object whose keys are keywords (a schema when `schema`): rewrite it, then visit its
    /// children. Example values and extensions are data, not schemas, and stay as written.
    fn keywords(&mut self, value: &mut Value, schema: bool) {
        match value {
            Value::Object(map) => {
                rewrite(map);
                if schema {
                    self.schema_only(map);
                }
                for (key, child) in map.iter_mut() {
                    if is_data(key) {
                        continue;
                    }
                    let len = self.at.len();
                    crate::pointer::push_into(&mut self.at, key);
                    let key = key.as_str();
                    if NAME_MAPS.contains(&key) {
                        self.names(child, SCHEMA_MAPS.contains(&key));
                    } else {
                        let holds_schemas =
                            SCHEMA_KEYWORDS.contains(&key) || SCHEMA_LISTS.contains(&key);
                        self.keywords(child, holds_schemas);
                    }
                    self.at.truncate(len);
                }
            }
            // The list's items are what the list is (schemas of `allOf`, parameters, ...).
            Value::Array(items) => self.items(items, schema),
            _ => {}
        }
    }

    /// An object whose keys are names (a property called `example` is a schema like any
    /// other); its members are schemas when `schemas`.
    fn names(&mut self, value: &mut Value, schemas: bool) {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    let len = self.at.len();
                    crate::pointer::push_into(&mut self.at, key);
                    self.keywords(child, schemas);
                    self.at.truncate(len);
                }
            }
            // `parameters` is a list in operations and path items.
            Value::Array(items) => self.items(items, schemas),
            _ => {}
        }
    }

    fn items(&mut self, items: &mut [Value], schemas: bool) {
        for (i, item) in items.iter_mut().enumerate() {
            let len = self.at.len();
            crate::pointer::push_into(&mut self.at, &i.to_string());
            self.keywords(item, schemas);
            self.at.truncate(len);
        }
    }

    /// What only a schema gets wrong: `required: true`, a parameter's or a body's boolean
    /// written on its schema, where the list of required property names belongs.
    fn schema_only(&mut self, map: &mut Map<String, Value>) {
        if let Some(Value::Bool(flag)) = map.get("required") {
            let message = format!(
                "`required: {flag}` on a schema, where a list of property names belongs; \
                 ignored (it makes no property required)"
            );
            map.remove("required");
            self.assumed
                .push((crate::pointer::push(&self.at, "required"), message));
        }
        // JSON Schema's tuple form (`items: [A, B]`), which 3.0 and 2.0 lack: vendors write
        // it for "items of these kinds".
        if let Some(Value::Array(tuple)) = map.get("items").cloned() {
            let message = "`items` as a list (JSON Schema's tuple form); read as items that \
                           are any one of them (`items: {anyOf: [..]}`)"
                .to_string();
            let items = match tuple.len() {
                1 => tuple[0].clone(),
                _ => json!({ "anyOf": tuple }),
            };
            map.insert("items".into(), items);
            self.assumed
                .push((crate::pointer::push(&self.at, "items"), message));
        }
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
    // `enum` beside `allOf` (a union's tag narrowing the enum it refers to) is dropped when the
    // schema is read as a composition: kept here for the values doc examples pass.
    if map.contains_key("allOf") {
        if let Some(values) = map
            .get("enum")
            .filter(|e| e.as_array().is_some_and(|a| !a.is_empty()))
        {
            let values = values.clone();
            map.insert(SIBLING_ENUM.into(), values);
        }
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
    const_alternatives(map);
    required_alternatives(map);
}

/// Where `rewrite` keeps the sets of properties of which an object requires one.
pub const REQUIRED_ONE_OF: &str = "x-openapi-client-gen-required-one-of";

/// An object whose `anyOf`/`oneOf` alternatives only list `required` properties (“either
/// `file_ids` or `files`”) constrains its values, it has no alternative shapes: the
/// alternatives go, their sets are kept for the values doc examples pass. Read as a
/// composition, the schema would otherwise lose its `properties`.
fn required_alternatives(map: &mut Map<String, Value>) {
    if !map.contains_key("properties") {
        return;
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(alternatives)) = map.get(key) else {
            continue;
        };
        let sets: Option<Vec<Value>> = alternatives
            .iter()
            .map(|a| {
                let a = a.as_object()?;
                let only_required = a
                    .keys()
                    .all(|k| matches!(k.as_str(), "required" | "description" | "title"));
                only_required.then(|| a.get("required").cloned()).flatten()
            })
            .collect();
        if let Some(sets) = sets.filter(|s| !s.is_empty()) {
            map.remove(key);
            map.insert(REQUIRED_ONE_OF.into(), Value::Array(sets));
            return;
        }
    }
}

/// Where `rewrite` keeps an `enum` written beside `allOf`.
pub const SIBLING_ENUM: &str = "x-openapi-client-gen-enum";

/// `oneOf`/`anyOf` whose alternatives are each one value (`const`, or a one-value `enum`) with
/// at most a title and description, as 3.1 documents name enum values: an `enum` of those
/// values, the alternatives' titles and descriptions listed in the schema's description.
fn const_alternatives(map: &mut Map<String, Value>) {
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(options)) = map.get(key) else {
            continue;
        };
        let one_value = |option: &Value| {
            let option = option.as_object()?;
            let plain = |k: &String| {
                matches!(
                    k.as_str(),
                    "const" | "enum" | "title" | "description" | "type" | "format"
                )
            };
            if !option.keys().all(plain) {
                return None;
            }
            let value = match (option.get("const"), option.get("enum")) {
                (Some(value), None) => value.clone(),
                (None, Some(Value::Array(values))) if values.len() == 1 => values[0].clone(),
                _ => return None,
            };
            let text = |k: &str| option.get(k).and_then(Value::as_str).unwrap_or_default();
            let named = [text("title"), text("description")]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(": ");
            (!value.is_null()).then_some((value, named))
        };
        let Some(values) = options.iter().map(one_value).collect::<Option<Vec<_>>>() else {
            continue;
        };
        if values.is_empty() {
            continue;
        }
        if !map.contains_key("type") {
            let all = |f: fn(&Value) -> bool| values.iter().all(|(v, _)| f(v));
            let inferred = if all(Value::is_string) {
                Some("string")
            } else if all(|v| v.is_i64() || v.is_u64()) {
                Some("integer")
            } else {
                None
            };
            if let Some(inferred) = inferred {
                map.insert("type".into(), inferred.into());
            }
        }
        let listed: Vec<String> = values
            .iter()
            .filter(|(_, named)| !named.is_empty())
            .map(|(value, named)| format!("- `{value}`: {named}"))
            .collect();
        if !listed.is_empty() {
            let description = map.get("description").and_then(Value::as_str);
            let mut text = description.map(|d| format!("{d}\n\n")).unwrap_or_default();
            text.push_str(&listed.join("\n"));
            map.insert("description".into(), text.into());
        }
        map.remove(key);
        map.insert(
            "enum".into(),
            values.into_iter().map(|(value, _)| value).collect(),
        );
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
        assert_eq!(normalize(&mut v), []);
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
    fn one_value_alternatives_are_an_enum() {
        let ints = json!({"type": "integer", "oneOf": [
            {"title": "ROLE", "description": "A role.", "const": 1},
            {"title": "USER", "const": 2}
        ]});
        assert_eq!(
            norm(ints),
            json!({"type": "integer", "enum": [1, 2], "description": "- `1`: ROLE: A role.\n- `2`: USER"})
        );
        let strings = json!({"description": "Kind.", "anyOf": [{"const": "a"}, {"enum": ["b"]}]});
        assert_eq!(
            norm(strings),
            json!({"type": "string", "enum": ["a", "b"], "description": "Kind."})
        );
        // An alternative with more than one value, or with structure, keeps the union.
        let mixed = json!({"oneOf": [{"const": "a"}, {"type": "object", "properties": {}}]});
        let kept = json!({"oneOf": [{"enum": ["a"]}, {"type": "object", "properties": {}}]});
        assert_eq!(norm(mixed), kept);
    }

    #[test]
    fn alternatives_of_required_sets_are_a_constraint() {
        let schema = json!({"properties": {"a": {}, "b": {}}, "anyOf": [{"required": ["a"]}, {"required": ["b"]}]});
        assert_eq!(
            norm(schema),
            json!({"properties": {"a": {}, "b": {}}, REQUIRED_ONE_OF: [["a"], ["b"]]})
        );
        let shapes =
            json!({"properties": {"a": {}}, "oneOf": [{"required": ["a"]}, {"type": "object"}]});
        assert!(norm(shapes).get("oneOf").is_some());
    }

    #[test]
    fn an_enum_beside_all_of_is_kept_for_samples() {
        let tag =
            json!({"type": "integer", "enum": [3], "allOf": [{"$ref": "#/components/schemas/T"}]});
        assert_eq!(norm(tag)[SIBLING_ENUM], json!([3]));
        let empty =
            json!({"type": "string", "enum": [], "allOf": [{"$ref": "#/components/schemas/T"}]});
        assert_eq!(norm(empty).get(SIBLING_ENUM), None);
        assert_eq!(norm(json!({"enum": [3]})).get(SIBLING_ENUM), None);
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
    fn a_boolean_required_is_dropped_from_schemas_only() {
        let mut doc = json!({"paths": {"/a": {"post": {
            "parameters": [{"name": "q", "in": "query", "required": true, "schema": {"type": "string"}}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
                "type": "object", "required": true,
                "properties": {"p": {"required": false, "allOf": [{"required": true}]}}
            }}}}
        }}}});
        let assumed: Vec<String> = normalize(&mut doc).into_iter().map(|(at, _)| at).collect();
        let body = "/paths/~1a/post/requestBody";
        let schema = format!("{body}/content/application~1json/schema");
        assert_eq!(
            assumed,
            [
                format!("{schema}/required"),
                format!("{schema}/properties/p/required"),
                format!("{schema}/properties/p/allOf/0/required"),
            ]
        );
        let op = &doc["paths"]["/a"]["post"];
        assert_eq!(op["parameters"][0]["required"], true);
        assert_eq!(op["requestBody"]["required"], true);
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"]["required"],
            Value::Null
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
