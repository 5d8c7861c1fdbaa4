//! The command line: `generate` a crate from a spec (or `--check` one), `diff` two specs.

use clap::{Parser, Subcommand};
use openapi_client_gen::{diff, generate_with_warnings, write, Hook, Options, Package};
use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates typed async Rust clients from Swagger 2.0 and OpenAPI 3.0/3.1/3.2 documents.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a complete crate (Cargo.toml + src/) for a spec, or checks that one is current.
    Generate {
        /// The spec: a JSON/YAML file, or a folder with openapi.json/openapi.yaml.
        #[arg(long)]
        spec: PathBuf,
        /// The crate's folder.
        #[arg(long)]
        out: PathBuf,
        /// The crate's package name [default: the configuration file's, else sendgrid-sso].
        #[arg(long)]
        name: Option<String>,
        /// The generator's configuration file [default: openapi-client-gen.toml beside the
        /// spec, when there is one]. Flags override what it says.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Write nothing; exit 1 with a diff when the folder is not what the spec makes.
        #[arg(long)]
        check: bool,
        /// Give the crate an empty [workspace] so it builds inside another workspace's folder.
        #[arg(long)]
        own_workspace: bool,
        /// Treat warnings (constructs generated under an assumption) as errors: exit 2.
        #[arg(long)]
        deny_warnings: bool,
        /// Keep formatted files in this file between runs, so that a regeneration formats
        /// only the files whose code changed. It never changes what is written.
        #[arg(long, value_name = "FILE")]
        cache: Option<PathBuf>,
        /// Regenerate through this build script (relative to the crate), behind a `regenerate` feature.
        #[arg(long, requires = "generator_path")]
        build_script: Option<String>,
        /// Where the generator package is, relative to the crate (with --build-script).
        #[arg(long, requires = "build_script")]
        generator_path: Option<String>,
        #[command(flatten)]
        package: PackageArgs,
    },
    /// Lists what changed between two versions of a spec and what breaks for crate users.
    Diff {
        /// The old spec: a file, or a folder, as `generate --spec` takes it.
        old: PathBuf,
        /// The new spec.
        new: PathBuf,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Exit 1 when any change is breaking.
        #[arg(long)]
        fail_on_breaking: bool,
        /// The crate's current version, to print the next one (0.x is assumed without it).
        #[arg(long)]
        crate_version: Option<diff::Version>,
        /// With `--format changelog`: also put the section at the top of this file (created
        /// when missing).
        #[arg(long)]
        changelog_file: Option<PathBuf>,
        /// The release date in a changelog section (today, UTC, by default).
        #[arg(long)]
        date: Option<String>,
    },
}

/// What the generated `Cargo.toml` says about the package.
#[derive(clap::Args)]
struct PackageArgs {
    /// The crate's one-line description (by default from the spec's title).
    #[arg(long)]
    description: Option<String>,
    /// The crate's SPDX licence expression (`MIT`, `MIT OR Apache-2.0`).
    #[arg(long)]
    license: Option<String>,
    /// A licence file to copy into the crate as `LICENSE`.
    #[arg(long)]
    license_file: Option<PathBuf>,
    /// The source repository's URL.
    #[arg(long)]
    repository: Option<String>,
    /// An author (repeat for several).
    #[arg(long = "author")]
    authors: Vec<String>,
    /// A crates.io keyword (repeat, at most 5).
    #[arg(long = "keyword")]
    keywords: Vec<String>,
}

/// The configuration file's `[package]`, under the flags (applied after it).
fn apply_config(
    config: &openapi_client_gen::config::PackageConfig,
    folder: Option<&std::path::Path>,
    package: &mut Package,
) -> Result<(), String> {
    if let Some(file) = &config.license_file {
        let path = folder.map_or(file.clone(), |folder| folder.join(file));
        package.license_text = Some(std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "cannot read {} (`package.license_file`): {e}",
                path.display()
            )
        })?);
    }
    let or = |value: &Option<String>, old: &mut Option<String>| {
        if value.is_some() {
            *old = value.clone();
        }
    };
    or(&config.description, &mut package.description);
    or(&config.license, &mut package.license);
    or(&config.repository, &mut package.repository);
    if !config.authors.is_empty() {
        package.authors = config.authors.clone();
    }
    if !config.keywords.is_empty() {
        package.keywords = config.keywords.clone();
    }
    Ok(())
}

impl PackageArgs {
    /// Overrides `package` with what was given; a licence file that cannot be read is an error.
    fn apply(self, package: &mut Package) -> Result<(), String> {
        if let Some(path) = self.license_file {
            package.license_text = Some(
                std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
            );
        }
        package.description = self.description.or(package.description.take());
        package.license = self.license.or(package.license.take());
        package.repository = self.repository.or(package.repository.take());
        if !self.authors.is_empty() {
            package.authors = self.authors;
        }
        if !self.keywords.is_empty() {
            package.keywords = self.keywords;
        }
        Ok(())
    }
}

