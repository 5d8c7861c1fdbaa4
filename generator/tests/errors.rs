//! Bad input fails cleanly: an error that names the file and the JSON pointer, and exit code 2
//! from the binary. Never a panic.

use openapi_client_gen::{generate, Options};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder under cargo's per-test scratch dir, holding `files`.
fn spec_dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("errors")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (file, text) in files {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The error message of generating from `dir/file`, which must fail.
fn error_of(dir: &Path, file: &str) -> String {
    let options = Options::new("bad", "spec", "test");
    match generate(&dir.join(file), &options) {
        Ok(_) => panic!("{file} in {} should not generate", dir.display()),
        Err(e) => e.to_string(),
    }
}

fn assert_names(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(
            message.contains(part),
            "the error should contain `{part}`:\n{message}"
        );
    }
}

/// A minimal 3.0 document with these paths and components.
fn doc(paths: &str, components: &str) -> String {
    format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {paths}, "components": {components}}}"#
    )
}

#[test]
fn dangling_internal_ref() {
    let spec = doc(
        r##"{"/a": {"get": {"responses": {"200": {"description": "d", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}}}"##,
        "{}",
    );
    let dir = spec_dir("dangling_internal_ref", &[("openapi.json", &spec)]);
    assert_names(
        &error_of(&dir, "openapi.json"),
        &[
            "openapi.json#/paths/~1a/get/responses/200/content/application~1json/schema/$ref",
            "#/components/schemas/Missing",
            "nothing at this pointer",
        ],
    );
}

