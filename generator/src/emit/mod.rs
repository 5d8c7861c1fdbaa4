//! Stage 4: the IR into files. One emitter per concern; none of them looks at `openapiv3`.

mod auth;
mod client;
mod crate_files;
mod doc_example;
mod error_body;
mod examples;
mod models;
mod readme;
mod serde_impls;
mod tokens;
mod webhooks;

use crate::error::Result;
use crate::format::{self, cache::Cache};
use crate::ir::Api;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// How the crate is generated.
#[derive(Debug, Clone)]
pub struct Options {
    /// The crate's package name (`sendgrid-sso`).
    pub crate_name: String,
    /// The crate's version.
    pub crate_version: String,
    /// The spec as named in file headers (a relative path, so output is the same everywhere).
    pub spec_label: String,
    /// The command that regenerates the files, named in their headers.
    pub regenerate_command: String,
    /// Regeneration through a build script, for a crate kept inside the generator's workspace.
    pub hook: Option<Hook>,
    /// Adds an empty `[workspace]` so the crate builds wherever it is written.
    pub own_workspace: bool,
    /// Package metadata for `Cargo.toml`.
    pub package: Package,
    /// Where formatted files are kept between runs ([`format::cache`]); `None`: nowhere.
    /// It saves time and never changes the files.
    pub format_cache: Option<PathBuf>,
}

/// What the generated `Cargo.toml` says about the package, for crates.io and docs.rs.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// One line; by default "Typed async client for the `title` ..." (the spec's title).
    pub description: Option<String>,
    /// An SPDX licence expression (`MIT`, `MIT OR Apache-2.0`).
    pub license: Option<String>,
    /// The licence text, written to the crate as `LICENSE` (so it is packaged).
    pub license_text: Option<String>,
    /// The source repository's URL.
    pub repository: Option<String>,
    /// The authors.
    pub authors: Vec<String>,
    /// crates.io keywords (at most 5); by default `openapi` and `api-client`.
    pub keywords: Vec<String>,
}

/// A build script that regenerates the crate, behind its `regenerate` feature.
#[derive(Debug, Clone)]
pub struct Hook {
    /// The build script, relative to the crate (`build.rs`).
    pub build_script: String,
    /// The generator package, relative to the crate (`../generator`).
    pub generator_path: String,
}

/// The runtime's features: name, what it enables, what it does. All are off by default but
/// those in [`DEFAULT_RUNTIME_FEATURES`].
pub const RUNTIME_FEATURES: &[(&str, &str, &str)] = &[
    (
        "aws-lc-rs",
        "[\"rustls/aws_lc_rs\", \"rustls/prefer-post-quantum\"]",
        "TLS cryptography from aws-lc-rs: post-quantum key exchange (X25519MLKEM768); needs a C compiler to build.",
    ),
    (
        "ring",
        "[\"rustls/ring\"]",
        "TLS cryptography from *ring* instead (with `default-features = false`): no C compiler, no post-quantum key exchange.",
    ),
    (
        "native-roots",
        "[\"dep:rustls-native-certs\"]",
        "Also trust the operating system's certificate store.",
    ),
    (
        "tracing",
        "[\"dep:tracing\"]",
        "One `tracing` span per call, with OpenTelemetry's HTTP client attribute names.",
    ),
    (
        "testing",
        "[]",
        "`testing::MockTransport`: an in-memory transport for unit tests of code that calls the client.",
    ),
];

/// The runtime features on by default: the TLS crypto provider (DESIGN.md).
pub const DEFAULT_RUNTIME_FEATURES: &[&str] = &["aws-lc-rs"];

/// The TLS crypto provider features; the runtime needs one (aws-lc-rs wins when both are on).
pub const TLS_FEATURES: &[&str] = &["aws-lc-rs", "ring"];

/// The generated files, by path relative to the crate root.
pub type Files = BTreeMap<PathBuf, String>;

