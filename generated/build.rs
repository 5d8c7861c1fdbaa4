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
    use openapi_client_gen::{generate_with_warnings, write, Options};
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
        let options = Options {
            // Formatted files of the previous run: a spec edit reformats only what it changes.
            format_cache: std::env::var_os("OUT_DIR")
                .map(|dir| PathBuf::from(dir).join("format-cache")),
            ..Options::sendgrid_sso_workspace()
        };
        let result = generate_with_warnings(&spec, &options).and_then(|generated| {
            write::write(&crate_dir, &generated.files).map(|_| generated.warnings)
        });
        // Only the spec's warnings, no progress messages: cargo replays a build script's
        // warnings on later no-op builds (as it does rustc's), until the spec changes again.
        match result {
            Ok(warnings) => {
                for warning in &warnings {
                    println!("cargo:warning={warning}");
                }
            }
            Err(err) => {
                eprintln!("error: cannot regenerate generated/ from spec/: {err}");
                std::process::exit(1);
            }
        }
    }
}
