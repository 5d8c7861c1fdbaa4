//! Stage 2: resolve the bundled document into an `openapiv3::OpenAPI`.
//!
//! Schema refs (`#/components/schemas/X`) stay refs: they are model names. A schema ref with
//! sibling keywords becomes `allOf: [ref]` plus the siblings, so its description survives.
//! Every other internal ref (parameters, request bodies, responses, headers, path items,
//! examples) is inlined, siblings overriding the target.

use crate::error::{Error, Location, Result};
use crate::load::{merge_siblings, Bundle};
use crate::normalize::normalize;
use crate::pointer;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The resolved spec: the typed document plus the bundle it came from.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The typed document.
    pub api: openapiv3::OpenAPI,
    /// The resolved JSON (the same content), for examples and raw lookups.
    pub doc: Value,
    /// Source locations of the bundle (its `doc` is taken by `resolve`: read `doc` above).
    pub bundle: Bundle,
}

impl Spec {
    /// The source location of a pointer into the resolved document.
    pub fn locate(&self, pointer: &str) -> Location {
        self.bundle.locate(pointer)
    }
}

/// Resolves a bundle.
pub fn resolve(mut bundle: Bundle) -> Result<Spec> {
    if crate::swagger2::is_swagger(&bundle.doc) {
        crate::swagger2::convert(&mut bundle)?;
    }
    check_version(&bundle)?;
    // Taken, not copied: only the source map of the bundle is needed from here on.
    let mut doc = std::mem::take(&mut bundle.doc);
    let assumed_32 = if crate::openapi32::is_32(&doc) {
        let read = crate::openapi32::read(&mut doc);
        for (new, old) in &read.moves {
            let origin = bundle.locate(old);
            bundle.sources.insert(new.clone(), origin);
        }
        read.assumed
    } else {
        Vec::new()
    };
    for (at, message) in assumed_32.into_iter().chain(normalize(&mut doc)) {
        let at = bundle.locate(&at);
        bundle
            .warnings
            .push(crate::warning::Warning { at, message });
    }
    crate::defs::hoist(&mut doc, &mut bundle.sources);
    crate::recursive_defs::hoist(&mut doc, &mut bundle.sources);
    // Refs are replaced in place; what they point at is read from copies taken before.
    let targets = ref_targets(&doc);
    let mut resolver = Resolver {
        targets: &targets,
        bundle: &mut bundle,
        stack: Vec::new(),
    };
    resolver.walk(&mut doc, &mut String::new(), 0)?;
    let resolved = doc;
    // Deserializes from a borrow of the JSON. Tracking the path costs about as much as the
    // deserializing itself, so it runs only to explain a failure.
    let api = match <openapiv3::OpenAPI as serde::Deserialize>::deserialize(&resolved) {
        Ok(api) => api,
        Err(_) => match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&resolved) {
            Ok(api) => api,
            Err(err) => {
                let ptr = to_pointer(err.path());
                return Err(Error::Invalid {
                    at: bundle.locate(&ptr),
                    message: format!("not a valid OpenAPI document: {}", err.inner()),
                });
            }
        },
    };
    Ok(Spec {
        api,
        doc: resolved,
        bundle,
    })
}

fn check_version(bundle: &Bundle) -> Result<()> {
    let at = |ptr: &str| bundle.locate(ptr);
    match bundle.doc.get("openapi").and_then(Value::as_str) {
        Some(v) if ["3.0", "3.1", "3.2"].iter().any(|p| v.starts_with(p)) => Ok(()),
        Some(v) => Err(Error::Unsupported {
            at: at("/openapi"),
            what: format!(
                "OpenAPI version {v}; Swagger 2.0 and OpenAPI 3.0.x, 3.1.x and 3.2.x are supported"
            ),
        }),
        None => Err(Error::Invalid {
            at: at(""),
            message: "missing the `openapi` version field".into(),
        }),
    }
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Map { key } => Some(pointer::escape(key)),
            Segment::Seq { index } => Some(index.to_string()),
            _ => None,
        })
        .fold(String::new(), |acc, token| format!("{acc}/{token}"))
}

/// The deepest the resolved document may nest: serde_json's own limit for one file.
pub const MAX_DEPTH: usize = 128;

/// What each of the document's `#/...` refs points at, read before the document is
/// rewritten.
type Targets = HashMap<String, Target>;

/// What one ref points at.
enum Target {
    /// Nothing: the pointer leads nowhere.
    Missing,
    /// A schema component, which stays a ref (most refs name one, many times over).
    Component,
    /// Anything else, copied as written: it is inlined in place of the ref.
    Inlined(Value),
}

