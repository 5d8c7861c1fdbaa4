//! The committed `generated/` must be exactly what the generator makes of `spec/` now.
//!
//! `cargo build` regenerates when `spec/` or the generator changes, so this catches what it
//! cannot: a hand edit to `generated/`, or a commit of `spec/` without its regenerated code.

use openapi_client_gen::{generate, write, Options};
use std::path::Path;

#[test]
fn generated_crate_matches_spec() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = generate(&root.join("spec"), &Options::sendgrid_sso_workspace())
        .unwrap_or_else(|e| panic!("the generator failed on spec/: {e}"));
    if let Some(diff) = write::check(&root.join("generated"), &files) {
        panic!(
            "generated/ is stale or was edited by hand.\n\n{diff}\n\
             To fix it, run at the workspace root:\n    \
             touch spec && cargo build\n\
             (or: cargo run -p openapi-client-gen -- generate --spec spec --out generated \
             --build-script build.rs --generator-path ../generator)\n\
             then review `git status generated/` and `git diff generated/`, and commit."
        );
    }
}
