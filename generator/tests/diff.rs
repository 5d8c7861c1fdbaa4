//! `diff`: one fixture pair per rule under `tests/diff/<rule>/{old,new}.json`, the
//! "done means" edits on the project's own spec, and the binary's exit codes.

mod common;

use common::{edit_json, project_spec, spec_copy};
use openapi_client_gen::diff::{self, semver, Level, Report, Rule, Version};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff")
}

fn rules(report: &Report) -> Vec<&'static str> {
    report.rules().into_iter().map(Rule::name).collect()
}

fn v010() -> Option<Version> {
    "0.1.0".parse().ok()
}

/// Fixtures whose change also shows under another rule; every other fixture reports
/// exactly its own rule.
const ALSO: &[(&str, &[&str])] = &[
    // The new error shape is a new model nothing else uses.
    ("error-body-changed", &["error-body-changed", "model-added"]),
];

#[test]
fn every_rule_has_a_fixture_pair_and_every_fixture_a_rule() {
    for rule in Rule::ALL {
        let dir = fixtures().join(rule.name());
        assert!(
            dir.join("old.json").is_file() && dir.join("new.json").is_file(),
            "no fixture pair for rule {}",
            rule.name()
        );
    }
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            Rule::from_name(&name).is_some(),
            "fixture {name} is not a rule"
        );
    }
}

