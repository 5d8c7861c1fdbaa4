//! Security schemes and requirements, read from the resolved spec (the IR has no auth).

use super::model::Rule;
use super::operations::find;
use super::{Sides, Sink};
use crate::resolve::Spec;
use openapiv3::{ReferenceOr, SecurityRequirement};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One way to authenticate: the schemes it needs (with their scopes).
type Alternative = BTreeMap<String, BTreeSet<String>>;

/// Compares the schemes, the document-wide requirement and each operation's own.
pub fn compare(sides: &Sides<'_>, sink: &mut Sink) {
    schemes(sides.old, sides.new, sink);
    let (old_global, new_global) = (&sides.old.api.security, &sides.new.api.security);
    requirement(
        "security",
        old_global.as_deref(),
        new_global.as_deref(),
        sink,
    );
    for old_op in &sides.old_api.operations {
        let Some(new_op) = find(&sides.new_api.operations, &old_op.method_name) else {
            continue;
        };
        let own = |spec: &Spec, path: &str, method: &str| {
            raw_operation(spec, path, method).and_then(|op| op.security.clone())
        };
        let old_own = own(sides.old, &old_op.path, &old_op.http_method);
        let new_own = own(sides.new, &new_op.path, &new_op.http_method);
        // Operations without their own requirement follow the document's, compared above.
        if old_own.is_none() && new_own.is_none() {
            continue;
        }
        let old_effective = old_own.as_deref().or(old_global.as_deref());
        let new_effective = new_own.as_deref().or(new_global.as_deref());
        let subject = format!("{}: security", old_op.method_name);
        requirement(&subject, old_effective, new_effective, sink);
    }
}

fn raw_operation<'a>(spec: &'a Spec, path: &str, method: &str) -> Option<&'a openapiv3::Operation> {
    let ReferenceOr::Item(item) = spec.api.paths.paths.get(path)? else {
        return None;
    };
    item.iter()
        .find(|(m, _)| m.eq_ignore_ascii_case(method))
        .map(|(_, op)| op)
}

/// A scheme as comparable JSON: no description or extensions, the HTTP scheme lower-cased.
fn scheme_shape(value: &Value) -> Value {
    let Value::Object(map) = value else {
        return value.clone();
    };
    let mut shape = map.clone();
    shape.retain(|key, _| key != "description" && !key.starts_with("x-"));
    if let Some(Value::String(scheme)) = shape.get_mut("scheme") {
        *scheme = scheme.to_ascii_lowercase();
    }
    Value::Object(shape)
}

fn scheme_values(spec: &Spec) -> BTreeMap<String, Value> {
    let Some(components) = &spec.api.components else {
        return BTreeMap::new();
    };
    components
        .security_schemes
        .iter()
        .filter_map(|(name, scheme)| match scheme {
            ReferenceOr::Item(scheme) => Some((name.clone(), serde_json::to_value(scheme).ok()?)),
            ReferenceOr::Reference { .. } => None,
        })
        .collect()
}

fn describe(value: &Value) -> String {
    let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or("");
    match text("type") {
        "http" => format!("HTTP {}", text("scheme")),
        "apiKey" => format!("API key in {} `{}`", text("in"), text("name")),
        "" => "unknown".into(),
        other => other.to_string(),
    }
}

fn schemes(old: &Spec, new: &Spec, sink: &mut Sink) {
    let (before, after) = (scheme_values(old), scheme_values(new));
    for (name, o) in &before {
        let subject = format!("security scheme {name}");
        match after.get(name) {
            None => sink.push(
                Rule::SecuritySchemeRemoved,
                subject,
                format!("removed ({})", describe(o)),
            ),
            Some(n) => {
                if scheme_shape(o) != scheme_shape(n) {
                    sink.push(
                        Rule::SecuritySchemeChanged,
                        &subject,
                        format!("was {}, now {}", describe(o), describe(n)),
                    );
                }
                let text = |v: &Value| {
                    v.get("description")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                };
                sink.doc(&subject, &text(o), &text(n));
            }
        }
    }
    for (name, n) in &after {
        if !before.contains_key(name) {
            sink.push(
                Rule::SecuritySchemeAdded,
                format!("security scheme {name}"),
                format!("added ({})", describe(n)),
            );
        }
    }
}

/// The alternatives of a requirement list; no list, or an empty one, means anonymous.
fn alternatives(requirements: Option<&[SecurityRequirement]>) -> BTreeSet<Alternative> {
    let list = requirements.unwrap_or(&[]);
    if list.is_empty() {
        return BTreeSet::from([Alternative::new()]);
    }
    list.iter()
        .map(|req| {
            req.iter()
                .map(|(scheme, scopes)| (scheme.clone(), scopes.iter().cloned().collect()))
                .collect()
        })
        .collect()
}

fn show(alternatives: &BTreeSet<Alternative>) -> String {
    alternatives
        .iter()
        .map(|alt| {
            if alt.is_empty() {
                "none".to_string()
            } else {
                alt.keys().cloned().collect::<Vec<_>>().join(" + ")
            }
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

/// An old way to authenticate still works when some new alternative needs no more than it.
fn accepted(old: &Alternative, new: &BTreeSet<Alternative>) -> bool {
    new.iter().any(|alt| {
        alt.iter()
            .all(|(scheme, scopes)| old.get(scheme).is_some_and(|have| scopes.is_subset(have)))
    })
}

fn requirement(
    subject: &str,
    old: Option<&[SecurityRequirement]>,
    new: Option<&[SecurityRequirement]>,
    sink: &mut Sink,
) {
    let (before, after) = (alternatives(old), alternatives(new));
    if before == after {
        return;
    }
    let rule = if before.iter().all(|alt| accepted(alt, &after)) {
        Rule::SecurityRequirementRelaxed
    } else {
        Rule::SecurityRequirementTightened
    };
    sink.push(
        rule,
        subject,
        format!("was {}, now {}", show(&before), show(&after)),
    );
}