#[test]
fn dangling_file_ref() {
    let spec = doc(r#"{"/a": {"$ref": "paths/missing.json"}}"#, "{}");
    let dir = spec_dir("dangling_file_ref", &[("openapi.json", &spec)]);
    assert_names(
        &error_of(&dir, "openapi.json"),
        &["openapi.json#/paths/~1a/$ref", "paths/missing.json"],
    );
}

#[test]
fn ref_into_a_missing_pointer_of_another_file() {
    let spec = doc(r#"{"/a": {"$ref": "paths.json#/nope"}}"#, "{}");
    let dir = spec_dir(
        "ref_missing_pointer",
        &[("openapi.json", &spec), ("paths.json", "{}")],
    );
    assert_names(
        &error_of(&dir, "openapi.json"),
        &["openapi.json#/paths/~1a/$ref", "/nope", "paths.json"],
    );
}

#[test]
fn invalid_json_and_yaml() {
    let dir = spec_dir(
        "invalid_text",
        &[
            ("openapi.json", "{\"openapi\": \"3.0.3\",,}"),
            ("openapi.yaml", "openapi: [unclosed\n"),
        ],
    );
    assert_names(
        &error_of(&dir, "openapi.json"),
        &["openapi.json#", "invalid JSON"],
    );
    assert_names(
        &error_of(&dir, "openapi.yaml"),
        &["openapi.yaml#", "invalid YAML"],
    );
}

#[test]
fn missing_file_and_folder_without_root() {
    let dir = spec_dir("missing", &[("other.json", "{}")]);
    assert_names(&error_of(&dir, "nope.json"), &["nope.json"]);
    assert_names(
        &error_of(&dir, ""),
        &["missing", "no root document in this folder"],
    );
}

#[test]
fn other_versions_are_refused() {
    let dir = spec_dir(
        "versions",
        &[
            (
                "swagger.json",
                r#"{"swagger": "1.2", "info": {}, "paths": {}}"#,
            ),
            (
                "v4.json",
                r#"{"openapi": "4.0.0", "info": {}, "paths": {}}"#,
            ),
            ("v2.yaml", "openapi: 2.0.0\ninfo: {}\npaths: {}\n"),
            ("none.json", r#"{"info": {}, "paths": {}}"#),
            (
                "number.json",
                r#"{"openapi": 3.1, "info": {}, "paths": {}}"#,
            ),
        ],
    );
    assert_names(
        &error_of(&dir, "swagger.json"),
        &[
            "swagger.json#/swagger",
            "Swagger version \"1.2\"",
            "2.0 is supported",
        ],
    );
    assert_names(
        &error_of(&dir, "v4.json"),
        &["v4.json#/openapi", "4.0.0", "3.0.x, 3.1.x and 3.2.x"],
    );
    assert_names(&error_of(&dir, "v2.yaml"), &["v2.yaml#/openapi", "2.0.0"]);
    assert_names(&error_of(&dir, "none.json"), &["none.json#", "openapi"]);
    assert_names(&error_of(&dir, "number.json"), &["number.json#", "openapi"]);
}

#[test]
fn not_an_openapi_document() {
    let dir = spec_dir(
        "not_openapi",
        &[
            (
                "paths.json",
                r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": []}"#,
            ),
            ("info.json", r#"{"openapi": "3.1.0", "paths": {}}"#),
            ("array.json", "[1, 2]"),
        ],
    );
    assert_names(
        &error_of(&dir, "paths.json"),
        &["paths.json#/paths", "not a valid OpenAPI document"],
    );
    assert_names(
        &error_of(&dir, "info.json"),
        &["info.json#", "not a valid OpenAPI document"],
    );
    assert_names(&error_of(&dir, "array.json"), &["array.json#", "openapi"]);
}

#[test]
fn path_templates_must_match_parameters() {
    let undeclared = doc(
        r#"{"/a/{id}": {"get": {"responses": {"204": {"description": "d"}}}}}"#,
        "{}",
    );
    let unclosed = doc(
        r#"{"/a/{id": {"get": {"responses": {"204": {"description": "d"}}}}}"#,
        "{}",
    );
    let dir = spec_dir(
        "templates",
        &[
            ("undeclared.json", &undeclared),
            ("unclosed.json", &unclosed),
        ],
    );
    // An undeclared template name is generated as a required string, with a warning.
    let options = Options::new("ok", "spec", "test");
    let generated =
        openapi_client_gen::generate_with_warnings(&dir.join("undeclared.json"), &options)
            .expect("an undeclared path parameter is a warning, not an error");
    let warnings: Vec<String> = generated.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_names(
        &warnings[0],
        &[
            "undeclared.json#/paths/~1a~1{id}/get",
            "`{id}`",
            "assuming a required string",
        ],
    );
    assert_names(
        &error_of(&dir, "unclosed.json"),
        &["unclosed.json#/paths/~1a~1{id", "unclosed"],
    );
}

#[test]
fn recursive_refs_outside_schemas() {
    let spec = doc(
        r##"{"/a": {"get": {"parameters": [{"$ref": "#/components/parameters/P"}], "responses": {"204": {"description": "d"}}}}}"##,
        r##"{"parameters": {"P": {"$ref": "#/components/parameters/Q"}, "Q": {"$ref": "#/components/parameters/P"}}}"##,
    );
    let dir = spec_dir("recursive_refs", &[("openapi.json", &spec)]);
    assert_names(
        &error_of(&dir, "openapi.json"),
        &["openapi.json#/", "recursive reference"],
    );
}

#[test]
fn schemas_that_contain_themselves_without_a_property() {
    let aliases = doc(
        "{}",
        r##"{"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}}"##,
    );
    let unions = doc(
        "{}",
        r##"{"schemas": {"A": {"oneOf": [{"$ref": "#/components/schemas/B"}, {"type": "string"}]}, "B": {"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "integer"}]}}}"##,
    );
    let dir = spec_dir(
        "cycles",
        &[("aliases.json", &aliases), ("unions.json", &unions)],
    );
    assert_names(
        &error_of(&dir, "aliases.json"),
        &["aliases.json#/components/schemas/A", "A -> B"],
    );
    assert_names(
        &error_of(&dir, "unions.json"),
        &["unions.json#/components/schemas/A", "A -> B"],
    );
}

#[test]
fn refs_that_are_not_files_or_fragments() {
    let spec = doc(
        r#"{"/a": {"$ref": "https://example.com/paths.json#/a"}}"#,
        "{}",
    );
    let dir = spec_dir("url_ref", &[("openapi.json", &spec)]);
    assert_names(
        &error_of(&dir, "openapi.json"),
        &[
            "openapi.json#/paths/~1a/$ref",
            "https://example.com/paths.json",
        ],
    );
}

/// The binary prints `error: <file>#<pointer>: ...` and exits 2.
#[test]
fn binary_exits_2_with_the_location() {
    let spec = doc(
        r##"{"/a": {"get": {"parameters": [{"$ref": "#/components/parameters/Missing"}], "responses": {"204": {"description": "d"}}}}}"##,
        "{}",
    );
    let dir = spec_dir("binary", &[("openapi.json", &spec), ("bad.json", "{")]);
    for (file, expected) in [
        ("openapi.json", "openapi.json#/paths/~1a/get/parameters/0"),
        ("bad.json", "bad.json#"),
        ("missing.json", "missing.json"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"))
            .args(["generate", "--spec"])
            .arg(dir.join(file))
            .arg("--out")
            .arg(dir.join("out"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{file}: {stderr}");
        assert!(stderr.starts_with("error: "), "{file}: {stderr}");
        assert!(stderr.contains(expected), "{file}: {stderr}");
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    }
    assert!(!dir.join("out").exists(), "a failed run wrote output");
}

/// A crate name that cannot name a package or its library is an error naming the rule, from
/// the library and from the binary (exit 2, nothing written); it used to panic on `.`.
#[test]
fn crate_names_that_cannot_name_a_crate() {
    let spec = doc(
        r#"{"/a": {"get": {"responses": {"204": {"description": "d"}}}}}"#,
        "{}",
    );
    let dir = spec_dir("crate_name", &[("openapi.json", &spec)]);
    for (name, rule) in [
        ("api.v2", "only ASCII letters"),
        ("", "empty"),
        ("2fa-client", "start with an ASCII letter"),
        ("fn", "keyword"),
        ("ünïcode", "start with an ASCII letter"),
    ] {
        let options = Options::new(name, "spec", "test");
        let message = match generate(&dir.join("openapi.json"), &options) {
            Ok(_) => panic!("`{name}` should be refused"),
            Err(e) => e.to_string(),
        };
        assert_names(&message, &[&format!("`{name}`"), rule]);
        let output = Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"))
            .args(["generate", "--name", name, "--spec"])
            .arg(dir.join("openapi.json"))
            .arg("--out")
            .arg(dir.join("out"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(rule), "{name}: {stderr}");
    }
    assert!(!dir.join("out").exists(), "a refused run wrote output");
    for name in ["api-v2", "my_client", "Petstore2"] {
        let options = Options::new(name, "spec", "test");
        assert!(
            generate(&dir.join("openapi.json"), &options).is_ok(),
            "{name}"
        );
    }
}

/// Warnings print like rustc's (`warning: <file>#<pointer>: ...`) with a count, and the crate
/// is written; `--deny-warnings` makes them errors: exit 2, nothing written.
#[test]
fn binary_prints_warnings_and_denies_them_on_request() {
    let spec = doc(
        r#"{"/a/{id}": {"get": {"responses": {"204": {"description": "d"}}}}}"#,
        "{}",
    );
    let dir = spec_dir("warnings", &[("openapi.json", &spec)]);
    let run = |out: &str, deny: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"));
        command
            .args(["generate", "--spec"])
            .arg(dir.join("openapi.json"))
            .arg("--out")
            .arg(dir.join(out));
        if deny {
            command.arg("--deny-warnings");
        }
        let output = command.output().unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, stderr) = run("warned", false);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.starts_with("warning: ") && stderr.contains("openapi.json#/paths/~1a~1{id}/get: "),
        "{stderr}"
    );
    assert!(stderr.contains("warning: 1 warning generated"), "{stderr}");
    assert!(dir.join("warned/src/lib.rs").is_file());

    let (code, stderr) = run("denied", true);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("--deny-warnings"),
        "{stderr}"
    );
    assert!(!dir.join("denied").exists(), "a denied run wrote output");
}

/// Nesting as deep as one JSON file allows (serde_json stops at 128) generates, on a test
/// thread's small stack; refs that stack files' nesting deeper are refused, not a stack overflow.
#[test]
fn deep_nesting_is_bounded() {
    let nested = |levels: usize, bottom: &str| {
        let mut schema = bottom.to_string();
        for _ in 0..levels {
            schema = format!(r#"{{"type": "object", "properties": {{"a": {schema}}}}}"#);
        }
        schema
    };
    let deep = doc(
        "{}",
        &format!(
            r#"{{"schemas": {{"Deep": {}}}}}"#,
            nested(60, r#"{"type": "string"}"#)
        ),
    );
    let responses: Vec<String> = (0..40)
        .map(|i| {
            let bottom = if i + 1 < 40 {
                format!(
                    r##"{{"$ref": "#/components/responses/R{}/content/application~1json/schema"}}"##,
                    i + 1
                )
            } else {
                r#"{"type": "string"}"#.to_string()
            };
            format!(
                r#""R{i}": {{"description": "d", "content": {{"application/json": {{"schema": {}}}}}}}"#,
                nested(50, &bottom)
            )
        })
        .collect();
    let chained = doc(
        r##"{"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/R0"}}}}}"##,
        &format!(r#"{{"responses": {{{}}}}}"#, responses.join(", ")),
    );
    let dir = spec_dir("deep", &[("deep.json", &deep), ("chained.json", &chained)]);
    let options = Options::new("deep", "spec", "test");
    if let Err(e) = generate(&dir.join("deep.json"), &options) {
        panic!("a deep but legal schema should generate: {e}");
    }
    assert_names(
        &error_of(&dir, "chained.json"),
        &[
            "chained.json#/components/responses/R",
            "nesting deeper than 128",
        ],
    );
}

#[test]
fn swagger_2_errors_point_into_the_2_0_document() {
    let dir = spec_dir(
        "swagger2",
        &[(
            "sw.json",
            r##"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"post": {
                "parameters": [{"in": "query", "name": "q", "type": "string"},
                               {"in": "body", "name": "b", "schema": {"$ref": "#/definitions/Missing"}}],
                "responses": {"200": {"description": "ok"}}}}}}"##,
        )],
    );
    assert_names(
        &error_of(&dir, "sw.json"),
        &[
            "sw.json#/paths/~1a/post/parameters/1/schema/$ref",
            "#/definitions/Missing",
        ],
    );
}
