//! Schemas outside `components/schemas` that refer to themselves (`#/definitions/apiAgent`
//! whose items `$ref` it again) cannot be inlined where they are used, and only components
//! have names: each becomes a component of its own, named after its key (`<parent>_<key>`
//! when that is taken), and every `$ref` to it follows. (`load` does the same for such
//! schemas in other files.)

use crate::defs::{free_name, refs_with_positions, rewrite_refs};
use crate::normalize::in_schema;
use crate::pointer::{self, SourceMap};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Hoists the recursive schemas that `$ref`s reach from schemas; records where each came from.
pub fn hoist(doc: &mut Value, sources: &mut SourceMap) {
    // A recursive schema inside one that moved is reached through it, and moves next round.
    for _ in 0..32 {
        if !hoist_round(doc, sources) {
            return;
        }
    }
}

/// One round of [`hoist`]: whether anything moved.
fn hoist_round(doc: &mut Value, sources: &mut SourceMap) -> bool {
    // Ref position -> target pointer, of the refs that are inlined (not to a component).
    let mut inlined: BTreeMap<String, String> = BTreeMap::new();
    let mut from_schemas: BTreeSet<String> = BTreeSet::new();
    refs_with_positions(doc, &mut |at, reference| {
        let Some(target) = reference.strip_prefix('#') else {
            return;
        };
        if is_schema_component(target) {
            return;
        }
        if in_schema(at) {
            from_schemas.insert(target.to_string());
        }
        inlined.insert(at.to_string(), target.to_string());
    });
    let graph = Graph { inlined: &inlined };
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut stack: Vec<String> = from_schemas.into_iter().collect();
    while let Some(target) = stack.pop() {
        if reached.insert(target.clone()) {
            stack.extend(graph.refs_inside(&target).map(str::to_string));
        }
    }
    let mut moved: Vec<(String, String)> = Vec::new();
    for target in reached.iter().filter(|t| graph.reaches_itself(t)) {
        // What holds the components (`#/components`, `#`) would be copied into itself.
        if inside("/components/schemas", target)
            || moved.iter().any(|(from, _)| inside(target, from))
        {
            continue;
        }
        let Some(value) = pointer::get(doc, target).cloned() else {
            continue; // the resolver reports the dangling `$ref`
        };
        let Some(schemas) = schemas_mut(doc) else {
            return false;
        };
        let tokens: Vec<String> = target.split('/').map(pointer::unescape).collect();
        let name = tokens.last().cloned().unwrap_or_default();
        let parent = tokens.iter().rev().nth(1).cloned().unwrap_or_default();
        let name = free_name(schemas, &name, &parent);
        schemas.insert(name.clone(), value);
        let hoisted = pointer::push("/components/schemas", &name);
        sources.insert(hoisted.clone(), sources.locate(target));
        moved.push((target.clone(), hoisted));
    }
    if moved.is_empty() {
        return false;
    }
    rewrite_refs(doc, "", &moved);
    true
}

/// The inlined refs, as edges from the value they sit in to their target.
struct Graph<'a> {
    inlined: &'a BTreeMap<String, String>,
}

impl Graph<'_> {
    /// The targets of the inlined refs inside the value at `target` (itself included).
    fn refs_inside<'g>(&'g self, target: &'g str) -> impl Iterator<Item = &'g str> + 'g {
        (self.inlined.range(target.to_string()..))
            .take_while(move |(at, _)| at.starts_with(target))
            .filter(move |(at, _)| inside(at, target))
            .map(|(_, to)| to.as_str())
    }

    /// Whether inlining `target` leads back to it.
    fn reaches_itself(&self, target: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = self.refs_inside(target).collect();
        while let Some(next) = stack.pop() {
            if inside(target, next) {
                return true;
            }
            if seen.insert(next) {
                stack.extend(self.refs_inside(next));
            }
        }
        false
    }
}

/// Whether pointer `at` is `outer` or below it.
fn inside(at: &str, outer: &str) -> bool {
    at.strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

fn is_schema_component(ptr: &str) -> bool {
    let parts: Vec<&str> = ptr.split('/').collect();
    parts.len() == 4 && parts[1] == "components" && parts[2] == "schemas"
}

/// `components/schemas`, made if missing (`None` when the document has another shape).
fn schemas_mut(doc: &mut Value) -> Option<&mut Map<String, Value>> {
    let components = doc
        .as_object_mut()?
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    components
        .as_object_mut()?
        .entry("schemas")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn response(reference: &str) -> Value {
        json!({"get": {"responses": {"200": {"description": "d", "content": {"application/json": {"schema": {"$ref": reference}}}}}}})
    }

    #[test]
    fn a_recursive_definition_becomes_a_component() {
        let mut doc = json!({
            "paths": {"/a": response("#/definitions/apiAgent")},
            "definitions": {
                "apiAgent": {"type": "object", "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/definitions/apiAgent"}},
                    "name": {"$ref": "#/definitions/name"}
                }},
                "name": {"type": "string"}
            },
            "components": {"schemas": {"apiAgent": {"type": "string"}}}
        });
        hoist(&mut doc, &mut SourceMap::default());
        let schema =
            &doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(schema["$ref"], "#/components/schemas/definitions_apiAgent");
        let hoisted = &doc["components"]["schemas"]["definitions_apiAgent"];
        assert_eq!(
            hoisted["properties"]["children"]["items"]["$ref"],
            "#/components/schemas/definitions_apiAgent"
        );
        // Not recursive: inlined where it is used, as before.
        assert_eq!(hoisted["properties"]["name"]["$ref"], "#/definitions/name");
        assert_eq!(doc["components"]["schemas"].as_object().unwrap().len(), 2);
    }

    #[test]
    fn recursion_outside_schemas_is_left_to_the_resolver() {
        let mut doc = json!({
            "paths": {"/a": {"get": {"parameters": [{"$ref": "#/components/parameters/P"}]}}},
            "components": {"parameters": {"P": {"$ref": "#/components/parameters/Q"}, "Q": {"$ref": "#/components/parameters/P"}}}
        });
        let before = doc.clone();
        hoist(&mut doc, &mut SourceMap::default());
        assert_eq!(doc, before);
    }
}
