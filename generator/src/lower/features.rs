//! Per-tag Cargo features: in an API whose operations carry more than one tag, each tag's
//! request module gets a feature, and each model is compiled when an enabled feature reaches
//! it (through parameters, bodies, responses and the models those hold). A parent tag's
//! feature (OpenAPI 3.2) turns on its children's.

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
        .map(|module| (module.to_string(), feature_name(module)))
        .collect()
}

/// The feature a module's name gives.
fn feature_name(module: &str) -> String {
    let bare = module.trim_start_matches("r#");
    // Operations without a tag live in `default`, a name Cargo keeps for itself.
    match bare {
        "default" => "untagged".to_string(),
        name if taken(name) => format!("{name}_tag"),
        _ => bare.to_string(),
    }
}

/// Gives a feature to each parent tag without operations (`parents_only`, by module), when
/// there are features at all, clear of the others' names.
pub fn add_parents(features: &mut BTreeMap<String, String>, parents_only: &[&str]) {
    if features.is_empty() {
        return;
    }
    for module in parents_only {
        let mut feature = feature_name(module);
        while taken(&feature) || features.values().any(|f| *f == feature) {
            feature.push_str("_tag");
        }
        features.insert(module.to_string(), feature);
    }
}

/// The features each feature turns on: those of the modules nested under its own (`parents`:
/// a module's parent module), the nearest ones only (Cargo follows the rest), never itself.
/// The configuration file's grouping can make two features turn each other on, which Cargo
/// refuses: the edge that closes such a loop is left out with a warning.
pub fn includes(
    features: &BTreeMap<String, String>,
    parents: &BTreeMap<String, String>,
    mut warn: impl FnMut(String),
) -> BTreeMap<String, Vec<String>> {
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (child, parent) in parents {
        if features.contains_key(child) && features.contains_key(parent) {
            children.entry(parent).or_default().push(child);
        }
    }
    let mut found: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for feature in features.values() {
        let mut stack: Vec<&str> = (features.iter())
            .filter(|(_, f)| *f == feature)
            .map(|(module, _)| module.as_str())
            .collect();
        let mut seen: BTreeSet<&str> = stack.iter().copied().collect();
        while let Some(module) = stack.pop() {
            for child in children.get(module).into_iter().flatten() {
                if !seen.insert(child) {
                    continue;
                }
                // A child grouped into the same feature is part of it: look under it.
                match features[*child].as_str() {
                    same if same == feature => stack.push(child),
                    other => {
                        found.entry(feature).or_default().insert(other);
                    }
                }
            }
        }
    }
    // Depth first, in name order: an edge back to a feature on the way is a loop.
    fn visit<'a>(
        at: &'a str,
        found: &mut BTreeMap<&'a str, BTreeSet<&'a str>>,
        on_way: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        warn: &mut dyn FnMut(String),
    ) {
        if !done.insert(at) {
            return;
        }
        on_way.push(at);
        let next: Vec<&str> = found.get(at).into_iter().flatten().copied().collect();
        for to in next {
            if on_way.contains(&to) {
                if let Some(set) = found.get_mut(at) {
                    set.remove(to);
                }
                warn(format!(
                    "the configuration file's features make `{at}` and `{to}` turn each other \
                     on (a parent tag and its child grouped apart); `{at}` does not turn on `{to}`"
                ));
            } else {
                visit(to, found, on_way, done, warn);
            }
        }
        on_way.pop();
    }
    let mut done = BTreeSet::new();
    let starts: Vec<&str> = found.keys().copied().collect();
    for start in starts {
        visit(start, &mut found, &mut Vec::new(), &mut done, &mut warn);
    }
    found
        .into_iter()
        .filter(|(_, set)| !set.is_empty())
        .map(|(feature, set)| {
            let set = set.into_iter().map(String::from).collect();
            (feature.to_string(), set)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        (pairs.iter())
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn lists(found: &BTreeMap<String, Vec<String>>) -> Vec<(&str, Vec<&str>)> {
        (found.iter())
            .map(|(f, list)| (f.as_str(), list.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn a_parent_turns_on_its_children_and_a_grandparent_its_own() {
        let mut features = map(&[("cats", "cats"), ("dogs", "dogs"), ("kittens", "kittens")]);
        // `pets` and `animals` have no operations; `tracing` is one of the runtime's names.
        add_parents(&mut features, &["pets", "tracing", "animals"]);
        let parents = map(&[
            ("pets", "animals"),
            ("cats", "pets"),
            ("dogs", "pets"),
            ("kittens", "cats"),
        ]);
        let mut warnings = Vec::new();
        let found = includes(&features, &parents, |w| warnings.push(w));
        assert!(warnings.is_empty());
        assert_eq!(features["tracing"], "tracing_tag");
        assert_eq!(
            lists(&found),
            [
                ("animals", vec!["pets"]),
                ("cats", vec!["kittens"]),
                ("pets", vec!["cats", "dogs"]),
            ]
        );
    }

    #[test]
    fn no_features_no_parent_features() {
        let mut features = BTreeMap::new();
        add_parents(&mut features, &["pets"]);
        assert!(features.is_empty());
    }

    #[test]
    fn grouping_looks_through_its_own_modules_and_breaks_loops() {
        // `pets` and `kittens` share `x`; `cats` sits between them.
        let features = map(&[
            ("pets", "x"),
            ("cats", "cats"),
            ("kittens", "x"),
            ("dogs", "x"),
        ]);
        let parents = map(&[("cats", "pets"), ("dogs", "pets"), ("kittens", "cats")]);
        let mut warnings = Vec::new();
        let found = includes(&features, &parents, |w| warnings.push(w));
        assert_eq!(lists(&found), [("cats", vec!["x"])]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("`x` does not turn on `cats`"));
        // A feature never includes itself: a child grouped with its parent is part of it.
        let features = map(&[("pets", "all"), ("cats", "all")]);
        let found = includes(&features, &map(&[("cats", "pets")]), |_| {});
        assert!(found.is_empty());
    }
}
