//! Generator speed: the whole pipeline on `spec/` (load to formatted files, in memory, nothing
//! written), a per-stage breakdown, and scaling on synthetic specs of 10 to 5,000 operations
//! made by `scripts/synth_spec.py`.
//!
//! Run with `cargo bench --manifest-path benches/Cargo.toml --bench pipeline`; BENCHMARKS.md has the figures.
//! Sample counts and measurement times are set per group so the whole run stays within a few
//! minutes on two cores.

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, BenchmarkId, Criterion, Throughput,
};
use openapi_client_gen::{emit, format, load, lower, resolve, Options};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The workspace root (this bench package is one level down).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("benches/ lives in the workspace folder")
        .to_path_buf()
}

fn options() -> Options {
    Options::new("sendgrid-sso", "spec", "cmd")
}

/// Writes the synthetic spec of `ops` operations under cargo's bench temp dir (once per run).
fn synth_spec(ops: usize) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("synth-{ops}.json"));
    let script = workspace().join("scripts/synth_spec.py");
    let doc = Command::new("python3")
        .arg(&script)
        .arg(ops.to_string())
        .output()
        .expect("python3 runs scripts/synth_spec.py");
    assert!(doc.status.success(), "synth_spec.py {ops} failed");
    std::fs::write(&out, doc.stdout).expect("the synthetic spec is written");
    out
}

/// Every stage on one spec, one after another, as `generate` runs them.
fn run_pipeline(spec: &Path, options: &Options) -> emit::Files {
    let bundle = load::load(spec).expect("load");
    let resolved = resolve::resolve(bundle).expect("resolve");
    let api = lower::lower(&resolved, &options.crate_name).expect("lower");
    emit::emit(&api, options).expect("emit")
}

/// The SSO spec: the whole pipeline, then each stage on the output of the one before.
fn sso(c: &mut Criterion) {
    let spec = workspace().join("spec");
    let mut group = c.benchmark_group("sso");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    stages(&mut group, &spec, true);
    group.finish();
}

/// The whole pipeline on `spec`, then each stage on the output of the one before, and the
/// formatting alone (with `format_only`).
fn stages(group: &mut BenchmarkGroup<'_, WallTime>, spec: &Path, format_only: bool) {
    let options = options();
    group.bench_function("pipeline", |b| {
        b.iter(|| run_pipeline(black_box(spec), &options))
    });

    let bundle = load::load(spec).expect("load");
    let resolved = resolve::resolve(bundle.clone()).expect("resolve");
    let api = lower::lower(&resolved, "sendgrid-sso").expect("lower");
    let files = emit::emit(&api, &options).expect("emit");

    group.bench_function("stage/load", |b| {
        b.iter(|| load::load(black_box(spec)).expect("load"))
    });
    group.bench_function("stage/resolve", |b| {
        b.iter_batched(
            || bundle.clone(),
            |bundle| resolve::resolve(bundle).expect("resolve"),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("stage/lower", |b| {
        b.iter(|| lower::lower(black_box(&resolved), "sendgrid-sso").expect("lower"))
    });
    group.bench_function("stage/emit+format", |b| {
        b.iter(|| emit::emit(black_box(&api), &options).expect("emit"))
    });

    if !format_only {
        return;
    }
    // The formatting part of emit+format alone, on one thread (emit spreads it over the
    // cores): syn parse + prettyplease on the same Rust files, re-tokenised from the output
    // (the runtime files are copied verbatim and never formatted, so they are left out).
    let formatted: Vec<(String, proc_macro2::TokenStream)> = files
        .iter()
        .filter(|(path, _)| {
            path.extension().is_some_and(|e| e == "rs") && !path.starts_with("src/runtime")
        })
        .map(|(path, text)| {
            let tokens = text.parse().expect("generated files tokenise");
            (path.display().to_string(), tokens)
        })
        .collect();
    group.bench_function("stage/format-only-1-thread", |b| {
        b.iter_batched(
            || formatted.clone(),
            |files| {
                for (path, tokens) in files {
                    black_box(format::rust(tokens, "", &path).expect("format"));
                }
            },
            BatchSize::SmallInput,
        )
    });
}

/// The whole pipeline on synthetic specs; the throughput is operations per second, which
/// stays flat when cost grows linearly.
fn scaling(c: &mut Criterion) {
    let options = options();
    let mut group = c.benchmark_group("scaling");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    for ops in [10usize, 100, 1_000, 5_000] {
        let spec = synth_spec(ops);
        group.throughput(Throughput::Elements(ops as u64));
        group.bench_with_input(BenchmarkId::new("pipeline", ops), &spec, |b, spec| {
            b.iter(|| run_pipeline(spec, &options))
        });
    }
    group.finish();

    // Where the time goes at 1,000 operations.
    let spec = synth_spec(1_000);
    let mut group = c.benchmark_group("ops1000");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    stages(&mut group, &spec, false);
    group.finish();
}

criterion_group!(benches, sso, scaling);
criterion_main!(benches);
