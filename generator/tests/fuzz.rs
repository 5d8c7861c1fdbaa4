//! Fuzzing with proptest: arbitrary and mutated documents never panic the generator. It may
//! refuse them (an `Error`), but it must not panic, overflow its stack or hang.
//!
//! Three sources of input, each its own test:
//! - `random_documents`: OpenAPI-shaped documents built from the spec's vocabulary (schemas,
//!   operations, parameters, media types, `$ref`s to real and dangling places);
//! - `mutated_specs`: the real specs (`spec/` as a folder of fragments, the published
//!   single-file one, every fixture) with keys deleted, values swapped for other types, random
//!   `$ref`s, copied subtrees and stray keywords;
//! - `mutated_text`: the same files as text, cut and spliced, for the JSON and YAML readers.
//!
//! A short run is part of `cargo test` (deterministic, a few seconds). A longer one:
//!
//! ```sh
//! FUZZ_CASES=20000 FUZZ_SEED=7 cargo test --release -p openapi-client-gen --test fuzz -- --nocapture
//! ```
//!
//! `FUZZ_CASES` is the number of cases per test; `FUZZ_SEED` picks another random stream.

use openapi_client_gen::{generate, Error, Options};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Instant;

// ---------------------------------------------------------------------------------------------
// Running

fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        // Shrinking a slow case must not take forever.
        max_shrink_iters: 2000,
        ..Config::default()
    };
    let rng = match std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        Some(seed) => {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
        }
        None => TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    };
    TestRunner::new_with_rng(config, rng)
}

/// A scratch folder for one test of this process (runs side by side must not share one);
/// a passing test removes it.
fn scratch(name: &str) -> PathBuf {
    let dir = scratch_parent().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn scratch_parent() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-{}", std::process::id()))
}

/// How many cases generated a crate, and how many were refused, per error kind.
#[derive(Default)]
struct Tally {
    generated: u32,
    refused: std::collections::BTreeMap<&'static str, u32>,
}

impl Tally {
    fn add(&mut self, outcome: Result<(), &'static str>) {
        match outcome {
            Ok(()) => self.generated += 1,
            Err(kind) => *self.refused.entry(kind).or_default() += 1,
        }
    }
}

/// Writes `files` into a fresh `dir` and runs the generator on `dir/root`: it may fail, never
/// panic. Errors must say where.
fn run_generator(dir: &Path, files: &[(String, String)], root: &str) -> Result<(), &'static str> {
    let _ = std::fs::remove_dir_all(dir);
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, text).unwrap();
    }
    let options = Options::new("fuzzed", "spec", "fuzz");
    match generate(&dir.join(root), &options) {
        Ok(files) => {
            keep(files);
            Ok(())
        }
        Err(e) => {
            assert!(e.to_string().contains(':'), "an error without context: {e}");
            if std::env::var_os("FUZZ_VERBOSE").is_some() {
                eprintln!("{e}");
            }
            Err(match e {
                Error::Io { .. } => "io",
                Error::Invalid { .. } => "invalid",
                Error::Ref { .. } => "ref",
                Error::Unsupported { .. } => "unsupported",
                Error::Emit { .. } => "emit (generator bug)",
                #[allow(unreachable_patterns)]
                _ => "other",
            })
        }
    }
}

/// With `FUZZ_KEEP=<dir>`, the first 300 generated crates are written to `<dir>/case<N>`, to
/// be compiled by hand (`cargo check` in a workspace over them): generated means compiles.
fn keep(mut files: openapi_client_gen::Files) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static KEPT: AtomicUsize = AtomicUsize::new(0);
    let Some(root) = std::env::var_os("FUZZ_KEEP") else {
        return;
    };
    let n = KEPT.fetch_add(1, Ordering::Relaxed);
    if n >= 300 {
        return;
    }
    if let Some(toml) = files.get_mut(Path::new("Cargo.toml")) {
        *toml = toml.replace("name = \"fuzzed\"", &format!("name = \"fuzzed-{n}\""));
    }
    let out = Path::new(&root).join(format!("case{n}"));
    openapi_client_gen::write::write(&out, &files).unwrap();
}