fn ref_targets(doc: &Value) -> Targets {
    let mut targets = Targets::new();
    crate::defs::visit_refs(doc, &mut |reference| {
        let Some(ptr) = reference.strip_prefix('#') else {
            return;
        };
        if targets.contains_key(ptr) {
            return;
        }
        let target = match pointer::get(doc, ptr) {
            None => Target::Missing,
            Some(_) if is_schema_component(ptr) => Target::Component,
            Some(value) => Target::Inlined(value.clone()),
        };
        targets.insert(ptr.to_string(), target);
    });
    targets
}

struct Resolver<'a> {
    targets: &'a Targets,
    bundle: &'a mut Bundle,
    stack: Vec<String>,
}

impl Resolver<'_> {
    /// Resolves the refs in `value`, found at pointer `at`, `depth` tokens deep.
    fn walk(&mut self, value: &mut Value, at: &mut String, depth: usize) -> Result<()> {
        // Inlined refs can stack one file's nesting on another's; past this depth the later
        // stages (all recursive) could overflow the stack, so stop with an error instead.
        if depth > MAX_DEPTH {
            return Err(Error::Unsupported {
                at: self.bundle.locate(at),
                what: format!(
                    "nesting deeper than {MAX_DEPTH} levels once $refs are inlined (refs to parts \
                     of other components, chained)"
                ),
            });
        }
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    if let Some(resolved) = self.walk_ref(map, &reference, at, depth)? {
                        *value = resolved;
                    }
                    return Ok(());
                }
                let is_data = crate::normalize::data_members(at);
                for (key, item) in map.iter_mut() {
                    if !is_data(key, item) {
                        self.walk_child(item, at, key, depth)?;
                    }
                }
                Ok(())
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk_child(item, at, &i.to_string(), depth)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Walks the child `token` of the value at `at` (`at` is as it was afterwards).
    fn walk_child(
        &mut self,
        child: &mut Value,
        at: &mut String,
        token: &str,
        depth: usize,
    ) -> Result<()> {
        let len = at.len();
        pointer::push_into(at, token);
        let walked = self.walk(child, at, depth + 1);
        at.truncate(len);
        walked
    }

    /// A ref to a schema component stays a ref (it names a model): as it is when alone, else
    /// `allOf: [ref]` beside its sibling keywords, walked in turn.
    fn keep_component_ref(
        &mut self,
        map: &mut Map<String, Value>,
        reference: &str,
        at: &mut String,
        depth: usize,
    ) -> Result<Option<Value>> {
        if map.len() == 1 {
            return Ok(None);
        }
        let mut wrapped = Map::new();
        wrapped.insert(
            "allOf".into(),
            Value::Array(vec![serde_json::json!({ "$ref": reference })]),
        );
        let is_data = crate::normalize::data_members(at);
        for (key, mut value) in std::mem::take(map) {
            if key == "$ref" {
                continue;
            }
            if !is_data(&key, &value) {
                self.walk_child(&mut value, at, &key, depth)?;
            }
            wrapped.insert(key, value);
        }
        Ok(Some(Value::Object(wrapped)))
    }

    /// What replaces the ref object `map` at `at`; `None` keeps it as it is (a plain schema
    /// ref, which names a model).
    fn walk_ref(
        &mut self,
        map: &mut Map<String, Value>,
        reference: &str,
        at: &mut String,
        depth: usize,
    ) -> Result<Option<Value>> {
        let fail = |bundle: &Bundle, at: &str, reason: &str| Error::Ref {
            at: bundle.locate(&format!("{at}/$ref")),
            reference: reference.to_string(),
            reason: reason.to_string(),
        };
        let Some(target_ptr) = reference.strip_prefix('#') else {
            return Err(fail(
                self.bundle,
                at,
                "only relative file refs and `#/...` refs are supported",
            ));
        };
        let target = match self.targets.get(target_ptr) {
            Some(Target::Inlined(target)) => target,
            Some(Target::Component) => return self.keep_component_ref(map, reference, at, depth),
            Some(Target::Missing) | None => {
                return Err(fail(self.bundle, at, "nothing at this pointer"))
            }
        };
        if self.stack.iter().any(|p| p == target_ptr) {
            return Err(fail(
                self.bundle,
                at,
                "recursive reference outside components/schemas",
            ));
        }
        self.stack.push(target_ptr.to_string());
        let origin = self.bundle.locate(target_ptr);
        self.bundle.sources.insert(at.to_string(), origin);
        let mut walked = target.clone();
        self.walk(&mut walked, at, depth)?;
        self.stack.pop();
        Ok(Some(merge_siblings(walked, map)))
    }
}

fn is_schema_component(ptr: &str) -> bool {
    let parts: Vec<&str> = ptr.split('/').collect();
    parts.len() == 4 && parts[1] == "components" && parts[2] == "schemas"
}
