//! Compile tests of the generated crate: documented usage compiles warning-free, and misuse is
//! a compile error with a readable message (`tests/ui/fail/*.stderr`).
//!
//! After a deliberate change to the generated API or to rustc's wording, refresh the expected
//! messages with `TRYBUILD=overwrite cargo test --test trybuild` and review `git diff tests/ui`.

use std::path::Path;

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}

/// The README's usage snippet is the code of `tests/ui/pass/readme.rs`, so it compiles.
#[test]
fn readme_snippet_is_the_pass_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let case = std::fs::read_to_string(root.join("tests/ui/pass/readme.rs")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let snippet = between(&case, "// README begin\n", "// README end\n").expect(
        "tests/ui/pass/readme.rs marks its snippet with `// README begin` and `// README end`",
    );
    let in_readme = readme
        .split("```rust\n")
        .skip(1)
        .filter_map(|block| block.split_once("```").map(|(code, _)| code))
        .any(|code| code == snippet);
    assert!(
        in_readme,
        "README.md has no ```rust block equal to the snippet in tests/ui/pass/readme.rs; \
         copy it from there (the code between the README markers):\n\n{snippet}"
    );
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}