fn report(test: &str, cases: u32, start: Instant, tally: &Tally) {
    let _ = std::fs::remove_dir_all(scratch_parent().join(test));
    // Succeeds once the last test of this process is done.
    let _ = std::fs::remove_dir(scratch_parent());
    eprintln!(
        "{test}: {cases} cases in {:.1}s, no panic; {} generated a crate, refused: {:?}",
        start.elapsed().as_secs_f64(),
        tally.generated,
        tally.refused,
    );
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const SCHEMA_NAMES: &[&str] = &["A", "B", "Node", "type", "2fa", "Self", "a-b", "A1"];
const PROP_NAMES: &[&str] = &[
    "id",
    "type",
    "self",
    "ref",
    "Name",
    "name",
    "2fa_required",
    "additional_properties",
    "a.b",
    "",
];
const TYPES: &[&str] = &[
    "object", "string", "integer", "number", "boolean", "array", "null", "file", "",
];
const FORMATS: &[&str] = &[
    "int32", "int64", "float", "double", "binary", "email", "uuid",
];
const MEDIA: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "application/vnd.api+json",
    "text/csv",
    "text/plain",
    "application/octet-stream",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "*/*",
    "image/*",
    "",
];
/// Refs that land on schemas of a generated document.
const SCHEMA_REFS: &[&str] = &[
    "#/components/schemas/A",
    "#/components/schemas/B",
    "#/components/schemas/Node",
];
/// Refs that land on the other components of a generated document.
const COMPONENT_REFS: &[&str] = &[
    "#/components/parameters/P",
    "#/components/responses/R",
    "#/components/requestBodies/Q",
    "#/components/headers/H",
];
/// Refs that dangle, point at odd places or leave the file.
const BAD_REFS: &[&str] = &[
    "#/components/schemas/A/properties/id",
    "#/components/schemas/Missing",
    "#/paths",
    "#",
    "#/",
    "",
    "#/components/schemas/a~1b",
    "#/components/schemas/%41",
    "other.json#/x",
    "https://example.com/x.json",
    "components/schemas/SsoIntegration.json",
    "../x.json",
];

fn reference() -> impl Strategy<Value = String> {
    prop_oneof![6 => pick(SCHEMA_REFS), 6 => pick(COMPONENT_REFS), 1 => pick(BAD_REFS)]
}

/// Mostly refs to schemas: a schema that refers to a parameter is refused early.
fn schema_ref() -> impl Strategy<Value = String> {
    prop_oneof![20 => pick(SCHEMA_REFS), 1 => pick(COMPONENT_REFS), 1 => pick(BAD_REFS)]
}
const PATHS: &[&str] = &[
    "/a",
    "/a/{id}",
    "/a/{id}/{id}",
    "/{x}",
    "/a/{",
    "/a/}{",
    "",
    "a",
    "/a/{id}.json",
];
const METHODS: &[&str] = &[
    "get",
    "put",
    "post",
    "delete",
    "patch",
    "options",
    "head",
    "trace",
    "parameters",
    "x-ext",
];
const CODES: &[&str] = &[
    "200", "201", "204", "2XX", "400", "404", "4XX", "500", "default", "999", "0", "abc", "1XX",
];
const LOCATIONS: &[&str] = &["query", "path", "header", "cookie", "body", "formData"];
const KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "items",
    "$ref",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "enum",
    "const",
    "required",
    "nullable",
    "additionalProperties",
    "discriminator",
    "format",
    "description",
    "title",
    "example",
    "examples",
    "content",
    "schema",
    "parameters",
    "responses",
    "requestBody",
    "headers",
    "in",
    "name",
    "openapi",
    "paths",
    "components",
    "servers",
    "url",
    "operationId",
    "tags",
    "x-ext",
];

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(items).prop_map(str::to_string)
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..1000).prop_map(Value::from),
        prop_oneof![Just(1e300), Just(-0.5), Just(f64::MAX), Just(2.5)].prop_map(|f| json!(f)),
        Just(json!(u64::MAX)),
        pick(TYPES).prop_map(Value::String),
        reference().prop_map(Value::String),
        pick(KEYWORDS).prop_map(Value::String),
        "[a-zA-Z0-9_{}/#~.\\- ]{0,12}".prop_map(Value::String),
    ]
}

