//! Per-tag Cargo features: in an API whose operations carry more than one tag, each tag's
//! request module gets a feature, and each model is compiled when an enabled feature reaches
//! it (through parameters, bodies, responses and the models those hold).

use crate::ir::{Model, ModelKind, Operation, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// Whether a tag feature would take the name of another feature: the crate's own
/// `regenerate`, or one of the runtime's.
fn taken(name: &str) -> bool {
    name == "regenerate"
        || crate::runtime_features::RUNTIME_FEATURES
            .iter()
            .any(|(feature, _, _)| *feature == name)
}

/// The feature of each request module (none when there is only one module).
pub fn tag_features(operations: &[Operation]) -> BTreeMap<String, String> {
    let modules: BTreeSet<&str> = operations.iter().map(|op| op.module.as_str()).collect();
    if modules.len() < 2 {
        return BTreeMap::new();
    }
    modules
        .into_iter()
        .map(|module| {
            let bare = module.trim_start_matches("r#");
            // Operations without a tag live in `default`, a name Cargo keeps for itself.
            let feature = match bare {
                "default" => "untagged".to_string(),
                name if taken(name) => format!("{name}_tag"),
                _ => bare.to_string(),
            };
            (module.to_string(), feature)
        })
        .collect()
}

/// Puts the request modules of the tags each configured feature lists under that feature
/// (`module_of` names a tag's module). A feature name Cargo or the crate already uses, or a
/// tag no operation has, is left out with a warning.
pub fn group(
    features: &mut BTreeMap<String, String>,
    groups: &BTreeMap<String, Vec<String>>,
    module_of: fn(&str) -> String,
    mut warn: impl FnMut(String),
) {
    for (feature, tags) in groups {
        let valid = !feature.is_empty()
            && feature.starts_with(|c: char| c.is_ascii_alphanumeric())
            && feature
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid || taken(feature) || feature == "default" || feature == "untagged" {
            warn(format!(
                "the configuration file's feature `{feature}` cannot be used (not a free Cargo feature name)"
            ));
            continue;
        }
        for tag in tags {
            match features.get_mut(&module_of(tag)) {
                Some(slot) => *slot = feature.clone(),
                None => warn(format!(
                    "the configuration file's feature `{feature}` lists `{tag}`, which is no tag \
                     of an operation (or the API has a single one)"
                )),
            }
        }
    }
}

/// The features that need each model. A model absent from the map is always compiled: what
/// `always` reaches (error bodies, webhook payloads), what every feature reaches, and models
/// no operation reaches.
pub fn model_gates(
    operations: &[Operation],
    models: &BTreeMap<String, Model>,
    always_used: &[TypeRef],
    features: &BTreeMap<String, String>,
) -> BTreeMap<String, Vec<String>> {
    if features.is_empty() {
        return BTreeMap::new();
    }
    // One walk per feature, not per operation: the operations of a tag share most of their
    // models, and a walk per operation repeats the deep ones (a chain of references) each time.
    let mut by_feature: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in operations {
        by_feature
            .entry(features[&op.module].as_str())
            .or_default()
            .push(op);
    }
    let mut reached: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (feature, ops) in by_feature {
        let mut seen = BTreeSet::new();
        for ty in ops.into_iter().flat_map(operation_types) {
            reach(ty, models, &mut seen);
        }
        for name in seen {
            reached.entry(name).or_default().insert(feature);
        }
    }
    let mut always = BTreeSet::new();
    for ty in always_used {
        reach(ty, models, &mut always);
    }
    let all = features.len();
    reached
        .into_iter()
        .filter(|(name, needed)| !always.contains(name) && needed.len() < all)
        .map(|(name, needed)| {
            let needed = needed.into_iter().map(String::from).collect();
            (name.to_string(), needed)
        })
        .collect()
}

fn operation_types(op: &Operation) -> impl Iterator<Item = &TypeRef> {
    op.params
        .iter()
        .map(|p| &p.ty)
        .chain(op.body.as_ref().map(|b| &b.ty))
        .chain(std::iter::once(&op.success))
        .chain(op.success_statuses.iter().map(|s| &s.ty))
        .chain(op.streaming.as_ref().map(|s| &s.item))
        .chain(op.error_statuses.iter().map(|s| &s.ty))
        .chain(op.default_error.as_ref())
}

/// Adds every model `ty` holds, directly or through other models, to `seen`.
fn reach<'a>(ty: &'a TypeRef, models: &'a BTreeMap<String, Model>, seen: &mut BTreeSet<&'a str>) {
    let mut stack = vec![ty];
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Named(name) => {
                if !seen.insert(name) {
                    continue;
                }
                let Some(model) = models.get(name) else {
                    continue;
                };
                match &model.kind {
                    ModelKind::Struct(st) => {
                        stack.extend(st.fields.iter().map(|f| &f.ty));
                        stack.extend(st.additional.as_ref().map(|(_, ty)| ty));
                    }
                    ModelKind::Alias(ty) => stack.push(ty),
                    ModelKind::Union(union) => stack.extend(union.variants.iter().map(|v| &v.ty)),
                    ModelKind::Statuses(variants) => stack.extend(variants.iter().map(|v| &v.ty)),
                    ModelKind::Enum(_) => {}
                }
            }
            TypeRef::Nullable(inner)
            | TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::Boxed(inner) => stack.push(inner),
            _ => {}
        }
    }
}
