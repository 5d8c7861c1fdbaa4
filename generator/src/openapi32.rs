//! OpenAPI 3.2's new forms, read as their 3.0/3.1 twins where there is one, or left out with
//! a warning where the generator has nothing for them yet.
//!
//! - `in: querystring` (the whole query as one form-urlencoded object) is a query parameter
//!   with `style: form, explode: true`, whose object model sends each property as a pair;
//!   with another media type it is left out;
//! - `itemSchema` of a stream (server-sent events, JSON Lines, JSON text sequences) is the
//!   schema of its items (of each event's `data`), read as `schema`; elsewhere it warns;
//! - the `query` method and `additionalOperations` go into free slots of their path item,
//!   marked with their method (`METHOD`), since the document model has no field for them;
//! - a tag's `summary`, `parent` and `kind` move into extensions (`TAG_SUMMARY`, `TAG_PARENT`,
//!   `TAG_KIND`), which the document model keeps, for lowering to read;
//! - `$self` is dropped here: loading has read refs against it (`self_base.rs`).

use crate::pointer::push;
use serde_json::{Map, Value};

/// Whether the document declares `openapi: 3.2.x`.
pub fn is_32(doc: &Value) -> bool {
    doc.get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.2"))
}

/// The operation extension that carries the method of a `query` or additional operation,
/// which the document model (`openapiv3`) has no slot for: it sits in a free standard slot.
pub const METHOD: &str = "x-openapi-client-gen-method";

/// What reading a 3.2 document did: what it assumed, as (pointer, message), and the subtrees
/// it moved, as (new pointer, old pointer), so diagnostics point into the original.
#[derive(Debug, Default)]
pub struct Read {
    /// What was assumed.
    pub assumed: Vec<(String, String)>,
    /// What was moved.
    pub moves: Vec<(String, String)>,
}

/// Rewrites a 3.2 document in place.
pub fn read(doc: &mut Value) -> Read {
    let mut read = Read::default();
    let Some(root) = doc.as_object_mut() else {
        return read;
    };
    let assumed = &mut read.assumed;
    // Loading has read the refs under it (`self_base.rs`).
    root.remove("$self");
    if let Some(Value::Array(tags)) = root.get_mut("tags") {
        for (i, tag) in tags.iter_mut().enumerate() {
            if let Some(tag) = tag.as_object_mut() {
                tag_fields(tag, &push("/tags", &i.to_string()), &mut read.moves);
            }
        }
    }
    if let Some(Value::Object(params)) = root
        .get_mut("components")
        .and_then(|c| c.get_mut("parameters"))
    {
        for (name, param) in params.iter_mut() {
            let at = push("/components/parameters", name);
            query_string(param, &at, assumed);
        }
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            path_item(item, &push("/paths", path), assumed, &mut read.moves);
        }
    }
    let mut at = String::new();
    let schemas = doc
        .pointer("/components/schemas")
        .cloned()
        .unwrap_or_default();
    item_schemas(doc, &mut at, &schemas, &mut read.assumed);
    read
}

/// The extension that carries a 3.2 tag's `summary`.
pub const TAG_SUMMARY: &str = "x-openapi-client-gen-tag-summary";
/// The extension that carries a 3.2 tag's `parent` (the name of the tag it is nested under).
pub const TAG_PARENT: &str = "x-openapi-client-gen-tag-parent";
/// The extension that carries a 3.2 tag's `kind` (`nav`, `badge`, `audience`, ...).
pub const TAG_KIND: &str = "x-openapi-client-gen-tag-kind";

/// Moves a tag's `summary`, `parent` and `kind` into their extensions (the document model
/// keeps only `x-` fields of a tag), so that diagnostics on them point at the original field.
fn tag_fields(tag: &mut Map<String, Value>, at: &str, moves: &mut Vec<(String, String)>) {
    for (field, extension) in [
        ("summary", TAG_SUMMARY),
        ("parent", TAG_PARENT),
        ("kind", TAG_KIND),
    ] {
        // Only text means anything here; anything else stays where the document model
        // ignores it, as before.
        if let Some(Value::String(text)) = tag.get(field).cloned() {
            tag.remove(field);
            tag.insert(extension.into(), Value::String(text));
            moves.push((push(at, extension), push(at, field)));
        }
    }
}

/// The standard slots of a path item, the least used first: where a `query` or additional
/// operation goes, marked with its method.
const FREE_SLOTS: &[&str] = &[
    "trace", "options", "head", "patch", "delete", "put", "post", "get",
];