/// Any JSON, with keys from the OpenAPI vocabulary.
fn any_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop_oneof![pick(KEYWORDS), pick(PROP_NAMES)], inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn object(pairs: Vec<(String, Value)>) -> Value {
    Value::Object(pairs.into_iter().collect::<Map<_, _>>())
}

/// Schema-shaped JSON: every keyword with a plausible (or slightly wrong) value.
fn schema() -> impl Strategy<Value = Value> {
    let base = prop_oneof![
        4 => pick(TYPES).prop_map(|t| json!({ "type": t })),
        4 => schema_ref().prop_map(|r| json!({ "$ref": r })),
        2 => (pick(TYPES), pick(FORMATS)).prop_map(|(t, f)| json!({ "type": t, "format": f })),
        2 => prop::collection::vec(leaf(), 0..4).prop_map(|e| json!({ "enum": e })),
        1 => Just(json!({})),
        1 => Just(json!(true)),
        1 => leaf(),
    ];
    base.prop_recursive(5, 64, 6, |inner| {
        let keyword = prop_oneof![
            pick(TYPES).prop_map(|t| ("type".to_string(), json!(t))),
            prop::collection::vec(pick(TYPES), 0..3).prop_map(|t| ("type".to_string(), json!(t))),
            prop::collection::vec((pick(PROP_NAMES), inner.clone()), 0..4)
                .prop_map(|p| ("properties".to_string(), object(p))),
            inner.clone().prop_map(|s| ("items".to_string(), s)),
            prop::collection::vec(inner.clone(), 0..3)
                .prop_map(|s| ("allOf".to_string(), json!(s))),
            prop::collection::vec(inner.clone(), 0..3)
                .prop_map(|s| ("oneOf".to_string(), json!(s))),
            prop::collection::vec(inner.clone(), 0..3)
                .prop_map(|s| ("anyOf".to_string(), json!(s))),
            inner.clone().prop_map(|s| ("not".to_string(), s)),
            prop_oneof![inner.clone(), any::<bool>().prop_map(Value::Bool)]
                .prop_map(|s| ("additionalProperties".to_string(), s)),
            prop::collection::vec(pick(PROP_NAMES), 0..3)
                .prop_map(|r| ("required".to_string(), json!(r))),
            any::<bool>().prop_map(|b| ("nullable".to_string(), json!(b))),
            schema_ref().prop_map(|r| ("$ref".to_string(), json!(r))),
            (
                pick(PROP_NAMES),
                prop::collection::vec((leaf(), schema_ref()), 0..3)
            )
                .prop_map(|(name, mapping)| {
                    let mapping: Map<String, Value> = mapping
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), json!(v)))
                        .collect();
                    (
                        "discriminator".to_string(),
                        json!({ "propertyName": name, "mapping": mapping }),
                    )
                }),
            prop::collection::vec(leaf(), 0..4).prop_map(|e| ("enum".to_string(), json!(e))),
            leaf().prop_map(|v| ("const".to_string(), v)),
            prop::collection::vec(leaf(), 0..3).prop_map(|e| ("examples".to_string(), json!(e))),
            leaf().prop_map(|v| ("description".to_string(), v)),
            leaf().prop_map(|v| ("exclusiveMinimum".to_string(), v)),
        ];
        prop::collection::vec(keyword, 0..5).prop_map(object)
    })
}

fn media() -> impl Strategy<Value = Value> {
    prop::collection::vec((pick(MEDIA), prop::option::of(schema())), 0..3).prop_map(|m| {
        object(
            m.into_iter()
                .map(|(ct, s)| (ct, s.map_or_else(|| json!({}), |s| json!({ "schema": s }))))
                .collect(),
        )
    })
}

