//! `diff`: what changed between two versions of a spec, and what breaks for users of the
//! generated crate.
//!
//! Both sides go through the same stages as `generate` (load → resolve → lower), so the
//! comparison is of the Rust API the generator would emit. Operations match by client
//! method name; the types in the same place (a parameter, a body, a response, a field) are
//! compared by shape, so a shifted inline model name is one `model-renamed` change, not a
//! removed and an added model. Auth comes from the resolved documents. The rules are in
//! [`model::Rule`], the bump in [`semver`].

mod auth;
pub mod changelog;
mod files;
pub mod model;
mod models;
mod operations;
pub mod render;
pub mod semver;
mod servers;
mod types;

pub use model::{Category, Change, Report, Rule};
pub use semver::{Bump, Level, Version};

use crate::error::Result;
use crate::ir::Api;
use crate::resolve::Spec;
use std::path::Path;

/// Loads, resolves and lowers both specs (files or folders, as `generate` takes them) and
/// compares them.
pub fn diff(old: &Path, new: &Path) -> Result<Report> {
    let old = crate::resolve::resolve(crate::load::load(old)?)?;
    let new = crate::resolve::resolve(crate::load::load(new)?)?;
    diff_specs(&old, &new)
}

/// Compares two resolved specs.
pub fn diff_specs(old: &Spec, new: &Spec) -> Result<Report> {
    // The crate name only reaches docs; both sides get the same one.
    let old_api = crate::lower::lower(old, "diff")?;
    let new_api = crate::lower::lower(new, "diff")?;
    let mut sides = Sides {
        old,
        new,
        old_api: &old_api,
        new_api: &new_api,
        error_body_changed: false,
    };
    sides.error_body_changed = operations::error_body_changed(&sides);
    let mut sink = Sink::default();
    info(&sides, &mut sink);
    let seeds = operations::compare(&sides, &mut sink);
    models::compare(&sides, seeds, &mut sink);
    servers::compare(&sides, &mut sink);
    auth::compare(&sides, &mut sink);
    files::attach(&sides, &mut sink.changes);
    Ok(Report {
        changes: sink.changes,
    })
}

fn info(sides: &Sides<'_>, sink: &mut Sink) {
    let (old, new) = (sides.old_api, sides.new_api);
    if old.version != new.version {
        sink.push(
            Rule::DescriptionChanged,
            "info.version",
            format!(
                "the spec's version was {}, now {}",
                old.version, new.version
            ),
        );
    }
    sink.doc(
        "info.title",
        &Some(old.title.clone()),
        &Some(new.title.clone()),
    );
    sink.doc("info.description", &old.doc, &new.doc);
}

/// Both sides of the comparison.
struct Sides<'a> {
    old: &'a Spec,
    new: &'a Spec,
    old_api: &'a Api,
    new_api: &'a Api,
    /// Whether the crate-wide `ErrorBody` changes (then per-status error bodies are not
    /// reported one by one).
    error_body_changed: bool,
}

/// Collects changes.
#[derive(Default)]
struct Sink {
    changes: Vec<Change>,
    /// The client methods to attach to the changes pushed now (set while comparing models).
    operations: Vec<String>,
}

impl Sink {
    fn push(&mut self, rule: Rule, subject: impl Into<String>, detail: impl Into<String>) {
        let change = Change {
            rule,
            subject: subject.into(),
            detail: detail.into(),
            operations: self.operations.clone(),
            files: Vec::new(),
        };
        if !self.changes.contains(&change) {
            self.changes.push(change);
        }
    }

    /// A description change, when the docs differ.
    fn doc(&mut self, subject: &str, old: &Option<String>, new: &Option<String>) {
        let detail = match (old, new) {
            (a, b) if a == b => return,
            (None, Some(_)) => "description added",
            (Some(_), None) => "description removed",
            _ => "description changed",
        };
        self.push(Rule::DescriptionChanged, subject, detail);
    }
}
