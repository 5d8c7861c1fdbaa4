//! The build script of `sendgrid-sso`: regenerates the crate from the workspace's `spec/`
//! before it compiles, so no other package can race with the rewrite.
//!
//! It works only with the `regenerate` feature, which only this workspace's root package
//! turns on. A crate that depends on `sendgrid-sso` (from crates.io, git or a path) runs an
//! empty script and compiles no generator. Hand-written: the generator leaves this file alone.

fn main() {
    #[cfg(feature = "regenerate")]
    regenerate::run();
}

#[cfg(feature = "regenerate")]
mod regenerate {
    use openapi_client_gen::{generate, write, Options};
    use std::path::PathBuf;

    pub fn run() {
        let Some(crate_dir) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
            println!("cargo:warning=CARGO_MANIFEST_DIR is not set; not regenerating");
            return;
        };
        let Some(root) = crate_dir.parent() else {
            return;
        };
        let spec = root.join("spec");
        if !spec.is_dir() {
            // The feature is on outside the workspace (a published copy): nothing to regenerate from.
            println!("cargo:warning=no spec/ beside the crate; `regenerate` does nothing here");
            return;
        }
        // Cargo rebuilds this script when the generator changes; the spec is watched here.
        println!("cargo:rerun-if-changed={}", spec.display());
        let result = generate(&spec, &Options::sendgrid_sso_workspace())
            .and_then(|files| write::write(&crate_dir, &files));
        // No `cargo:warning` on success: cargo replays those on every later no-op build.
        match result {
            Ok(_) => {}
            Err(err) => {
                eprintln!("error: cannot regenerate generated/ from spec/: {err}");
                std::process::exit(1);
            }
        }
    }
}