fn parameter() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => own_parameter(),
        1 => Just(json!({ "$ref": "#/components/parameters/P" })),
        1 => any_json(),
    ]
}

/// A parameter written out (the component `P` is one, so a ref to it is not a loop).
fn own_parameter() -> impl Strategy<Value = Value> {
    prop_oneof![
        (
            prop_oneof![pick(PROP_NAMES), Just("id".to_string())],
            pick(LOCATIONS),
            any::<bool>(),
            schema()
        )
            .prop_map(|(name, location, required, schema)| json!({
                "name": name, "in": location, "required": required, "schema": schema
            })),
        (pick(PROP_NAMES), media())
            .prop_map(|(name, content)| json!({ "name": name, "in": "query", "content": content })),
    ]
}

fn response() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => own_response(),
        1 => Just(json!({ "$ref": "#/components/responses/R" })),
        1 => any_json(),
    ]
}

/// A response written out (the component `R` is one).
fn own_response() -> impl Strategy<Value = Value> {
    prop_oneof![
        (
            media(),
            prop::collection::vec((pick(PROP_NAMES), schema()), 0..2)
        )
            .prop_map(|(content, headers)| {
                let headers: Map<String, Value> = headers
                    .into_iter()
                    .map(|(k, s)| (k, json!({ "schema": s })))
                    .collect();
                json!({ "description": "d", "content": content, "headers": headers })
            }),
        Just(json!({ "description": "none" })),
    ]
}

fn operation() -> impl Strategy<Value = Value> {
    (
        prop::option::of(prop_oneof![pick(PROP_NAMES), pick(KEYWORDS)]),
        prop::collection::vec(parameter(), 0..3),
        prop::option::of((media(), any::<bool>())),
        prop::collection::vec((pick(CODES), response()), 0..4),
        prop::collection::vec(pick(PROP_NAMES), 0..2),
    )
        .prop_map(|(id, params, body, responses, tags)| {
            let mut op = Map::new();
            if let Some(id) = id {
                op.insert("operationId".into(), json!(id));
            }
            op.insert("parameters".into(), json!(params));
            if let Some((content, required)) = body {
                op.insert(
                    "requestBody".into(),
                    json!({ "content": content, "required": required }),
                );
            }
            op.insert("responses".into(), object(responses));
            op.insert("tags".into(), json!(tags));
            Value::Object(op)
        })
}

fn document() -> impl Strategy<Value = Value> {
    let path_item = prop::collection::vec((pick(METHODS), operation()), 0..3).prop_map(object);
    (
        prop_oneof![
            4 => Just(json!("3.0.3")),
            4 => Just(json!("3.1.0")),
            1 => Just(json!("3.0")),
            1 => Just(json!("4.0.0")),
            1 => leaf()
        ],
        prop::collection::vec((pick(PATHS), path_item), 0..3),
        // The refs of the vocabulary mostly land: A, B and Node always exist.
        (schema(), schema(), schema()),
        prop::collection::vec((pick(SCHEMA_NAMES), schema()), 0..3),
        (own_parameter(), own_response(), media(), schema()),
        prop::option::of(any_json()),
    )
        .prop_map(
            |(version, paths, (a, b, node), more, (p, r, q, h), extra)| {
                let mut schemas = json!({ "A": a, "B": b, "Node": node });
                if let Some(map) = schemas.as_object_mut() {
                    map.extend(more);
                }
                let mut doc = json!({
                    "openapi": version,
                    "info": { "title": "t", "version": "1" },
                    "paths": object(paths),
                    "components": {
                        "schemas": schemas,
                        "parameters": { "P": p },
                        "responses": { "R": r },
                        "requestBodies": { "Q": { "content": q } },
                        "headers": { "H": { "schema": h } },
                    },
                });
                if let (Some(extra), Some(map)) = (extra, doc.as_object_mut()) {
                    map.insert("x-extra".into(), extra);
                }
                doc
            },
        )
}