/// Moves `query` and `additionalOperations` into free slots of the path item, each marked
/// with its method (`METHOD`).
fn other_methods(
    item: &mut Map<String, Value>,
    at: &str,
    assumed: &mut Vec<(String, String)>,
    moves: &mut Vec<(String, String)>,
) {
    let mut others: Vec<(String, String, Value)> = Vec::new();
    if let Some(op) = item.remove("query") {
        others.push(("QUERY".into(), push(at, "query"), op));
    }
    if let Some(Value::Object(additional)) = item.remove("additionalOperations") {
        let list_at = push(at, "additionalOperations");
        for (method, op) in additional {
            let old = push(&list_at, &method);
            // A method is an HTTP token; the standard ones have their own fields.
            let token = !method.is_empty()
                && (method.bytes())
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            let standard = FREE_SLOTS.contains(&method.to_ascii_lowercase().as_str())
                || method.eq_ignore_ascii_case("query");
            if !token || standard {
                let message = format!("`{method}` is not an extension method; left out");
                assumed.push((old, message));
                continue;
            }
            others.push((method, old, op));
        }
    }
    for (method, old, mut op) in others {
        let Some(slot) = FREE_SLOTS.iter().find(|s| !item.contains_key(**s)) else {
            assumed.push((
                old,
                format!("no room left for the `{method}` operation in its path item; left out"),
            ));
            continue;
        };
        if let Some(op) = op.as_object_mut() {
            op.insert(METHOD.into(), Value::String(method));
        }
        moves.push((push(at, slot), old));
        item.insert((*slot).to_string(), op);
    }
}

fn path_item(
    item: &mut Map<String, Value>,
    at: &str,
    assumed: &mut Vec<(String, String)>,
    moves: &mut Vec<(String, String)>,
) {
    other_methods(item, at, assumed, moves);
    for (key, value) in item.iter_mut() {
        let holder = match key.as_str() {
            "parameters" => Some(value),
            _ => value.get_mut("parameters"),
        };
        let Some(Value::Array(params)) = holder else {
            continue;
        };
        let list_at = if key == "parameters" {
            push(at, "parameters")
        } else {
            push(&push(at, key), "parameters")
        };
        for (i, param) in params.iter_mut().enumerate() {
            query_string(param, &push(&list_at, &i.to_string()), assumed);
        }
        // A parameter left out is `null` until here: drop it.
        params.retain(|p| !p.is_null());
    }
}

/// `in: querystring` with a form-urlencoded object: a form-style query object parameter.
fn query_string(param: &mut Value, at: &str, assumed: &mut Vec<(String, String)>) {
    if param.get("in").and_then(Value::as_str) != Some("querystring") {
        return;
    }
    let schema = param
        .get("content")
        .and_then(|c| c.get("application/x-www-form-urlencoded"))
        .and_then(|m| m.get("schema"))
        .cloned();
    let Some(schema) = schema else {
        assumed.push((
            at.to_string(),
            "an `in: querystring` parameter whose content is not \
             `application/x-www-form-urlencoded` with a schema cannot be sent yet; left out"
                .to_string(),
        ));
        *param = Value::Null;
        return;
    };
    if let Some(map) = param.as_object_mut() {
        map.remove("content");
        map.insert("in".into(), "query".into());
        map.insert("style".into(), "form".into());
        map.insert("explode".into(), true.into());
        map.insert("schema".into(), schema);
    }
}

