//! Fixture snapshots: each `tests/fixtures/<construct>/` holds a small spec (`openapi.json` or
//! `openapi.yaml`) and, in `expected/`, the whole crate the generator makes of it. Fresh output
//! must equal `expected/` byte for byte; `snapshots_compile.rs` compiles every `expected/`.
//! The runtime copy under `expected/src/runtime/` is not committed (see `put_runtime`).
//!
//! To accept a legitimate change, run (then review `git diff generator/tests/fixtures`):
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test -p openapi-client-gen --test snapshots
//! ```

use openapi_client_gen::{generate, generate_with_warnings, write, Options};
use std::path::{Path, PathBuf};

const ACCEPT: &str = "UPDATE_SNAPSHOTS=1 cargo test -p openapi-client-gen --test snapshots";

const SPEC_NAMES: [&str; 3] = ["openapi.json", "openapi.yaml", "openapi.yml"];

/// Every fixture folder, sorted, with its spec file.
fn fixtures() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found = Vec::new();
    let entries = std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    for entry in entries.flatten() {
        let dir = entry.path();
        // `decoding/` is a hand-written crate of tests, not a fixture.
        if !dir.is_dir() || dir.join("Cargo.toml").is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let spec = SPEC_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file());
        let spec =
            spec.unwrap_or_else(|| panic!("fixture `{name}` has no spec (one of {SPEC_NAMES:?})"));
        found.push((name, spec));
    }
    found.sort();
    found
}

/// The runtime is the same verbatim copy in every crate and is tested on its own, so fixtures
/// do not commit theirs (it is gitignored, or every runtime change would repeat in each
/// snapshot): it is put in place before comparing, and compiling needs it too.
fn put_runtime(expected: &Path, files: &openapi_client_gen::Files) {
    for (rel, content) in files
        .iter()
        .filter(|(rel, _)| rel.starts_with("src/runtime"))
    {
        let path = expected.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn options(name: &str, spec: &Path) -> Options {
    let file = spec.file_name().map(|f| f.to_string_lossy().into_owned());
    let label = format!("tests/fixtures/{name}/{}", file.unwrap_or_default());
    let mut options = Options::new(
        &format!("fixture-{}", name.replace('_', "-")),
        &label,
        ACCEPT,
    );
    // A fixture's `openapi-client-gen.toml` gives its pagination and renames.
    if let Some(path) = openapi_client_gen::config::beside(spec) {
        options.config = openapi_client_gen::config::load(&path).unwrap_or_else(|e| panic!("{e}"));
    }
    options
}

#[test]
fn fixtures_match_expected_output() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| !v.is_empty() && v != "0");
    let fixtures = fixtures();
    assert!(fixtures.len() >= 20, "the fixture corpus went missing");
    let mut stale = Vec::new();
    for (name, spec) in &fixtures {
        let (files, warnings) = match generate_with_warnings(spec, &options(name, spec)) {
            Ok(generated) => (generated.files, generated.warnings),
            Err(e) => {
                stale.push(format!("== fixture `{name}` does not generate: {e}\n"));
                continue;
            }
        };
        // The warnings are part of the snapshot: `warnings.txt` beside the spec (none: no file).
        let warnings: String = warnings.iter().map(|w| format!("warning: {w}\n")).collect();
        let warnings_file = spec.with_file_name("warnings.txt");
        let expected_warnings = std::fs::read_to_string(&warnings_file).unwrap_or_default();
        if update {
            if warnings.is_empty() {
                let _ = std::fs::remove_file(&warnings_file);
            } else {
                std::fs::write(&warnings_file, &warnings)
                    .unwrap_or_else(|e| panic!("{}: {e}", warnings_file.display()));
            }
        } else if warnings != expected_warnings {
            stale.push(format!(
                "== fixture `{name}`: warnings differ from {}\n-- expected:\n{expected_warnings}-- now:\n{warnings}",
                warnings_file.display()
            ));
        }
        let expected = spec.with_file_name("expected");
        put_runtime(&expected, &files);
        if update {
            write::write(&expected, &files)
                .unwrap_or_else(|e| panic!("cannot update fixture `{name}`: {e}"));
        } else if let Some(diff) = write::check(&expected, &files) {
            stale.push(format!("== fixture `{name}`\n{diff}"));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n{} fixture snapshot(s) differ from what the generator makes now.\n\
         If the change is intended, accept it with:\n    {ACCEPT}\n\
         then review `git diff generator/tests/fixtures` and commit it.",
        stale.join("\n"),
        stale.len(),
    );
}

/// Output must not depend on the run: two generations give the same bytes.
#[test]
fn generation_is_deterministic() {
    for (name, spec) in fixtures() {
        let first = generate(&spec, &options(&name, &spec)).ok();
        let second = generate(&spec, &options(&name, &spec)).ok();
        assert_eq!(first, second, "fixture `{name}` generated twice differs");
    }
}

/// The public names (`pub fn/struct/enum/type X`) of a generated crate's models and requests.
fn public_api(files: &openapi_client_gen::Files) -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    for (path, text) in files {
        let path = path.to_string_lossy();
        if !(path.starts_with("src/models/") || path.starts_with("src/requests/")) {
            continue;
        }
        for line in text.lines() {
            let line = line.trim_start();
            for kind in ["pub fn ", "pub struct ", "pub enum ", "pub type "] {
                if let Some(rest) = line.strip_prefix(kind) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    names.insert(format!("{kind}{name}"));
                }
            }
        }
    }
    names
}

/// SendGrid publishes SSO as one 3.1 file; `spec/` is the same API as fragments. A maintainer
/// who drops the published file into `spec/` must get the same public API.
#[test]
fn published_single_file_gives_the_same_api_as_spec_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let options = Options::new("sendgrid-sso", "spec", "test");
    let folder = generate(&root.join("spec"), &options).unwrap();
    let published = generate(
        &root.join("generator/tests/fixtures/published_sso/openapi.json"),
        &options,
    )
    .unwrap();
    let (folder, published) = (public_api(&folder), public_api(&published));
    assert!(folder.len() > 40, "{folder:?}");
    assert_eq!(
        folder, published,
        "the published spec and spec/ give different public APIs"
    );
}
