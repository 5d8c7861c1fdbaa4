//! `generate`'s package options reach the crate's `Cargo.toml` and files, so any generated
//! crate can be published with its licence, repository and authors.

use std::path::Path;
use std::process::Command;

fn generate(out: &Path, extra: &[&str]) -> (i32, String) {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/params/openapi.json");
    let output = Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"))
        .args(["generate", "--spec"])
        .arg(&spec)
        .arg("--out")
        .arg(out)
        .args(["--name", "petstore-client"])
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn package_options_reach_cargo_toml_license_and_readme() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("package-metadata");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let license = tmp.join("LICENSE-APACHE");
    std::fs::write(&license, "Apache License text\n").unwrap();
    let out = tmp.join("crate");
    let (code, err) = generate(
        &out,
        &[
            "--license",
            "Apache-2.0",
            "--license-file",
            &license.display().to_string(),
            "--repository",
            "https://example.com/petstore-client",
            "--author",
            "Ada <ada@example.com>",
            "--keyword",
            "petstore",
            "--description",
            "A \"pet\" client",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let toml = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    for line in [
        "license = \"Apache-2.0\"",
        "repository = \"https://example.com/petstore-client\"",
        "authors = [\"Ada <ada@example.com>\"]",
        "keywords = [\"petstore\"]",
        "description = \"A \\\"pet\\\" client\"",
        "documentation = \"https://docs.rs/petstore-client\"",
        "readme = \"README.md\"",
    ] {
        assert!(toml.contains(line), "no `{line}` in:\n{toml}");
    }
    assert!(!toml.contains("publish = false"), "{toml}");
    assert_eq!(
        std::fs::read_to_string(out.join("LICENSE")).unwrap(),
        "Apache License text\n"
    );
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(readme.contains("petstore-client = \"0.1.0\""), "{readme}");
    assert!(readme.contains("## Quick start"), "{readme}");
    assert!(readme.contains("Apache-2.0 (see `LICENSE`)."), "{readme}");

    let (code, err) = generate(&tmp.join("other"), &["--license-file", "/no/such/file"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /no/such/file"), "{err}");
}

/// Text from the spec or the command line that TOML cannot hold as written (a line break in
/// the spec's title, a tab, a control character, quotes, backslashes) is escaped: cargo reads
/// the `Cargo.toml` and gets the text back.
#[test]
fn cargo_toml_escapes_what_toml_cannot_hold() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("package-metadata-escapes");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let title = "Pets\nand \"more\"\t\\ \u{1}";
    let spec = tmp.join("openapi.json");
    let doc = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1"},
        "paths": {"/a": {"get": {"responses": {"204": {"description": "d"}}}}},
    });
    std::fs::write(&spec, doc.to_string()).unwrap();
    let author = "Ada\r\n<ada@example.com>";
    for (dir, extra, description) in [
        (
            "from-title",
            vec![],
            format!("Typed async client for the {title} (generated from its OpenAPI document)"),
        ),
        (
            "given",
            vec!["--description", title, "--author", author],
            title.to_string(),
        ),
    ] {
        let out = tmp.join(dir);
        let output = Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"))
            .args(["generate", "--name", "pets", "--own-workspace", "--spec"])
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .args(&extra)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let metadata = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args([
                "metadata",
                "--no-deps",
                "--format-version",
                "1",
                "--manifest-path",
            ])
            .arg(out.join("Cargo.toml"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&metadata.stderr);
        assert!(metadata.status.success(), "cargo cannot read it: {stderr}");
        let metadata: serde_json::Value = serde_json::from_slice(&metadata.stdout).unwrap();
        let package = &metadata["packages"][0];
        assert_eq!(package["description"], description.as_str(), "{dir}");
        if !extra.is_empty() {
            assert_eq!(package["authors"][0], author, "{dir}");
        }
    }
}