/// The `diff` output formats.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DiffFormat {
    /// Plain text.
    Text,
    /// Markdown, for a pull request.
    Markdown,
    /// JSON.
    Json,
    /// A Keep a Changelog section for the suggested version.
    Changelog,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Diff {
            old,
            new,
            format,
            fail_on_breaking,
            crate_version,
            changelog_file,
            date,
        } => run_diff(
            &old,
            &new,
            format,
            fail_on_breaking,
            crate_version,
            Changelog {
                file: changelog_file,
                date,
            },
        ),
        Command::Generate {
            spec,
            out,
            name,
            config,
            check,
            own_workspace,
            deny_warnings,
            cache,
            build_script,
            generator_path,
            package,
        } => {
            let config_path = config.or_else(|| openapi_client_gen::config::beside(&spec));
            let config = match config_path.as_deref().map(openapi_client_gen::config::load) {
                Some(Ok(config)) => config,
                Some(Err(err)) => {
                    eprintln!("error: {err}");
                    return ExitCode::from(2);
                }
                None => openapi_client_gen::config::Config::default(),
            };
            let name =
                (name.or(config.package.name.clone())).unwrap_or_else(|| "sendgrid-sso".into());
            let mut command = format!(
                "openapi-client-gen generate --spec {} --out {} --name {name}",
                spec.display(),
                out.display()
            );
            if own_workspace {
                command.push_str(" --own-workspace");
            }
            let hook = build_script
                .zip(generator_path)
                .map(|(build_script, generator_path)| Hook {
                    build_script,
                    generator_path,
                });
            // The exact command that rewrites `out`, so `--check` can print it verbatim.
            let fix = match &hook {
                Some(hook) => format!(
                    "{command} --build-script {} --generator-path {}\n(or, in the workspace whose build script regenerates it: touch {} && cargo build)",
                    hook.build_script,
                    hook.generator_path,
                    spec.display()
                ),
                None => command.clone(),
            };
            let label = spec.display().to_string();
            let mut options = Options {
                hook,
                own_workspace,
                format_cache: cache,
                ..Options::new(&name, &label, &command)
            };
            if options.hook.is_some() {
                // A crate with a regeneration hook is this workspace's: it is regenerated by
                // building the workspace, and carries the workspace's package metadata.
                let workspace = Options::sendgrid_sso_workspace();
                options.regenerate_command = workspace.regenerate_command;
                options.package = workspace.package;
            }
            if let Some(version) = &config.package.version {
                options.crate_version = version.clone();
            }
            let folder = config_path.as_deref().and_then(std::path::Path::parent);
            if let Err(err) = apply_config(&config.package, folder, &mut options.package) {
                eprintln!("error: {err}");
                return ExitCode::from(2);
            }
            options.config = config;
            if let Err(err) = package.apply(&mut options.package) {
                eprintln!("error: {err}");
                return ExitCode::from(2);
            }
            run_generate(&spec, &out, &options, (check, deny_warnings), &fix)
        }
    }
}

fn run_generate(
    spec: &std::path::Path,
    out: &std::path::Path,
    options: &Options,
    (check, deny_warnings): (bool, bool),
    command: &str,
) -> ExitCode {
    let generated = match generate_with_warnings(spec, options) {
        Ok(generated) => generated,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    for note in &generated.notes {
        eprintln!("note: {note}");
    }
    if !generated.notes.is_empty() {
        let count = generated.notes.len();
        let plural = if count == 1 { "" } else { "s" };
        eprintln!("note: {count} note{plural} generated (paginated lists: see the README)");
    }
    let level = if deny_warnings { "error" } else { "warning" };
    for warning in &generated.warnings {
        eprintln!("{level}: {warning}");
    }
    let count = generated.warnings.len();
    if count > 0 {
        let plural = if count == 1 { "" } else { "s" };
        if deny_warnings {
            eprintln!("error: {count} warning{plural} denied (--deny-warnings)");
            return ExitCode::from(2);
        }
        eprintln!("warning: {count} warning{plural} generated");
    }
    let files = generated.files;
    if check {
        return match write::check(out, &files) {
            None => ExitCode::SUCCESS,
            Some(diff) => {
                print!("{diff}");
                eprintln!(
                    "error: {} is stale. To fix it, run:\n    {command}",
                    out.display()
                );
                ExitCode::from(1)
            }
        };
    }
    match write::write(out, &files) {
        Ok(report) => {
            eprintln!(
                "{}: {} file(s) written, {} removed",
                out.display(),
                report.written.len(),
                report.removed.len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

/// Where a changelog section goes, and its date.
struct Changelog {
    file: Option<PathBuf>,
    date: Option<String>,
}

/// Exit codes: 0 when done, 1 with `--fail-on-breaking` when something breaks, 2 on errors.
fn run_diff(
    old: &std::path::Path,
    new: &std::path::Path,
    format: DiffFormat,
    fail_on_breaking: bool,
    crate_version: Option<diff::Version>,
    changelog: Changelog,
) -> ExitCode {
    let report = match diff::diff(old, new) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let bump = diff::semver::suggest(&report, crate_version);
    let format = match format {
        DiffFormat::Text => diff::render::Format::Text,
        DiffFormat::Markdown => diff::render::Format::Markdown,
        DiffFormat::Json => diff::render::Format::Json,
        DiffFormat::Changelog => {
            let date = changelog.date.unwrap_or_else(diff::changelog::today);
            let section = diff::changelog::section(&report, &bump, &date);
            print!("{section}");
            if let Some(file) = &changelog.file {
                let existing = std::fs::read_to_string(file).unwrap_or_default();
                if let Err(err) =
                    std::fs::write(file, diff::changelog::prepend(&existing, &section))
                {
                    eprintln!("error: cannot write {}: {err}", file.display());
                    return ExitCode::from(2);
                }
            }
            return breaking_exit(&report, fail_on_breaking);
        }
    };
    if changelog.file.is_some() {
        eprintln!("error: --changelog-file goes with --format changelog");
        return ExitCode::from(2);
    }
    let (old, new) = (old.display().to_string(), new.display().to_string());
    print!(
        "{}",
        diff::render::render(&report, &bump, &old, &new, format)
    );
    breaking_exit(&report, fail_on_breaking)
}

fn breaking_exit(report: &diff::Report, fail_on_breaking: bool) -> ExitCode {
    if fail_on_breaking && report.has_breaking() {
        eprintln!("error: {} breaking change(s)", report.breaking().count());
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
