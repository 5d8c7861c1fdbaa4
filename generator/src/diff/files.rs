//! Which generated files each change touches, so a reviewer reads the semantic change beside
//! its hunk in `git diff generated/`.

use super::model::Change;
use super::Sides;
use crate::ir::Api;

/// Fills `files` on every change: the model's file for a model or one of its fields, the
/// request file for an operation, `servers.rs` for a server, `lib.rs` for the crate docs.
pub fn attach(sides: &Sides<'_>, changes: &mut [Change]) {
    for change in changes {
        let mut files: Vec<String> = Vec::new();
        for name in subject_names(&change.subject) {
            for file in files_of(name, sides.old_api, sides.new_api) {
                if !files.contains(&file) {
                    files.push(file);
                }
            }
        }
        change.files = files;
    }
}

/// The Rust names a subject starts with: `SsoIntegration.name` → `SsoIntegration`,
/// `create_x: query parameter ..` → `create_x`, `Old → New` → both.
fn subject_names(subject: &str) -> Vec<&str> {
    let mut words = subject.split_whitespace();
    let mut names: Vec<&str> = words.next().into_iter().collect();
    if let Some(after) = subject.split_once(" → ").map(|(_, after)| after) {
        names.extend(after.split_whitespace().next());
    }
    names
        .into_iter()
        .map(|word| {
            let word = word.trim_end_matches(':');
            let end = word.find(['.', ':']).unwrap_or(word.len());
            &word[..end]
        })
        .collect()
}

fn files_of(name: &str, old: &Api, new: &Api) -> Vec<String> {
    match name {
        "info" => return vec!["src/lib.rs".into()],
        "Region" => return vec!["src/servers.rs".into()],
        "ErrorBody" => return vec!["src/error_body.rs".into()],
        _ => {}
    }
    let mut files = Vec::new();
    for api in [new, old] {
        if let Some(model) = api.models.get(name) {
            files.push(format!("src/models/{}.rs", model.module));
        }
        if let Some(op) = api.operations.iter().find(|op| op.method_name == name) {
            files.push(format!("src/requests/{}.rs", op.module));
        }
    }
    files.dedup();
    files
}
