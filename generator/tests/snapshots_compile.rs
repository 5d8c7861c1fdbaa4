//! The expected crates of the fixture snapshots compile warning-free: one `cargo clippy` (or
//! `cargo check` when clippy is not installed) over the fixtures' own workspace
//! (`tests/fixtures/Cargo.toml`), under `-D warnings`; their doc examples compile too. With
//! `snapshots.rs` (fresh output equals `expected/`), a snapshot that does not compile cannot
//! pass.
//!
//! It uses its own target dir, `<workspace>/target/fixtures` (or `$FIXTURES_TARGET_DIR`), so it
//! never waits on the main build's lock. Set `SKIP_FIXTURE_COMPILE=1` to skip it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // The outer `cargo test` must not leak its target dir or flags into the nested build.
    for var in [
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET_DIR",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTDOCFLAGS",
        "CARGO_MANIFEST_DIR",
    ] {
        command.env_remove(var);
    }
    command
}

fn has_clippy() -> bool {
    cargo()
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|out| out.status.success())
}

/// The expected crates do not commit their copy of the runtime (it is the same in every
/// crate): copy it from `runtime/` before compiling.
fn put_runtime(manifest_dir: &Path) {
    let fixtures = manifest_dir.join("tests/fixtures");
    let runtime: Vec<PathBuf> = std::fs::read_dir(manifest_dir.join("runtime"))
        .expect("the generator's runtime/ folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    for fixture in std::fs::read_dir(&fixtures)
        .expect("tests/fixtures")
        .flatten()
    {
        let src = fixture.path().join("expected/src");
        if !src.is_dir() {
            continue;
        }
        let target = src.join("runtime");
        std::fs::create_dir_all(&target).expect("create expected/src/runtime");
        for file in &runtime {
            let text = std::fs::read_to_string(file).expect("read runtime file");
            let to = target.join(file.file_name().expect("runtime file name"));
            if std::fs::read_to_string(&to).ok().as_deref() != Some(text.as_str()) {
                std::fs::write(&to, text).expect("write runtime copy");
            }
        }
    }
}

#[test]
fn fixture_snapshots_compile_without_warnings() {
    if std::env::var_os("SKIP_FIXTURE_COMPILE").is_some_and(|v| v != "0") {
        eprintln!("SKIP_FIXTURE_COMPILE is set: not compiling the fixture snapshots");
        return;
    }
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = manifest_dir.join("tests/fixtures/Cargo.toml");
    let target = std::env::var_os("FIXTURES_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir.join("../target/fixtures"));
    put_runtime(manifest_dir);
    let clippy = has_clippy();
    // `cargo clippy` (or `check`) over the fixtures' workspace, warnings denied.
    let lint = |args: &[&str]| -> (Command, std::process::Output) {
        let mut command = cargo();
        command
            .arg(if clippy { "clippy" } else { "check" })
            .args(["--all-targets", "--quiet"])
            .args(args)
            .arg("--manifest-path")
            .arg(&fixtures)
            .arg("--target-dir")
            .arg(&target)
            .env("RUSTFLAGS", "-D warnings");
        if clippy {
            command.args(["--", "-D", "warnings"]);
        }
        let output = command
            .output()
            .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
        (command, output)
    };
    if !clippy {
        // CI must prove the snapshots clippy-clean, not merely compiling.
        assert!(
            std::env::var_os("CI").is_none_or(|v| v != "true"),
            "cargo clippy is not installed, and CI=true requires it"
        );
        eprintln!("cargo clippy is not installed: running cargo check only");
    }
    let (command, output) = lint(&["--workspace"]);
    assert!(
        output.status.success(),
        "the fixture snapshots do not compile warning-free ({command:?}):\n{}\n\
         Fix the generator, then regenerate the snapshots with\n    \
         UPDATE_SNAPSHOTS=1 cargo test -p openapi-client-gen --test snapshots",
        String::from_utf8_lossy(&output.stderr),
    );

    cargo_test(
        &fixtures,
        &target,
        &["-p", "fixture-decoding"],
        "the fixtures' decoding tests fail",
    );
    cargo_test(
        &fixtures,
        &target,
        &["--doc", "--workspace"],
        "the fixtures' doc examples do not compile",
    );

    // A crate with per-tag features builds with each tag alone (and the default TLS
    // provider), too.
    let tagged = tag_features(&manifest_dir.join("tests/fixtures"));
    for (package, features) in &tagged {
        for feature in features {
            let (command, output) = lint(&[
                "--no-default-features",
                "-p",
                package,
                "--features",
                &format!("aws-lc-rs,{feature}"),
            ]);
            assert!(
                output.status.success(),
                "{package} does not compile warning-free with only the `{feature}` feature \
                 ({command:?}):\n{}",
                String::from_utf8_lossy(&output.stderr),
            );
        }
    }

    // The other TLS provider: ring instead of aws-lc-rs, every tag on.
    let (package, features) = tagged
        .iter()
        .find(|(package, _)| package == "fixture-published-sso")
        .expect("the published_sso fixture has per-tag features");
    let ring = format!("ring,{}", features.join(","));
    let (command, output) = lint(&["--no-default-features", "-p", package, "--features", &ring]);
    assert!(
        output.status.success(),
        "{package} does not compile warning-free with `ring` instead of `aws-lc-rs` \
         ({command:?}):\n{}",
        String::from_utf8_lossy(&output.stderr),
    );

    // Without either provider the build stops, naming both features.
    let (command, output) = lint(&["--no-default-features", "-p", package]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success()
            && stderr.contains("needs a TLS crypto provider")
            && stderr.contains("`aws-lc-rs`")
            && stderr.contains("`ring`"),
        "{package} without a TLS provider must fail with a compile_error! naming both \
         features ({command:?}):\n{stderr}",
    );
}

/// `cargo test ARGS` over the fixtures' workspace, which must pass; `what` names it in the
/// failure. Runs the hand-written tests of `fixtures/decoding/` against the fixture crates it
/// depends on, and every fixture crate's doctests (each operation's `no_run` example and the
/// README's quick start compile against the crate they document).
fn cargo_test(fixtures: &Path, target: &Path, args: &[&str], what: &str) {
    let mut command = cargo();
    command
        .args(["test", "--quiet"])
        .args(args)
        .arg("--manifest-path")
        .arg(fixtures)
        .arg("--target-dir")
        .arg(target);
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    assert!(
        output.status.success(),
        "{what} ({command:?}):\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
}

/// The fixtures with per-tag features: package name and its tag features (its default
/// features but the TLS provider).
fn tag_features(fixtures: &Path) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for fixture in std::fs::read_dir(fixtures)
        .expect("tests/fixtures")
        .flatten()
    {
        let Ok(toml) = std::fs::read_to_string(fixture.path().join("expected/Cargo.toml")) else {
            continue;
        };
        let value = |key: &str| {
            toml.lines()
                .find_map(|line| line.strip_prefix(key))
                .map(|rest| rest.trim().to_string())
        };
        let (Some(name), Some(default)) = (value("name = "), value("default = ")) else {
            continue;
        };
        let features = default
            .trim_matches(['[', ']'])
            .split(',')
            .map(|f| f.trim().trim_matches('"').to_string())
            .filter(|f| !f.is_empty() && f != "aws-lc-rs")
            .collect::<Vec<_>>();
        if !features.is_empty() {
            found.push((name.trim_matches('"').to_string(), features));
        }
    }
    found.sort();
    found
}