/// Reads each media type's `itemSchema`: for a stream (`text/event-stream`, JSON Lines,
/// `application/json-seq`) it is the schema of each item, which the pipeline reads from
/// `schema` on those media types (of an event's `data`, for server-sent events); elsewhere it
/// warns.
fn item_schemas(
    value: &mut Value,
    at: &mut String,
    schemas: &Value,
    assumed: &mut Vec<(String, String)>,
) {
    match value {
        Value::Object(map) => {
            if let Some(item) = map.remove("itemSchema") {
                let media = at.rsplit('/').next().map(crate::pointer::unescape);
                match media.as_deref().and_then(crate::media::stream_framing) {
                    Some(crate::media::Framing::Sse) => match sse_events(&item, schemas) {
                        Some((events, data)) => {
                            map.insert("schema".into(), serde_json::json!({ "oneOf": data }));
                            map.insert(SSE_EVENTS.into(), events.into());
                        }
                        None => {
                            let data = event_data(&item, schemas).cloned();
                            map.insert("schema".into(), data.unwrap_or(item));
                        }
                    },
                    Some(_) => {
                        map.insert("schema".into(), item);
                    }
                    None => {
                        assumed.push((
                            push(at, "itemSchema"),
                            "`itemSchema` on a media type that is no stream is not read; the \
                             body is read as its `schema`, or as bytes without one"
                                .to_string(),
                        ));
                    }
                }
            }
            for (key, child) in map.iter_mut() {
                if key.starts_with("x-")
                    || matches!(
                        key.as_str(),
                        "example" | "examples" | "default" | "enum" | "const"
                    )
                {
                    continue;
                }
                let len = at.len();
                crate::pointer::push_into(at, key);
                item_schemas(child, at, schemas, assumed);
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                let len = at.len();
                crate::pointer::push_into(at, &i.to_string());
                item_schemas(child, at, schemas, assumed);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// The extension a server-sent events media type gets when its `itemSchema` names each
/// event's type: the `event` names, in the order of its `schema`'s `oneOf` (their data).
pub const SSE_EVENTS: &str = "x-openapi-client-gen-sse-events";

/// A local component's schema, for a `$ref` into `#/components/schemas`; the schema itself
/// otherwise.
fn local<'a>(schema: &'a Value, schemas: &'a Value) -> &'a Value {
    let target = (schema.get("$ref").and_then(Value::as_str))
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .and_then(|name| schemas.get(crate::pointer::unescape(name)));
    target.unwrap_or(schema)
}

/// The schema of an event's data: `data`'s `contentSchema` (JSON in a string), else `data`.
fn event_data<'a>(event: &'a Value, schemas: &'a Value) -> Option<&'a Value> {
    let data = local(event, schemas).pointer("/properties/data")?;
    Some(data.get("contentSchema").unwrap_or(data))
}

/// An `itemSchema` that is a `oneOf`/`anyOf` of events each naming its type with a one-value
/// `event` (`const`, or an `enum` of one): the names, and each one's data schema.
fn sse_events(item: &Value, schemas: &Value) -> Option<(Vec<Value>, Vec<Value>)> {
    let item = local(item, schemas);
    let alternatives = item
        .get("oneOf")
        .or_else(|| item.get("anyOf"))?
        .as_array()?;
    let mut names = Vec::new();
    let mut data = Vec::new();
    for alternative in alternatives {
        let event = local(alternative, schemas).pointer("/properties/event")?;
        let name = match (
            event.get("const"),
            event.get("enum").and_then(Value::as_array),
        ) {
            (Some(Value::String(name)), _) => name.clone(),
            (None, Some(values)) if values.len() == 1 => values[0].as_str()?.to_string(),
            _ => return None,
        };
        names.push(Value::String(name));
        data.push(event_data(alternative, schemas)?.clone());
    }
    (!names.is_empty()).then_some((names, data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_new_forms_are_read_or_warned() {
        let mut doc = json!({
            "openapi": "3.2.0",
            "$self": "https://example.com/openapi.json",
            "tags": [{"name": "a", "summary": "A things", "parent": "b", "kind": "nav"}],
            "paths": {"/s": {
                "query": {"responses": {}},
                "get": {"parameters": [
                    {"in": "querystring", "name": "q", "content": {"application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Q"}}}},
                    {"in": "querystring", "name": "j", "content": {"application/json": {"schema": {}}}},
                    {"in": "query", "name": "plain", "schema": {"type": "string"}}
                ], "responses": {"200": {"description": "ok", "content": {
                    "application/jsonl": {"itemSchema": {"type": "object"}},
                    "text/event-stream": {"itemSchema": {"type": "object", "properties": {
                        "event": {"const": "tick"},
                        "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": {"$ref": "#/components/schemas/Tick"}}
                    }}},
                    "application/xml": {"itemSchema": {"type": "string"}}
                }}}}
            }}
        });
        assert!(is_32(&doc));
        let read = read(&mut doc);
        let at: Vec<&str> = read.assumed.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            at,
            // `$self` is read by loading, without a warning.
            [
                "/paths/~1s/get/parameters/1",
                "/paths/~1s/get/responses/200/content/application~1xml/itemSchema"
            ]
        );
        // A stream's items are its `schema`; an event's, its data's `contentSchema`.
        let content = &doc["paths"]["/s"]["get"]["responses"]["200"]["content"];
        assert_eq!(
            content["application/jsonl"],
            json!({"schema": {"type": "object"}})
        );
        assert_eq!(
            content["text/event-stream"],
            json!({"schema": {"$ref": "#/components/schemas/Tick"}})
        );
        // A tag's 3.2 fields are extensions now, each traced back to where it was written.
        assert_eq!(
            doc["tags"][0],
            json!({"name": "a", TAG_SUMMARY: "A things", TAG_PARENT: "b", TAG_KIND: "nav"})
        );
        // The `query` operation sits in a free slot, marked with its method.
        assert_eq!(doc["paths"]["/s"].get("query"), None);
        assert_eq!(doc["paths"]["/s"]["trace"][METHOD], "QUERY");
        let moved = |new: &str, old: &str| (new.to_string(), old.to_string());
        assert_eq!(
            read.moves,
            [
                moved(&format!("/tags/0/{TAG_SUMMARY}"), "/tags/0/summary"),
                moved(&format!("/tags/0/{TAG_PARENT}"), "/tags/0/parent"),
                moved(&format!("/tags/0/{TAG_KIND}"), "/tags/0/kind"),
                moved("/paths/~1s/trace", "/paths/~1s/query"),
            ]
        );
        assert_eq!(
            doc["paths"]["/s"]["get"]["parameters"],
            json!([
                {"in": "query", "name": "q", "style": "form", "explode": true, "schema": {"$ref": "#/components/schemas/Q"}},
                {"in": "query", "name": "plain", "schema": {"type": "string"}}
            ])
        );
    }

    #[test]
    fn a_tag_without_3_2_fields_is_left_as_it_is() {
        let mut doc = json!({
            "openapi": "3.2.0",
            "tags": [{"name": "a", "description": "As."}, {"name": "b", "summary": 3}]
        });
        let before = doc.clone();
        let read = read(&mut doc);
        assert_eq!(doc, before);
        assert!(read.moves.is_empty() && read.assumed.is_empty());
    }
}