/// The hand-written runtime, copied verbatim into every crate.
const RUNTIME: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("auth.rs", include_str!("../../runtime/auth.rs")),
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("connect.rs", include_str!("../../runtime/connect.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("execute.rs", include_str!("../../runtime/execute.rs")),
    ("future.rs", include_str!("../../runtime/future.rs")),
    ("macros.rs", include_str!("../../runtime/macros.rs")),
    ("operation.rs", include_str!("../../runtime/operation.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("testing.rs", include_str!("../../runtime/testing.rs")),
    ("trace.rs", include_str!("../../runtime/trace.rs")),
    ("transport.rs", include_str!("../../runtime/transport.rs")),
];

/// The header that starts every generated file.
pub fn header(options: &Options, comment: &str) -> String {
    format!(
        "{comment} @generated by openapi-client-gen from {spec}. Do not edit by hand.\n{comment} Regenerate with: {command}\n",
        spec = one_line(&options.spec_label),
        command = one_line(&options.regenerate_command),
    )
}

/// `text` with its control characters escaped: a line break in a path would end the comment
/// it is written in.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Emits and formats every file of the crate.
pub fn emit(api: &Api, options: &Options) -> Result<Files> {
    let rust_header = header(options, "//");
    let mut files = Files::new();
    // Each Rust file is a job that makes its tokens and formats them; see `run_jobs`.
    let mut jobs: Vec<Job<'_>> = Vec::new();
    let mut add = |path: &str, tokens| jobs.push((path.to_string(), tokens));
    add("src/lib.rs", Box::new(|| crate_files::lib_rs(api)));
    add("src/servers.rs", Box::new(|| crate_files::servers(api)));
    add("src/auth.rs", Box::new(|| auth::auth_file(api)));
    add(
        "src/error_body.rs",
        Box::new(|| error_body::error_body(api)),
    );

    let model_entries: Vec<crate_files::ModuleEntry> = api
        .models
        .values()
        .map(|m| crate_files::ModuleEntry {
            module: m.module.clone(),
            names: vec![m.name.clone()],
            features: api.model_gates.get(&m.name).cloned().unwrap_or_default(),
        })
        .collect();
    add(
        "src/models/mod.rs",
        Box::new(move || {
            crate_files::module_index(
                "The request and response models: one file per schema.",
                &model_entries,
            )
        }),
    );
    for model in api.models.values() {
        add(
            &format!("src/models/{}.rs", model.module),
            Box::new(move || models::model_file(model)),
        );
    }

    let mut by_module: BTreeMap<&str, Vec<&crate::ir::Operation>> = BTreeMap::new();
    for op in &api.operations {
        by_module.entry(&op.module).or_default().push(op);
    }
    let request_entries: Vec<crate_files::ModuleEntry> = by_module
        .iter()
        .map(|(module, ops)| crate_files::ModuleEntry {
            module: module.to_string(),
            names: ops.iter().map(|op| op.builder_name.clone()).collect(),
            features: api.tag_features.get(*module).cloned().into_iter().collect(),
        })
        .collect();
    add(
        "src/requests/mod.rs",
        Box::new(move || {
            crate_files::module_index(
                "Request builders, one per operation, grouped by the spec's tags.",
                &request_entries,
            )
        }),
    );
    for (module, ops) in by_module {
        add(
            &format!("src/requests/{module}.rs"),
            Box::new(move || client::request_file(api, &ops)),
        );
    }

    if !api.webhooks.is_empty() {
        add("src/webhooks.rs", Box::new(|| webhooks::webhooks_rs(api)));
    }

    // The spec's examples as tests of the crate (an API without examples gets none).
    if !api.examples.is_empty() {
        add("tests/spec_examples/main.rs", Box::new(examples::main_rs));
        add(
            "tests/spec_examples/cases.rs",
            Box::new(|| examples::cases_rs(api, options)),
        );
    }

    let cache = options
        .format_cache
        .as_deref()
        .map(|path| Arc::new(Cache::load(path)));
    let formatted = run_jobs(&jobs, &rust_header, cache.as_ref())?;
    // Every job is done, so this is the cache's last handle.
    if let (Some(Ok(cache)), Some(path)) = (cache.map(Arc::try_unwrap), &options.format_cache) {
        cache.save(path);
    }
    for ((path, _), text) in jobs.into_iter().zip(formatted) {
        files.insert(PathBuf::from(path), text);
    }

    for (name, text) in RUNTIME {
        files.insert(
            PathBuf::from(format!("src/runtime/{name}")),
            format::normalize_newlines(text),
        );
    }
    files.insert(
        PathBuf::from("Cargo.toml"),
        crate_files::cargo_toml(api, options, &header(options, "#")),
    );
    let readme_header = format!(
        "<!-- @generated by openapi-client-gen from {}. Do not edit by hand.\n     Regenerate with: {} -->\n",
        options.spec_label, options.regenerate_command
    );
    files.insert(
        PathBuf::from("README.md"),
        readme::readme(api, options, &readme_header),
    );
    if let Some(text) = &options.package.license_text {
        files.insert(PathBuf::from("LICENSE"), format::normalize_newlines(text));
    }
    Ok(files)
}

/// A Rust file to write: its path, and what makes its tokens.
type Job<'a> = (
    String,
    Box<dyn Fn() -> proc_macro2::TokenStream + Sync + 'a>,
);

/// Makes and formats every file, on as many threads as there are cores (the calling one
/// included), each thread taking the next job nobody has taken. Formatting (syn's parse and
/// prettyplease) is most of the generator's time and files are independent, so this divides
/// the wall time by up to the number of cores. Tokens are made on the thread that formats
/// them because `proc_macro2` tokens cannot cross threads. Results come back in job order,
/// so the output, and the error reported when several fail, never depend on scheduling.
/// With a cache, a file whose tokens were formatted before is not formatted again.
fn run_jobs(jobs: &[Job<'_>], header: &str, cache: Option<&Arc<Cache>>) -> Result<Vec<String>> {
    let run = |i: usize| {
        let (path, tokens) = &jobs[i];
        let tokens = format::cache::with_current(cache, tokens);
        format::cache::cached(cache.map(Arc::as_ref), header, tokens, |tokens| {
            format::rust(tokens, header, path)
        })
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    if threads <= 1 {
        return (0..jobs.len()).map(run).collect();
    }
    // The big files (requests, examples) come last: take jobs from the end, so the many
    // small model files even out the threads at the finish.
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let n = next.fetch_add(1, Ordering::Relaxed);
            if n >= jobs.len() {
                return done;
            }
            let i = jobs.len() - 1 - n;
            done.push((i, run(i)));
        }
    };
    let mut results = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, text)| text).collect()
}
