//! Generates typed async Rust clients from Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2
//! documents.
//!
//! The pipeline: [`load`] (files, relative `$ref`s) → [`swagger2`] (2.0 documents read as
//! 3.0) → [`resolve`] (internal refs, 3.1 and [`openapi32`] 3.2 forms, typed document) → [`lower`] (the [`ir`], every name decided) → [`emit`] (tokens
//! per concern) → [`format`](mod@format) (prettyplease) → [`write`](mod@write) (write or
//! check).

pub mod config;
pub mod defs;
pub mod diff;
pub mod emit;
pub mod error;
pub mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod media;
pub mod names;
pub mod normalize;
pub mod openapi32;
pub mod pointer;
pub mod recursive_defs;
pub mod resolve;
pub mod runtime_features;
pub mod self_base;
pub mod swagger2;
pub mod warning;
pub mod write;
pub mod yaml;

pub use emit::{Files, Hook, Options, Package};
pub use error::{Error, Result};
pub use warning::Warning;

use std::path::Path;

/// Runs the pipeline on a spec (a file, or a folder with a root document) up to the files.
/// Warnings are dropped: see [`generate_with_warnings`] to show them.
pub fn generate(spec: &Path, options: &Options) -> Result<Files> {
    generate_with_warnings(spec, options).map(|generated| generated.files)
}

/// What [`generate_with_warnings`] makes: the files, and what was assumed to make them.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The crate's files.
    pub files: Files,
    /// The warnings, in spec order.
    pub warnings: Vec<Warning>,
    /// What was inferred from conventions (paginated lists), in spec order: worth knowing,
    /// not warnings.
    pub notes: Vec<Warning>,
}

/// Runs the pipeline, keeping the warnings (constructs generated under a stated assumption).
pub fn generate_with_warnings(spec: &Path, options: &Options) -> Result<Generated> {
    check_crate_name(&options.crate_name)?;
    // The stages recurse over the document, which may nest 128 levels (serde_json's limit,
    // which `resolve` keeps after inlining refs): a debug build needs more stack for that than
    // a test thread's 2 MiB, so the pipeline runs on a thread with a roomy one.
    std::thread::scope(|scope| {
        let run = || -> Result<Generated> {
            let bundle = load::load(spec)?;
            let spec = resolve::resolve(bundle)?;
            let api = lower::lower_with(&spec, &options.crate_name, &options.config)?;
            let files = emit::emit(&api, options)?;
            Ok(Generated {
                files,
                warnings: api.warnings,
                notes: api.notes,
            })
        };
        match std::thread::Builder::new()
            .name("openapi-client-gen".into())
            .stack_size(PIPELINE_STACK)
            .spawn_scoped(scope, run)
        {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: run here, on whatever stack this is.
            Err(_) => run(),
        }
    })
}

/// Checks that `name` can name a package on crates.io and, with `-` as `_`, its library:
/// ASCII letters, digits, `-` and `_`, starting with a letter, at most 64 characters, and
/// not a Rust keyword.
pub fn check_crate_name(name: &str) -> Result<()> {
    let reason = if name.is_empty() {
        Some("it is empty")
    } else if name.len() > 64 {
        Some("crates.io takes at most 64 characters")
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("it must start with an ASCII letter")
    } else if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Some("only ASCII letters, digits, `-` and `_` may be used")
    } else if names::is_keyword(&name.replace('-', "_")) {
        Some("its library name is a Rust keyword")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(Error::CrateName {
            name: name.to_string(),
            reason,
        }),
        None => Ok(()),
    }
}

/// This repository, where both crates are developed.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The pipeline thread's stack: 64 MiB of address space, used only as deep as the spec nests.
const PIPELINE_STACK: usize = 64 << 20;

impl Options {
    /// Options for a crate named `crate_name`, generated from `spec_label` by `command`.
    pub fn new(crate_name: &str, spec_label: &str, command: &str) -> Self {
        Options {
            crate_name: crate_name.to_string(),
            crate_version: "0.1.0".to_string(),
            spec_label: spec_label
                .trim_start_matches("./")
                .trim_end_matches('/')
                .to_string(),
            regenerate_command: command.to_string(),
            hook: None,
            own_workspace: false,
            package: Package::default(),
            format_cache: None,
            config: config::Config::default(),
        }
    }

    /// The options of this repository's `generated/` crate: `sendgrid-sso` from `spec/`,
    /// regenerated by its build script (`generated/build.rs`). The drift test and that script
    /// share them.
    pub fn sendgrid_sso_workspace() -> Self {
        Options {
            hook: Some(Hook {
                build_script: "build.rs".into(),
                generator_path: "../generator".into(),
            }),
            package: Package {
                description: Some(
                    "Typed async client for the Twilio SendGrid Single Sign-On (SSO) API, \
                     generated from its OpenAPI document"
                        .into(),
                ),
                license: Some("MIT".into()),
                license_text: Some(include_str!("../LICENSE").into()),
                repository: Some(REPOSITORY.into()),
                authors: vec!["The sendgrid-sso authors".into()],
                keywords: ["sendgrid", "sso", "saml", "api-client", "openapi"]
                    .map(String::from)
                    .to_vec(),
            },
            ..Options::new(
                "sendgrid-sso",
                "spec",
                "cargo build (at the workspace root)",
            )
        }
    }
}
