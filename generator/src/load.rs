//! Stage 1: read the spec (one file, or a folder of fragments) and bundle every relative
//! `$ref` into one document, remembering where each part came from.
//!
//! Bundling rules, in order, for a `$ref` to another file:
//! 1. a target that the root lists under `components/<kind>/<name>` becomes
//!    `#/components/<kind>/<name>`, so it keeps its name;
//! 2. a target at `/components/<kind>/<name>` inside another document is hoisted to the same
//!    place in the bundle;
//! 3. anything else is inlined, its sibling keywords overriding the target's; but a schema
//!    that refers to itself cannot be, so it is hoisted to `/components/schemas/<its key>`.

use crate::error::{Error, Location, Result};
use crate::pointer::{self, SourceMap};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The spec as one JSON document, with its source map.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The bundled document; every remaining `$ref` is internal (`#/...`).
    pub doc: Value,
    /// Where each part of `doc` came from.
    pub sources: SourceMap,
    /// The root file.
    pub root: PathBuf,
    /// What loading assumed (descriptions in files that cannot be read).
    pub warnings: Vec<crate::warning::Warning>,
}

impl Bundle {
    /// The source location of a pointer into the bundled document.
    pub fn locate(&self, pointer: &str) -> Location {
        self.sources.locate(pointer)
    }
}

/// Names the root document of a folder spec is looked up by, in order.
const ROOT_NAMES: [&str; 4] = ["openapi.json", "openapi.yaml", "openapi.yml", "spec.json"];

/// Loads a spec from a file, or from a folder holding `openapi.json` (or `.yaml`).
pub fn load(path: &Path) -> Result<Bundle> {
    let root = find_root(path)?;
    let mut bundler = Bundler {
        root: canonical(&root),
        ..Bundler::default()
    };
    // Shared, not copied: the walk reads the root again through `files` for internal refs.
    let mut doc = bundler.read(&root)?;
    match crate::self_base::SelfBase::of(&doc, &root) {
        crate::self_base::Declared::None => {}
        crate::self_base::Declared::Base(base) => {
            // Read again, its refs under `$self` made local.
            bundler.self_base = Some(base);
            bundler.files.clear();
            doc = bundler.read(&root)?;
        }
        crate::self_base::Declared::Unusable(message) => {
            bundler.warnings.push(crate::warning::Warning {
                at: Location {
                    file: pointer::display_path(&root),
                    pointer: "/$self".into(),
                },
                message,
            });
        }
    }
    let out = if refers_outside(&doc) {
        bundler.register_components(&root, &doc)?;
        let mut out = bundler.walk(&doc, &root, "", "", &mut Vec::new())?;
        bundler.add_hoisted(&mut out)?;
        out
    } else {
        // One self-contained document (most published specs) bundles to itself: take it
        // instead of copying it node by node.
        drop(bundler.files.remove(&bundler.root));
        std::rc::Rc::try_unwrap(doc).unwrap_or_else(|shared| (*shared).clone())
    };
    bundler.sources.insert(
        String::new(),
        Location {
            file: pointer::display_path(&root),
            pointer: String::new(),
        },
    );
    Ok(Bundle {
        doc: out,
        sources: bundler.sources,
        root,
        warnings: bundler.warnings,
    })
}

/// Whether any `$ref` that bundling follows points into another file.
fn refers_outside(doc: &Value) -> bool {
    let mut outside = false;
    crate::defs::visit_refs(doc, &mut |reference| outside |= !reference.starts_with('#'));
    outside
}

fn find_root(path: &Path) -> Result<PathBuf> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Ok(path.to_path_buf());
    }
    ROOT_NAMES
        .iter()
        .map(|name| path.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "no root document in this folder (looked for {})",
                    ROOT_NAMES.join(", ")
                ),
            ),
        })
}

/// Parses JSON, or YAML for `.yaml`/`.yml` files (and for anything JSON cannot read).
pub fn parse_text(text: &str, path: &Path) -> Result<Value> {
    let is_yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    let invalid = |message: String| Error::Invalid {
        at: Location {
            file: pointer::display_path(path),
            pointer: String::new(),
        },
        message,
    };
    if !is_yaml {
        return serde_json::from_str(text).map_err(|e| invalid(format!("invalid JSON: {e}")));
    }
    crate::yaml::from_str(text).map_err(|e| invalid(format!("invalid YAML: {e}")))
}

