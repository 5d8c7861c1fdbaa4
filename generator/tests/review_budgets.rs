//! Spec updates are reviewed as diffs of `generated/`: each small spec change must give a
//! small diff. Makes four typical changes to a copy of the SSO `spec/`, regenerates, and
//! checks the changed lines (added + removed) against a budget, all in one file.

mod common;

use common::{edit_json, project_spec, spec_copy};
use openapi_client_gen::{generate, Files, Options};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

const SSO_INTEGRATION: &str = "components/schemas/SsoIntegration.json";
const PERSONA: &str = "components/schemas/Persona.json";

/// Generates the SSO crate from a copy of `spec/` after `edit` changed one of its files.
fn generate_edited(name: &str, file: &str, edit: impl FnOnce(&mut Value)) -> Files {
    let dir = spec_copy(&format!("budget-{name}"));
    edit_json(&dir.join(file), edit);
    generate(&dir, &Options::sendgrid_sso_workspace()).expect("generate edited spec")
}

fn baseline() -> Files {
    generate(&project_spec(), &Options::sendgrid_sso_workspace()).expect("generate spec/")
}

/// Changed lines (added + removed) per file that differs.
fn changed_lines(old: &Files, new: &Files) -> BTreeMap<PathBuf, usize> {
    let empty = String::new();
    let paths: std::collections::BTreeSet<&PathBuf> = old.keys().chain(new.keys()).collect();
    paths
        .into_iter()
        .filter_map(|path| {
            let before = old.get(path).unwrap_or(&empty);
            let after = new.get(path).unwrap_or(&empty);
            let changed = similar::TextDiff::from_lines(before, after)
                .iter_all_changes()
                .filter(|change| change.tag() != similar::ChangeTag::Equal)
                .count();
            (changed > 0).then(|| (path.clone(), changed))
        })
        .collect()
}

fn assert_budget(what: &str, old: &Files, new: &Files, budget: usize) {
    let changed = changed_lines(old, new);
    let report = changed
        .iter()
        .map(|(path, n)| format!("  {}: {n} lines", path.display()))
        .collect::<Vec<_>>()
        .join("\n");
    // Exactly one: an edit that changes nothing would pass a budget vacuously.
    assert_eq!(
        changed.len(),
        1,
        "{what}: expected changes in exactly one generated file, got:\n{report}"
    );
    let total: usize = changed.values().sum();
    assert!(
        total <= budget,
        "{what}: {total} changed lines, budget {budget}:\n{report}"
    );
}

fn properties(schema: &mut Value) -> &mut serde_json::Map<String, Value> {
    schema["properties"]
        .as_object_mut()
        .expect("schema has properties")
}

#[test]
fn adding_an_optional_property_changes_at_most_5_lines_in_one_file() {
    let old = baseline();
    let new = generate_edited("optional", SSO_INTEGRATION, |schema| {
        properties(schema).insert(
            "idp_name".into(),
            json!({"type": "string", "description": "The IdP's display name."}),
        );
    });
    assert_budget("optional property", &old, &new, 5);
}

#[test]
fn adding_a_required_property_changes_at_most_7_lines_in_one_file() {
    let old = baseline();
    let new = generate_edited("required", SSO_INTEGRATION, |schema| {
        properties(schema).insert(
            "idp_name".into(),
            json!({"type": "string", "description": "The IdP's display name."}),
        );
        schema["required"]
            .as_array_mut()
            .expect("required list")
            .push(json!("idp_name"));
    });
    assert_budget("required property", &old, &new, 7);
}

#[test]
fn adding_an_enum_value_changes_at_most_6_lines_in_one_file() {
    let old = baseline();
    let new = generate_edited("enum", PERSONA, |schema| {
        schema["enum"]
            .as_array_mut()
            .expect("enum values")
            .push(json!("auditor"));
    });
    assert_budget("enum value", &old, &new, 6);
}

#[test]
fn changing_a_description_changes_at_most_2_lines() {
    let old = baseline();
    let new = generate_edited("description", SSO_INTEGRATION, |schema| {
        properties(schema)["enabled"]["description"] = json!("Whether the integration is enabled.");
    });
    assert_budget("description", &old, &new, 2);
}
