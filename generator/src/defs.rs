//! Schemas nested in a component's `definitions`/`$defs` become components of their own.
//!
//! JSON Schema lets a schema carry its helpers (`PushOption/definitions/pushOptionProperty`),
//! and documents converted from JSON Schema point at them with `$ref`s, recursive ones too.
//! Only `components/schemas` entries have names (and may recurse), so each nested definition
//! that a `$ref` points at is copied there, under its own name when that is free (else
//! `<Parent>_<name>`), and every `$ref` to it is rewritten.

use crate::normalize::data_members;
use crate::pointer::{self, SourceMap};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The keywords under which a schema keeps nested definitions.
const DEFINITIONS: [&str; 2] = ["definitions", "$defs"];

/// Hoists the nested definitions that `$ref`s point at; records where each came from.
pub fn hoist(doc: &mut Value, sources: &mut SourceMap) {
    // Definitions nested in definitions are reached one level per round.
    for _ in 0..32 {
        let mut targets = BTreeMap::new();
        visit_refs(doc, &mut |reference| {
            if let Some(target) = nested_target(reference) {
                targets.insert(target, ());
            }
        });
        let mut moved: Vec<(String, String)> = Vec::new();
        for target in targets.into_keys() {
            let Some(value) = pointer::get(doc, &target).cloned() else {
                continue; // the resolver reports the dangling `$ref`
            };
            let tokens: Vec<&str> = target.split('/').collect();
            let (parent, name) = (pointer::unescape(tokens[3]), pointer::unescape(tokens[5]));
            let Some(schemas) = doc
                .pointer_mut("/components/schemas")
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            let name = free_name(schemas, &name, &parent);
            schemas.insert(name.clone(), value);
            let hoisted = pointer::push("/components/schemas", &name);
            sources.insert(hoisted.clone(), sources.locate(&target));
            moved.push((target, hoisted));
        }
        if moved.is_empty() {
            return;
        }
        rewrite_refs(doc, "", &moved);
    }
}

/// `#/components/schemas/S/definitions/D/...` → `/components/schemas/S/definitions/D`.
fn nested_target(reference: &str) -> Option<String> {
    let ptr = reference.strip_prefix('#')?;
    let tokens: Vec<&str> = ptr.split('/').collect();
    (tokens.len() >= 6
        && tokens[0].is_empty()
        && tokens[1] == "components"
        && tokens[2] == "schemas"
        && DEFINITIONS.contains(&tokens[4]))
    .then(|| tokens[..6].join("/"))
}

/// `name`, or `<parent>_<name>` (numbered) when `schemas` has it.
pub(crate) fn free_name(schemas: &Map<String, Value>, name: &str, parent: &str) -> String {
    if !schemas.contains_key(name) {
        return name.to_string();
    }
    let base = format!("{parent}_{name}");
    let mut candidate = base.clone();
    let mut n = 1;
    while schemas.contains_key(&candidate) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    candidate
}

/// Calls `f` with every `$ref` of the document outside vendor data (examples, extensions),
/// the refs that loading and resolving follow.
pub(crate) fn visit_refs(doc: &Value, f: &mut impl FnMut(&str)) {
    refs_under(doc, &mut String::new(), &mut |_, reference| f(reference));
}

/// [`visit_refs`], with the pointer of each ref object: `f(at, reference)`.
pub(crate) fn refs_with_positions(doc: &Value, f: &mut impl FnMut(&str, &str)) {
    refs_under(doc, &mut String::new(), f);
}

/// `visit_refs` below pointer `at` (one buffer, truncated back after each child).
fn refs_under(value: &Value, at: &mut String, f: &mut impl FnMut(&str, &str)) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                f(at, reference);
            }
            let is_data = data_members(at);
            for (key, item) in map {
                if !is_data(key, item) {
                    let len = at.len();
                    pointer::push_into(at, key);
                    refs_under(item, at, f);
                    at.truncate(len);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                pointer::push_into(at, &i.to_string());
                refs_under(item, at, f);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// Points the `$ref`s to each moved pointer (or below it) at its new place.
pub(crate) fn rewrite_refs(value: &mut Value, at: &str, moved: &[(String, String)]) {
    each_ref_mut(value, at, &mut |reference| {
        if let Some(ptr) = reference.strip_prefix('#') {
            let hit = moved.iter().find(|(from, _)| {
                ptr == from
                    || ptr
                        .strip_prefix(from.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            });
            if let Some((from, to)) = hit {
                *reference = format!("#{to}{}", &ptr[from.len()..]);
            }
        }
    });
}

/// Calls `f` with every `$ref` below pointer `at` outside vendor data, to change it.
pub(crate) fn each_ref_mut(value: &mut Value, at: &str, f: &mut impl FnMut(&mut String)) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                f(reference);
            }
            let is_data = data_members(at);
            for (key, item) in map.iter_mut() {
                if key != "$ref" && !is_data(key, item) {
                    each_ref_mut(item, &pointer::push(at, key), f);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                each_ref_mut(item, &format!("{at}/{i}"), f);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_definitions_become_components_and_refs_follow() {
        let mut doc = json!({"components": {"schemas": {
            "Push": {"type": "object", "properties": {"p": {"$ref": "#/components/schemas/Push/definitions/prop"}},
                     "definitions": {"prop": {"type": "object", "properties": {
                         "children": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Push/definitions/prop"}}}}}},
            "prop": {"type": "string"}
        }}});
        hoist(&mut doc, &mut SourceMap::default());
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["Push"]["properties"]["p"]["$ref"],
            "#/components/schemas/Push_prop"
        );
        assert_eq!(
            schemas["Push_prop"]["properties"]["children"]["additionalProperties"]["$ref"],
            "#/components/schemas/Push_prop"
        );
        assert_eq!(schemas["prop"], json!({"type": "string"}));
    }

    #[test]
    fn refs_in_vendor_data_are_left_alone() {
        let mut doc = json!({"components": {"schemas": {
            "A": {"definitions": {"b": {"type": "string"}}, "x-note": {"$ref": "#/components/schemas/A/definitions/b"}}
        }}});
        let before = doc.clone();
        hoist(&mut doc, &mut SourceMap::default());
        assert_eq!(doc, before);
    }
}