// ---------------------------------------------------------------------------------------------
// Mutations

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every node of `value`, in pre-order, as a path of steps.
fn nodes(value: &Value) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    let mut stack = vec![(value, Vec::new())];
    while let Some((v, path)) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let mut p = path.clone();
                    p.push(Step::Key(k.clone()));
                    stack.push((child, p));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Step::Index(i));
                    stack.push((child, p));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match (v, step) {
        (Value::Object(map), Step::Key(k)) => map.get_mut(k),
        (Value::Array(items), Step::Index(i)) => items.get_mut(*i),
        _ => None,
    })
}

fn pointer_of(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Removes the node (its key or array slot).
    Delete(u32),
    /// Replaces the node with another value (often of another type).
    Replace(u32, Value),
    /// Replaces the node with a `$ref` to another node of the document (or to a vocabulary ref).
    RefTo(u32, u32, Option<String>),
    /// Copies one subtree over another.
    Copy(u32, u32),
    /// Adds a keyword to an object node.
    AddKey(u32, String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<u32>().prop_map(Mutation::Delete),
        3 => (any::<u32>(), prop_oneof![leaf(), any_json(), schema()])
            .prop_map(|(a, v)| Mutation::Replace(a, v)),
        2 => (any::<u32>(), any::<u32>(), prop::option::of(reference()))
            .prop_map(|(a, b, r)| Mutation::RefTo(a, b, r)),
        1 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Mutation::Copy(a, b)),
        2 => (any::<u32>(), pick(KEYWORDS), prop_oneof![leaf(), schema()])
            .prop_map(|(a, k, v)| Mutation::AddKey(a, k, v)),
    ]
}

fn choose(all: &[Vec<Step>], selector: u32) -> Vec<Step> {
    match all.len() {
        0 => Vec::new(),
        n => all[selector as usize % n].clone(),
    }
}

fn apply(doc: &mut Value, mutation: &Mutation) {
    let all = nodes(doc);
    match mutation {
        Mutation::Delete(a) => {
            let mut path = choose(&all, *a);
            let Some(last) = path.pop() else { return };
            match (node_mut(doc, &path), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    map.remove(&k);
                }
                (Some(Value::Array(items)), Step::Index(i)) if i < items.len() => {
                    items.remove(i);
                }
                _ => {}
            }
        }
        Mutation::Replace(a, value) => {
            if let Some(node) = node_mut(doc, &choose(&all, *a)) {
                *node = value.clone();
            }
        }
        Mutation::RefTo(a, b, fixed) => {
            let target = match fixed {
                Some(r) => r.clone(),
                None => format!("#{}", pointer_of(&choose(&all, *b))),
            };
            if let Some(node) = node_mut(doc, &choose(&all, *a)) {
                *node = json!({ "$ref": target });
            }
        }
        Mutation::Copy(a, b) => {
            let source = node_mut(doc, &choose(&all, *a)).map(|v| v.clone());
            if let (Some(source), Some(node)) = (source, node_mut(doc, &choose(&all, *b))) {
                *node = source;
            }
        }
        Mutation::AddKey(a, key, value) => {
            if let Some(Value::Object(map)) = node_mut(doc, &choose(&all, *a)) {
                map.insert(key.clone(), value.clone());
            }
        }
    }
}

/// A spec to mutate: its files (relative path, parsed JSON) and the root to generate from.
struct Source {
    files: Vec<(String, Value)>,
    root: String,
}

fn read_tree(dir: &Path, base: &Path, out: &mut Vec<(String, Value)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_tree(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((rel, serde_json::from_str(&text).unwrap()));
        }
    }
}