#[derive(Default)]
struct Bundler {
    root: PathBuf,
    files: HashMap<PathBuf, std::rc::Rc<Value>>,
    /// (canonical file, pointer) -> internal ref that names it.
    named: HashMap<(PathBuf, String), String>,
    /// Components hoisted from other documents: bundle pointer -> (file, pointer, value).
    hoisted: BTreeMap<String, (PathBuf, String, Value)>,
    sources: SourceMap,
    /// `canonical` results by path: canonicalizing is a syscall per path component, and the
    /// same few files are asked for at every `$ref`.
    canonical: std::cell::RefCell<HashMap<PathBuf, PathBuf>>,
    warnings: Vec<crate::warning::Warning>,
    /// The root's `$self`, which each file's refs under it are read against.
    self_base: Option<crate::self_base::SelfBase>,
}

impl Bundler {
    fn canonical(&self, path: &Path) -> PathBuf {
        self.canonical
            .borrow_mut()
            .entry(path.to_path_buf())
            .or_insert_with(|| canonical(path))
            .clone()
    }

    fn read(&mut self, path: &Path) -> Result<std::rc::Rc<Value>> {
        let key = self.canonical(path);
        if !self.files.contains_key(&key) {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: pointer::display_path(path),
                source,
            })?;
            let mut value = parse_text(&text, path)?;
            if let Some(base) = &self.self_base {
                base.rewrite(&mut value);
            }
            self.files.insert(key.clone(), std::rc::Rc::new(value));
        }
        Ok(std::rc::Rc::clone(&self.files[&key]))
    }

    /// Rule 1: components of the root that are `$ref`s to other files name their targets.
    fn register_components(&mut self, root: &Path, doc: &Value) -> Result<()> {
        let Some(components) = doc.get("components").and_then(Value::as_object) else {
            return Ok(());
        };
        for (kind, entries) in components {
            let Some(entries) = entries.as_object() else {
                continue;
            };
            for (name, entry) in entries {
                let at = format!(
                    "/components/{}/{}",
                    pointer::escape(kind),
                    pointer::escape(name)
                );
                let reference = entry
                    .get("$ref")
                    .and_then(Value::as_str)
                    .filter(|r| !r.starts_with('#'));
                let (file, ptr) = match reference {
                    Some(reference) => split_ref(root, reference),
                    None => (root.to_path_buf(), at.clone()),
                };
                self.named
                    .insert((self.canonical(&file), ptr), format!("#{at}"));
            }
        }
        Ok(())
    }

    /// Copies `value` (from `file` at `file_ptr`) to `out_ptr` in the bundle, following refs.
    fn walk(
        &mut self,
        value: &Value,
        file: &Path,
        file_ptr: &str,
        out_ptr: &str,
        stack: &mut Vec<(PathBuf, String)>,
    ) -> Result<Value> {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    return self.walk_ref(map, reference, file, file_ptr, out_ptr, stack);
                }
                let mut out = Map::with_capacity(map.len());
                let is_data = crate::normalize::data_members(out_ptr);
                for (key, item) in map {
                    if is_data(key, item) {
                        out.insert(key.clone(), item.clone());
                        continue;
                    }
                    if let Some(text) = self.text_ref(key, item, file, file_ptr, out_ptr) {
                        if let Some(text) = text {
                            out.insert(key.clone(), Value::String(text));
                        }
                        continue;
                    }
                    let token = pointer::escape(key);
                    let walked = self.walk(
                        item,
                        file,
                        &format!("{file_ptr}/{token}"),
                        &format!("{out_ptr}/{token}"),
                        stack,
                    )?;
                    out.insert(key.clone(), walked);
                }
                Ok(Value::Object(out))
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    self.walk(
                        item,
                        file,
                        &format!("{file_ptr}/{i}"),
                        &format!("{out_ptr}/{i}"),
                        stack,
                    )
                })
                .collect::<Result<Vec<_>>>()
                .map(Value::Array),
            other => Ok(other.clone()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn walk_ref(
        &mut self,
        map: &Map<String, Value>,
        reference: &str,
        file: &Path,
        file_ptr: &str,
        out_ptr: &str,
        stack: &mut Vec<(PathBuf, String)>,
    ) -> Result<Value> {
        if reference.starts_with('#') && self.canonical(file) == self.root {
            return Ok(Value::Object(map.clone()));
        }
        let (target_file, target_ptr) = split_ref(file, reference);
        let key = (self.canonical(&target_file), target_ptr.clone());
        // Built only on failure: `display_path` asks for the working directory.
        let at = || Location {
            file: pointer::display_path(file),
            pointer: format!("{file_ptr}/$ref"),
        };
        let with_ref = |internal: String| {
            let mut out = map.clone();
            out.insert("$ref".into(), Value::String(internal));
            Value::Object(out)
        };
        // The root's own component entry is where its target is inlined, not a ref to itself.
        let own_entry = self
            .named
            .get(&key)
            .is_some_and(|internal| internal[1..] == *out_ptr);
        if let Some(internal) = self.named.get(&key).filter(|_| !own_entry) {
            return Ok(with_ref(internal.clone()));
        }
        let fail = |reason: String| Error::Ref {
            at: at(),
            reference: reference.to_string(),
            reason,
        };
        // Clones only the target, not the whole document it is in.
        let target = match self.read(&target_file) {
            Ok(doc) => pointer::get(&doc, &target_ptr).cloned(),
            Err(Error::Io { source, .. }) => {
                return Err(fail(format!(
                    "cannot read {}: {source}",
                    pointer::display_path(&normalize(&target_file)).display()
                )))
            }
            Err(other) => return Err(other),
        };
        let target = target.ok_or_else(|| {
            fail(format!(
                "no value at `{target_ptr}` in {}",
                pointer::display_path(&target_file).display()
            ))
        })?;
        if let Some(hoist_at) = component_pointer(&target_ptr).filter(|_| !own_entry) {
            let internal = format!("#{}", self.hoist_name(&hoist_at, &key));
            self.named.insert(key.clone(), internal.clone());
            self.hoisted.entry(internal[1..].to_string()).or_insert((
                target_file.clone(),
                target_ptr.clone(),
                target,
            ));
            return Ok(with_ref(internal));
        }
        if stack.contains(&key) {
            if !crate::normalize::in_schema(out_ptr) {
                return Err(fail("this $ref is recursive; list its target under the root's `components` so it gets a name".into()));
            }
            return Ok(with_ref(self.name_recursive(key, target_file, target)));
        }
        stack.push(key.clone());
        self.sources.insert(
            out_ptr.to_string(),
            Location {
                file: pointer::display_path(&target_file),
                pointer: target_ptr.clone(),
            },
        );
        let walked = self.walk(&target, &target_file, &target_ptr, out_ptr, stack)?;
        stack.pop();
        // The target turned out to recurse and got a name on the way (the root's own entry
        // had one before): refer to it by that.
        if let Some(internal) = self.named.get(&key).filter(|_| !own_entry) {
            let internal = internal.clone();
            self.sources.insert(
                out_ptr.to_string(),
                Location {
                    file: pointer::display_path(file),
                    pointer: file_ptr.to_string(),
                },
            );
            return Ok(with_ref(internal));
        }
        Ok(merge_siblings(walked, map))
    }

    /// A schema that refers to itself, in a file the root does not list under `components`:
    /// it becomes a schema component named after its key (`definitions.yml#/apiAgent` is
    /// `apiAgent`; `<file>_apiAgent` when that is taken), and its internal ref.
    fn name_recursive(&mut self, key: (PathBuf, String), file: PathBuf, target: Value) -> String {
        let stem =
            (file.file_stem()).map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let last = key.1.rsplit('/').next().map(pointer::unescape);
        let name = last
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| stem.clone());
        let wanted = pointer::push("/components/schemas", &name);
        let taken = |candidate: &str| self.named.values().any(|v| v[1..] == *candidate);
        let at = if taken(&wanted) {
            let prefixed = pointer::push("/components/schemas", &format!("{stem}_{name}"));
            self.hoist_name(&prefixed, &key)
        } else {
            wanted
        };
        let ptr = key.1.clone();
        self.named.insert(key, format!("#{at}"));
        self.hoisted
            .entry(at.clone())
            .or_insert((file, ptr, target));
        format!("#{at}")
    }

    /// A `description` or `summary` given as a `$ref` to a file (Redocly keeps long Markdown
    /// apart this way) is that file's text. `None`: not such a ref; `Some(None)`: the file
    /// cannot be read, so the text is left out, with a warning.
    fn text_ref(
        &mut self,
        key: &str,
        item: &Value,
        file: &Path,
        file_ptr: &str,
        out_ptr: &str,
    ) -> Option<Option<String>> {
        if !matches!(key, "description" | "summary") || crate::normalize::is_name_map(out_ptr) {
            return None;
        }
        let reference = item.get("$ref").and_then(Value::as_str)?;
        if reference.starts_with('#') {
            return None;
        }
        let (path, _) = split_ref(file, reference);
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(Some(text)),
            Err(e) => {
                let warning = crate::warning::Warning {
                    at: Location {
                        file: pointer::display_path(file),
                        pointer: format!("{file_ptr}/{}/$ref", pointer::escape(key)),
                    },
                    message: format!(
                        "cannot read the {key} file `{reference}` ({e}); the {key} is left out"
                    ),
                };
                // A fragment walked twice (used twice, or a recursive schema walked again once
                // it has a name) says it once.
                if !self.warnings.contains(&warning) {
                    self.warnings.push(warning);
                }
                Some(None)
            }
        }
    }

    /// Picks the bundle pointer for a hoisted component, suffixing a number on a name clash.
    fn hoist_name(&self, wanted: &str, key: &(PathBuf, String)) -> String {
        let taken_by_other = |candidate: &str| {
            self.named
                .iter()
                .any(|(k, v)| v[1..] == *candidate && k != key)
        };
        let mut candidate = wanted.to_string();
        let mut n = 1;
        while taken_by_other(&candidate) {
            candidate = format!("{wanted}{n}");
            n += 1;
        }
        candidate
    }

    /// Walks hoisted components (which may hoist more) and places them in the bundle.
    fn add_hoisted(&mut self, out: &mut Value) -> Result<()> {
        let mut done = std::collections::BTreeSet::new();
        loop {
            let pending: Vec<_> = self
                .hoisted
                .iter()
                .filter(|(k, _)| !done.contains(*k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if pending.is_empty() {
                return Ok(());
            }
            for (at, (file, ptr, value)) in pending {
                done.insert(at.clone());
                if pointer::get(out, &at).is_some() {
                    continue;
                }
                self.sources.insert(
                    at.clone(),
                    Location {
                        file: pointer::display_path(&file),
                        pointer: ptr.clone(),
                    },
                );
                let mut stack = vec![(self.canonical(&file), ptr.clone())];
                let walked = self.walk(&value, &file, &ptr, &at, &mut stack)?;
                insert_at(out, &at, walked);
            }
        }
    }
}

/// `/components/<kind>/<name>` pointers are hoisted under the same pointer.
fn component_pointer(ptr: &str) -> Option<String> {
    let parts: Vec<&str> = ptr.split('/').collect();
    (parts.len() == 4 && parts[0].is_empty() && parts[1] == "components").then(|| ptr.to_string())
}

fn insert_at(doc: &mut Value, at: &str, value: Value) {
    let mut current = doc;
    let tokens: Vec<String> = at.split('/').skip(1).map(pointer::unescape).collect();
    for (i, token) in tokens.iter().enumerate() {
        let Value::Object(map) = current else { return };
        if i + 1 == tokens.len() {
            map.insert(token.clone(), value);
            return;
        }
        current = map
            .entry(token.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// Keywords written beside a `$ref` override the target's (OpenAPI 3.1 semantics).
pub fn merge_siblings(target: Value, with_ref: &Map<String, Value>) -> Value {
    match target {
        Value::Object(mut map) => {
            for (key, value) in with_ref {
                if key != "$ref" {
                    map.insert(key.clone(), value.clone());
                }
            }
            Value::Object(map)
        }
        other => other,
    }
}

/// Splits `other.json#/a/b` into the file (relative to `from`'s folder) and the pointer.
fn split_ref(from: &Path, reference: &str) -> (PathBuf, String) {
    let (file, ptr) = reference.split_once('#').unwrap_or((reference, ""));
    let path = if file.is_empty() {
        from.to_path_buf()
    } else {
        from.parent().unwrap_or(Path::new(".")).join(file)
    };
    (path, ptr.to_string())
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| normalize(path))
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Writes files into a fresh temp folder and returns it.
    fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ocg-load-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn registered_components_keep_their_names() {
        let dir = folder(
            "named",
            &[
                (
                    "openapi.json",
                    r##"{"paths": {"/a": {"$ref": "paths/a.json"}}, "components": {"schemas": {"Thing": {"$ref": "schemas/Thing.json"}}}}"##,
                ),
                (
                    "paths/a.json",
                    r##"{"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "../schemas/Thing.json", "description": "kept"}}}}}}}"##,
                ),
                (
                    "schemas/Thing.json",
                    r##"{"type": "object", "properties": {"id": {"type": "string"}}}"##,
                ),
            ],
        );
        let bundle = load(&dir).unwrap();
        let schema = &bundle.doc["paths"]["/a"]["get"]["responses"]["200"]["content"]
            ["application/json"]["schema"];
        assert_eq!(
            schema,
            &json!({"$ref": "#/components/schemas/Thing", "description": "kept"})
        );
        assert_eq!(
            bundle.doc["components"]["schemas"]["Thing"]["type"],
            "object"
        );
        let at = bundle.locate("/paths/~1a/get/responses");
        assert_eq!(at.pointer, "/get/responses");
        assert!(at.file.ends_with("paths/a.json"), "{}", at.file.display());
    }

    #[test]
    fn components_of_other_documents_are_hoisted() {
        let dir = folder(
            "hoist",
            &[
                (
                    "openapi.json",
                    r##"{"paths": {"/a": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "common.json#/components/schemas/Err"}}}}}}}}}"##,
                ),
                (
                    "common.json",
                    r##"{"components": {"schemas": {"Err": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Err"}}}}}}"##,
                ),
            ],
        );
        let bundle = load(&dir).unwrap();
        let err = &bundle.doc["components"]["schemas"]["Err"];
        assert_eq!(
            err["properties"]["next"],
            json!({"$ref": "#/components/schemas/Err"})
        );
    }

    #[test]
    fn unnamed_recursion_is_an_error_naming_the_ref() {
        let dir = folder(
            "cycle",
            &[
                ("openapi.json", r##"{"paths": {"/a": {"$ref": "a.json"}}}"##),
                ("a.json", r##"{"get": {"x": {"$ref": "b.json"}}}"##),
                ("b.json", r##"{"y": {"$ref": "a.json"}}"##),
            ],
        );
        let err = load(&dir).unwrap_err().to_string();
        assert!(err.contains("b.json#/y/$ref"), "{err}");
        assert!(err.contains("recursive"), "{err}");
    }

    #[test]
    fn a_recursive_schema_in_a_file_gets_a_name_and_warns_once() {
        let dir = folder(
            "recursive-schema",
            &[
                (
                    "openapi.json",
                    r##"{"paths": {"/a": {"get": {"responses": {"200": {"description": "d", "content": {"application/json": {"schema": {"$ref": "defs.json#/node"}}}}}}}}}"##,
                ),
                (
                    "defs.json",
                    r##"{"node": {"description": {"$ref": "missing.md"}, "properties": {"next": {"$ref": "#/node"}}}}"##,
                ),
            ],
        );
        let bundle = load(&dir).unwrap();
        let schema = &bundle.doc["paths"]["/a"]["get"]["responses"]["200"]["content"]
            ["application/json"]["schema"];
        assert_eq!(schema, &json!({"$ref": "#/components/schemas/node"}));
        let node = &bundle.doc["components"]["schemas"]["node"];
        assert_eq!(
            node["properties"]["next"],
            json!({"$ref": "#/components/schemas/node"})
        );
        assert_eq!(bundle.warnings.len(), 1, "{:?}", bundle.warnings);
        let at = bundle.locate("/components/schemas/node/properties");
        assert_eq!(at.pointer, "/node/properties");
    }

    #[test]
    fn yaml_status_keys_are_text() {
        let dir = folder("yaml", &[("openapi.yaml", "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n")]);
        let bundle = load(&dir).unwrap();
        assert_eq!(
            bundle.doc["paths"]["/a"]["get"]["responses"]["200"]["description"],
            "ok"
        );
    }

    #[test]
    fn a_missing_folder_root_is_an_io_error() {
        let dir = folder("empty", &[("other.txt", "")]);
        assert!(matches!(load(&dir), Err(Error::Io { .. })));
    }
}