#[test]
fn each_fixture_pair_reports_its_rule_with_its_classification() {
    let mut failures = Vec::new();
    for rule in Rule::ALL {
        let dir = fixtures().join(rule.name());
        let report = match diff::diff(&dir.join("old.json"), &dir.join("new.json")) {
            Ok(report) => report,
            Err(err) => {
                failures.push(format!("{}: {err}", rule.name()));
                continue;
            }
        };
        let expected: Vec<&str> = ALSO
            .iter()
            .find(|(name, _)| *name == rule.name())
            .map_or_else(|| vec![rule.name()], |(_, rules)| rules.to_vec());
        let mut got = rules(&report);
        got.sort_unstable();
        let mut want = expected.clone();
        want.sort_unstable();
        if got != want {
            failures.push(format!("{}: got {got:?}", rule.name()));
            continue;
        }
        // The classification: the report breaks exactly when the rule does, and the bump
        // of a 0.1.0 crate follows.
        let bump = semver::suggest(&report, v010());
        let (level, to) = if rule.breaking() {
            (Level::Minor, "0.2.0")
        } else {
            (Level::Patch, "0.1.1")
        };
        if report.has_breaking() != rule.breaking()
            || bump.level != level
            || bump.to.map(|v| v.to_string()).as_deref() != Some(to)
        {
            failures.push(format!(
                "{}: breaking {} bump {:?}",
                rule.name(),
                report.has_breaking(),
                bump
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_rules_classify_as_documented() {
    let breaking = |name: &str| Rule::from_name(name).map(Rule::breaking);
    assert_eq!(breaking("request-property-added-required"), Some(true));
    assert_eq!(breaking("property-added-optional"), Some(false));
    assert_eq!(breaking("response-property-added-required"), Some(false));
    assert_eq!(breaking("operation-removed"), Some(true));
    assert_eq!(breaking("enum-value-added"), Some(false));
    assert_eq!(breaking("description-changed"), Some(false));
    for rule in Rule::ALL {
        assert!(
            !rule.rationale().is_empty(),
            "{} has no rationale",
            rule.name()
        );
    }
}

#[test]
fn the_bump_follows_the_series() {
    let report = |dir: &str| {
        let dir = fixtures().join(dir);
        diff::diff(&dir.join("old.json"), &dir.join("new.json")).unwrap()
    };
    let breaking = report("operation-removed");
    let additive = report("operation-added");
    let quiet = report("description-changed");
    let next = |r: &Report, v: &str| {
        semver::suggest(r, v.parse().ok())
            .to
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(next(&breaking, "1.4.2"), "2.0.0");
    assert_eq!(next(&additive, "1.4.2"), "1.5.0");
    assert_eq!(next(&quiet, "1.4.2"), "1.4.3");
    assert_eq!(next(&breaking, "0.3.1"), "0.4.0");
    assert_eq!(next(&additive, "0.3.1"), "0.3.2");
    assert_eq!(next(&breaking, "0.0.3"), "0.0.4");
    // Without a version, 0.x is assumed and said.
    let assumed = semver::suggest(&breaking, None);
    assert_eq!(assumed.level, Level::Minor);
    assert!(assumed.reason.contains("0.x assumed"), "{}", assumed.reason);
    assert!("1.2".parse::<Version>().is_err());
}

// --- the project's own spec ---

#[test]
fn the_project_spec_against_itself_has_no_changes() {
    let copy = spec_copy("same");
    let report = diff::diff(&project_spec(), &copy).unwrap();
    assert!(report.changes.is_empty(), "{:?}", report.changes);
    assert_eq!(semver::suggest(&report, v010()).level, Level::None);
}

#[test]
fn removing_an_operation_breaks_and_bumps_the_minor() {
    let copy = spec_copy("remove-op");
    edit_json(&copy.join("paths/sso_integrations_id.json"), |v| {
        v.as_object_mut().unwrap().remove("delete");
    });
    let report = diff::diff(&project_spec(), &copy).unwrap();
    assert_eq!(
        rules(&report),
        ["operation-removed"],
        "{:?}",
        report.changes
    );
    assert_eq!(report.changes[0].subject, "delete_sso_integration");
    assert_eq!(report.changes[0].files, ["src/requests/sso_settings.rs"]);
    assert!(report.has_breaking());
    let bump = semver::suggest(&report, v010());
    assert_eq!((bump.level, bump.to), (Level::Minor, "0.2.0".parse().ok()));
}

#[test]
fn a_new_required_request_field_breaks_and_bumps_the_minor() {
    let copy = spec_copy("required-field");
    edit_json(
        &copy.join("components/schemas/PostPatchIntegrationRequest.json"),
        |v| {
            v["properties"]["tenant"] = serde_json::json!({ "type": "string" });
            v["required"].as_array_mut().unwrap().push("tenant".into());
        },
    );
    let report = diff::diff(&project_spec(), &copy).unwrap();
    assert_eq!(
        rules(&report),
        ["request-property-added-required"],
        "{:?}",
        report.changes
    );
    let change = &report.changes[0];
    assert_eq!(change.subject, "PostPatchIntegrationRequest.tenant");
    assert_eq!(
        change.files,
        ["src/models/post_patch_integration_request.rs"]
    );
    assert!(change
        .operations
        .contains(&"create_sso_integration".to_string()));
    let bump = semver::suggest(&report, v010());
    assert_eq!((bump.level, bump.to), (Level::Minor, "0.2.0".parse().ok()));
}

#[test]
fn a_new_enum_value_does_not_break_and_bumps_the_patch() {
    let copy = spec_copy("enum-value");
    edit_json(&copy.join("components/schemas/Persona.json"), |v| {
        v["enum"].as_array_mut().unwrap().push("admin".into());
    });
    let report = diff::diff(&project_spec(), &copy).unwrap();
    assert_eq!(rules(&report), ["enum-value-added"], "{:?}", report.changes);
    assert_eq!(report.changes[0].subject, "Persona");
    assert_eq!(report.changes[0].files, ["src/models/persona.rs"]);
    assert!(!report.has_breaking());
    let bump = semver::suggest(&report, v010());
    assert_eq!((bump.level, bump.to), (Level::Patch, "0.1.1".parse().ok()));
}

// --- the binary ---

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn pair(rule: &str) -> (String, String) {
    let dir = fixtures().join(rule);
    (
        dir.join("old.json").display().to_string(),
        dir.join("new.json").display().to_string(),
    )
}

#[test]
fn exit_codes() {
    let (old, new) = pair("operation-removed");
    let (code, out, _) = run(&["diff", &old, &new]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Breaking (1)"), "{out}");
    assert!(out.contains("[operation-removed]"), "{out}");
    assert!(out.contains("Suggested bump: minor"), "{out}");

    let (code, _, err) = run(&["diff", &old, &new, "--fail-on-breaking"]);
    assert_eq!(code, 1, "{err}");

    let (old_ok, new_ok) = pair("enum-value-added");
    let (code, out, err) = run(&["diff", &old_ok, &new_ok, "--fail-on-breaking"]);
    assert_eq!(code, 0, "{out}{err}");

    // Errors name the file (and the pointer) and exit 2.
    let (code, _, err) = run(&["diff", "no/such/spec.json", &new]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/spec.json"), "{err}");

    let broken = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-broken.json");
    std::fs::write(
        &broken,
        r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Nope"}}}}}}"##,
    )
    .unwrap();
    let broken = broken.display().to_string();
    let (code, _, err) = run(&["diff", &old, &broken, "--fail-on-breaking"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("{broken}#/paths/~1a/get/responses/200")),
        "{err}"
    );

    let (code, _, _) = run(&["diff", &old, &new, "--crate-version", "one"]);
    assert_eq!(code, 2);
}

#[test]
fn formats() {
    let (old, new) = pair("request-property-added-required");
    let (code, out, _) = run(&[
        "diff",
        &old,
        &new,
        "--format",
        "json",
        "--crate-version",
        "0.1.0",
    ]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["breaking"], true);
    assert_eq!(value["bump"]["level"], "minor");
    assert_eq!(value["bump"]["to"], "0.2.0");
    assert_eq!(
        value["changes"][0]["rule"],
        "request-property-added-required"
    );
    assert_eq!(value["changes"][0]["category"], "property");
    assert_eq!(value["changes"][0]["subject"], "NewItem.owner");

    let (code, out, _) = run(&["diff", &old, &new, "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("### API changes"), "{out}");
    assert!(out.contains("#### Breaking (1)"), "{out}");
    assert!(out.contains("`request-property-added-required`"), "{out}");
    assert!(out.contains("#### Descriptions (0)"), "{out}");

    let (old, new) = pair("description-changed");
    let (_, out, _) = run(&["diff", &old, &new, "--format", "markdown"]);
    assert!(
        out.contains("<details><summary>Descriptions (1)</summary>"),
        "{out}"
    );
}

#[test]
fn changelog_sections_go_on_top_of_the_file() {
    let copy = spec_copy("changelog");
    edit_json(&copy.join("components/schemas/Persona.json"), |v| {
        v["enum"].as_array_mut().unwrap().push("admin".into());
    });
    edit_json(&copy.join("components/schemas/SsoIntegration.json"), |v| {
        v["properties"]["enabled"]["description"] = "Whether it is on.".into();
    });
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("CHANGELOG.md");
    std::fs::write(
        &file,
        "# Changelog\n\nIntro.\n\n## [0.1.0] - 2026-11-22\n\n### Added\n\n- everything\n",
    )
    .unwrap();
    let (spec, new) = (project_spec(), copy.display().to_string());
    let (code, out, err) = run(&[
        "diff",
        &spec.display().to_string(),
        &new,
        "--format",
        "changelog",
        "--crate-version",
        "0.1.0",
        "--date",
        "2026-11-30",
        "--changelog-file",
        &file.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "## [0.1.1] - 2026-11-30\n\n### Added\n\n- `Persona`: value `admin` added as `Persona::Admin`\n\n\
         ### Documentation\n\n- `SsoIntegration.enabled`: description changed\n"
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        written,
        format!("# Changelog\n\nIntro.\n\n{out}\n## [0.1.0] - 2026-11-22\n\n### Added\n\n- everything\n")
    );
    // A breaking change goes under Breaking and bumps the minor.
    let (old, new) = pair("operation-removed");
    let (_, out, _) = run(&[
        "diff",
        &old,
        &new,
        "--format",
        "changelog",
        "--crate-version",
        "0.3.1",
        "--date",
        "2026-12-01",
    ]);
    assert!(
        out.starts_with("## [0.4.0] - 2026-12-01\n\n### Breaking\n\n- `"),
        "{out}"
    );
}

/// A property of one value is a constant of its struct: a new value, or a second one (it
/// becomes a field), is a change of the property's type.
#[test]
fn a_constant_property_changing_is_reported() {
    let base = fixtures().join("property-type-changed/old.json");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-constant");
    std::fs::create_dir_all(&dir).unwrap();
    let with_kind = |name: &str, values: &[&str]| {
        let path = dir.join(name);
        std::fs::copy(&base, &path).unwrap();
        edit_json(&path, |spec| {
            let item = &mut spec["components"]["schemas"]["Item"];
            item["properties"]["kind"] = serde_json::json!({"type": "string", "enum": values});
            item["required"]
                .as_array_mut()
                .expect("Item lists required properties")
                .push("kind".into());
        });
        path
    };
    let one = with_kind("one.json", &["disk"]);
    let other = with_kind("other.json", &["volume"]);
    let two = with_kind("two.json", &["disk", "volume"]);
    let details = |old: &Path, new: &Path| -> Vec<(String, String, String)> {
        let report = diff::diff(old, new).expect("diff");
        report
            .changes
            .iter()
            .map(|c| {
                (
                    c.rule.name().to_string(),
                    c.subject.clone(),
                    c.detail.clone(),
                )
            })
            .collect()
    };
    let changed = details(&one, &other);
    assert!(
        changed
            .iter()
            .any(|(rule, subject, detail)| rule == "property-type-changed"
                && subject == "Item.kind"
                && detail.contains("was always \"disk\", now always \"volume\"")),
        "{changed:?}"
    );
    let widened = details(&one, &two);
    assert!(
        widened
            .iter()
            .any(|(rule, subject, detail)| rule == "property-type-changed"
                && subject == "Item.kind"
                && detail.contains("now a field")),
        "{widened:?}"
    );
    assert!(details(&one, &one).is_empty());
}

// --- Swagger 2.0 ---

/// The `swagger2` fixture against its OpenAPI 3.0 rewrite (by hand, with refs into
/// `components/parameters` and `components/responses` where 2.0 had them): the same API.
#[test]
fn a_swagger_2_document_against_its_openapi_3_rewrite_has_no_changes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/swagger2");
    let report = diff::diff(&dir.join("openapi.json"), &dir.join("as_openapi3.json")).unwrap();
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
    // Both ways: a change that only one side can see would show here.
    let back = diff::diff(&dir.join("as_openapi3.json"), &dir.join("openapi.json")).unwrap();
    assert!(back.changes.is_empty(), "{:#?}", back.changes);
}