/// `spec/` (fragments joined by relative `$ref`s), the published single file, every fixture.
fn sources() -> Vec<Source> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest.join("..");
    let mut sources = Vec::new();
    let mut spec_files = Vec::new();
    read_tree(
        &workspace.join("spec"),
        &workspace.join("spec"),
        &mut spec_files,
    );
    if !spec_files.is_empty() {
        sources.push(Source {
            files: spec_files,
            root: "openapi.json".into(),
        });
    }
    let published = manifest.join("tests/fixtures/published_sso/openapi.json");
    let text = std::fs::read_to_string(&published)
        .unwrap_or_else(|e| panic!("the published-style seed {}: {e}", published.display()));
    sources.push(Source {
        files: vec![("openapi.json".into(), serde_json::from_str(&text).unwrap())],
        root: "openapi.json".into(),
    });
    let fixtures = manifest.join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        for name in ["openapi.json", "openapi.yaml"] {
            let path = dir.join(name);
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let doc = openapi_client_gen::load::parse_text(&text, &path).unwrap();
            sources.push(Source {
                files: vec![("openapi.json".into(), doc)],
                root: "openapi.json".into(),
            });
        }
    }
    sources
}

// ---------------------------------------------------------------------------------------------
// The tests

#[test]
fn random_documents() {
    let dir = scratch("random_documents");
    let cases = cases(150);
    let start = Instant::now();
    let tally = RefCell::new(Tally::default());
    let result = runner(cases).run(&document(), |doc| {
        let text = serde_json::to_string(&doc).unwrap();
        let outcome = run_generator(&dir, &[("openapi.json".into(), text)], "openapi.json");
        tally.borrow_mut().add(outcome);
        Ok(())
    });
    if let Err(e) = result {
        panic!("the generator panicked on a random document: {e}");
    }
    report("random_documents", cases, start, &tally.borrow());
}

#[test]
fn mutated_specs() {
    let dir = scratch("mutated_specs");
    let sources = sources();
    assert!(sources.len() > 10, "the specs to mutate went missing");
    let cases = cases(80);
    let start = Instant::now();
    let tally = RefCell::new(Tally::default());
    let strategy = (
        any::<u32>(),
        any::<u32>(),
        prop::collection::vec(mutation(), 1..6),
    );
    let result = runner(cases).run(&strategy, |(which, file, mutations)| {
        let source = &sources[which as usize % sources.len()];
        let mut files = source.files.clone();
        let target = file as usize % files.len();
        for m in &mutations {
            apply(&mut files[target].1, m);
        }
        let texts: Vec<(String, String)> = files
            .iter()
            .map(|(rel, doc)| (rel.clone(), serde_json::to_string_pretty(doc).unwrap()))
            .collect();
        tally
            .borrow_mut()
            .add(run_generator(&dir, &texts, &source.root));
        Ok(())
    });
    if let Err(e) = result {
        panic!("the generator panicked on a mutated spec: {e}");
    }
    report("mutated_specs", cases, start, &tally.borrow());
}

#[test]
fn mutated_text() {
    let dir = scratch("mutated_text");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<(String, String)> = Vec::new();
    for name in [
        "tests/fixtures/yaml_input/openapi.yaml",
        "tests/fixtures/one_of/openapi.json",
        "tests/fixtures/component_refs/openapi.json",
    ] {
        let path = manifest.join(name);
        let file = if name.ends_with(".yaml") {
            "openapi.yaml"
        } else {
            "openapi.json"
        };
        texts.push((file.to_string(), std::fs::read_to_string(path).unwrap()));
    }
    let cases = cases(150);
    let start = Instant::now();
    let tally = RefCell::new(Tally::default());
    let splice = prop::collection::vec(
        (
            any::<u32>(),
            0usize..8,
            "[{}\\[\\]\":,#&*!|>\\- \n\t0-9a-z$~/\\\\]{0,6}",
        ),
        1..4,
    );
    let result = runner(cases).run(&(any::<u32>(), splice), |(which, edits)| {
        let (file, text) = &texts[which as usize % texts.len()];
        let mut bytes = text.clone().into_bytes();
        for (at, cut, insert) in &edits {
            let at = *at as usize % (bytes.len() + 1);
            let end = (at + cut).min(bytes.len());
            bytes.splice(at..end, insert.bytes());
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let outcome = run_generator(&dir, &[(file.clone(), text)], file);
        tally.borrow_mut().add(outcome);
        Ok(())
    });
    if let Err(e) = result {
        panic!("the generator panicked on mutated text: {e}");
    }
    report("mutated_text", cases, start, &tally.borrow());
}
