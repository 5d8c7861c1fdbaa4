//! Every `example`/`examples` value written in `spec/` reaches the generated example tests
//! (`generated/tests/spec_examples/`): a value the lowering never sees would go untested.

use openapi_client_gen::{load, lower, pointer, resolve};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn every_spec_example_is_tested() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = root.join("spec");
    let bundle = load::load(&spec).expect("spec/ loads");
    let resolved = resolve::resolve(bundle).expect("spec/ resolves");
    let api = lower::lower(&resolved, "sendgrid-sso").expect("spec/ lowers");
    let tested: BTreeSet<String> = api
        .examples
        .iter()
        .map(|e| format!("{}#{}", e.file, e.pointer))
        .collect();

    let mut written = Vec::new();
    for file in spec_files(&spec) {
        let text = std::fs::read_to_string(&file).unwrap();
        let doc = load::parse_text(&text, &file).unwrap();
        let rel = file
            .strip_prefix(&spec)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        find_examples(&doc, "", &mut |at| written.push(format!("{rel}#{at}")));
    }
    assert!(
        !written.is_empty(),
        "spec/ has no examples: this test looks in the wrong place"
    );
    let missed: Vec<&String> = written.iter().filter(|w| !tested.contains(*w)).collect();
    assert!(
        missed.is_empty(),
        "these spec examples get no generated test:\n  {}",
        missed
            .iter()
            .map(|m| m.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

fn spec_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(spec_files(&path));
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
        {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Calls `found` with the pointer of each example value: `example`, each item of a schema's
/// `examples` array, and each `value` of a media type's or parameter's `examples` map.
fn find_examples(value: &Value, at: &str, found: &mut dyn FnMut(String)) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                let here = pointer::push(at, key);
                match (key.as_str(), item) {
                    ("example", _) => found(here),
                    ("examples", Value::Array(items)) => {
                        (0..items.len()).for_each(|i| found(format!("{here}/{i}")))
                    }
                    ("examples", Value::Object(named)) => {
                        for (name, example) in named {
                            if example.get("value").is_some() {
                                found(format!("{}/value", pointer::push(&here, name)));
                            }
                        }
                    }
                    // Property names are not keywords, even `example`.
                    ("properties", Value::Object(properties)) => {
                        for (name, schema) in properties {
                            find_examples(schema, &pointer::push(&here, name), found);
                        }
                    }
                    _ => find_examples(item, &here, found),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                find_examples(item, &format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}
