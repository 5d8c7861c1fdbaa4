//! Recursive schemas: a type that contains itself by value (directly, through `Option`, or
//! through other models) has infinite size, so some fields must hold a `Box`.
//!
//! Edges are "contains by value": struct fields, union variants and aliases naming a model.
//! `Vec` and maps are already indirect. While a cycle remains, one struct field on it is
//! boxed: an optional one if there is one, the one closest to where the search closed the
//! cycle otherwise. A cycle made only of unions and aliases has no
//! field to box, and is an error.

use crate::error::{Error, Result};
use crate::ir::{Model, ModelKind, TypeRef};
use crate::resolve::Spec;
use std::collections::{BTreeMap, BTreeSet};

/// One by-value edge: from a model to another, through a struct field (boxable) or not.
struct Edge {
    to: String,
    field: Option<usize>,
}

fn edges(model: &Model) -> Vec<Edge> {
    let named = |ty: &TypeRef, field: Option<usize>| match ty {
        TypeRef::Named(name) => Some(Edge {
            to: name.clone(),
            field,
        }),
        _ => None,
    };
    match &model.kind {
        ModelKind::Struct(st) => (st.fields.iter().enumerate())
            .filter(|(_, f)| !f.boxed)
            .filter_map(|(i, f)| named(&f.ty, Some(i)))
            .collect(),
        ModelKind::Alias(ty) => named(ty, None).into_iter().collect(),
        ModelKind::Union(union) => (union.variants.iter())
            .filter_map(|v| named(&v.ty, None))
            .collect(),
        ModelKind::Statuses(variants) => {
            variants.iter().filter_map(|v| named(&v.ty, None)).collect()
        }
        ModelKind::Enum(_) => Vec::new(),
    }
}

/// Boxes fields until no model contains itself by value.
pub fn break_cycles(models: &mut BTreeMap<String, Model>, spec: &Spec) -> Result<()> {
    // Each round boxes one field, so there are at most as many rounds as fields.
    while let Some(cycle) = find_cycle(models) {
        // `Option<Box<T>>` is the usual shape of a recursive link, so optional fields go first.
        let optional = |model: &str, field: usize| match models.get(model).map(|m| &m.kind) {
            Some(ModelKind::Struct(st)) => st.fields.get(field).is_some_and(|f| f.optional),
            _ => false,
        };
        let candidates =
            || (cycle.iter().rev()).filter_map(|(model, field)| field.map(|f| (model.clone(), f)));
        let boxable = candidates()
            .find(|(model, field)| optional(model, *field))
            .or_else(|| candidates().next());
        let Some((model, field)) = boxable else {
            let first = cycle.first().map(|(m, _)| m.clone()).unwrap_or_default();
            let origin = models.get(&first).map(|m| m.origin.clone());
            // Spec names read better than Rust ones (`A`, not its model `A1`).
            let names: Vec<String> = (cycle.iter())
                .map(|(m, _)| match models.get(m) {
                    Some(model) => model.origin.rsplit('/').next().unwrap_or(m).to_string(),
                    None => m.clone(),
                })
                .map(|name| crate::pointer::unescape(&name))
                .collect();
            return Err(Error::Unsupported {
                at: spec.locate(&origin.unwrap_or_default()),
                what: format!(
                    "schemas that contain themselves only through $ref aliases, oneOf or anyOf \
                     ({}); put an object with a property on the cycle",
                    names.join(" -> ")
                ),
            });
        };
        match models.get_mut(&model).map(|m| &mut m.kind) {
            Some(ModelKind::Struct(st)) => match st.fields.get_mut(field) {
                Some(f) => f.boxed = true,
                None => break,
            },
            _ => break,
        }
    }
    Ok(())
}

/// The first by-value cycle.
fn find_cycle(models: &BTreeMap<String, Model>) -> Option<Vec<(String, Option<usize>)>> {
    let graph: BTreeMap<&str, Vec<Edge>> = models
        .iter()
        .map(|(name, model)| (name.as_str(), edges(model)))
        .collect();
    first_cycle(&graph)
}

/// Type aliases cannot refer to themselves even through `Vec` or a map (`type A = Vec<A>`
/// does not compile): in the alias that closes such a loop, the reference becomes
/// `serde_json::Value`, a documented fallback.
pub fn break_alias_cycles(models: &mut BTreeMap<String, Model>) {
    fn named_in(ty: &TypeRef, out: &mut Vec<String>) {
        match ty {
            TypeRef::Named(name) => out.push(name.clone()),
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                named_in(inner, out)
            }
            _ => {}
        }
    }
    fn replace(ty: &mut TypeRef, target: &str) {
        match ty {
            TypeRef::Named(name) if name == target => *ty = TypeRef::Json,
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                replace(inner, target)
            }
            _ => {}
        }
    }
    // Each round removes one reference, so this ends.
    loop {
        let aliases: BTreeMap<&str, Vec<Edge>> = models
            .iter()
            .filter_map(|(name, model)| match &model.kind {
                ModelKind::Alias(ty) => {
                    let mut targets = Vec::new();
                    named_in(ty, &mut targets);
                    let edges = targets
                        .into_iter()
                        .filter(|t| {
                            matches!(models.get(t).map(|m| &m.kind), Some(ModelKind::Alias(_)))
                        })
                        .map(|to| Edge { to, field: None })
                        .collect();
                    Some((name.as_str(), edges))
                }
                _ => None,
            })
            .collect();
        let Some(cycle) = first_cycle(&aliases) else {
            return;
        };
        let (Some((first, _)), Some((last, _))) = (cycle.first(), cycle.last()) else {
            return;
        };
        let (first, last) = (first.clone(), last.clone());
        match models.get_mut(&last).map(|m| &mut m.kind) {
            Some(ModelKind::Alias(ty)) => replace(ty, &first),
            _ => return,
        }
    }
}

/// The first cycle a depth-first search in name order meets: the models on it, each with the
/// field (if any) through which it points to the next.
fn first_cycle(graph: &BTreeMap<&str, Vec<Edge>>) -> Option<Vec<(String, Option<usize>)>> {
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for &start in graph.keys() {
        if done.contains(start) {
            continue;
        }
        // An explicit stack of (model, edges tried so far), so deep schemas cannot overflow it.
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some((node, tried)) = path.last().copied() {
            let out = graph.get(node).map(Vec::as_slice).unwrap_or_default();
            let Some(edge) = out.get(tried) else {
                done.insert(node);
                path.pop();
                continue;
            };
            if let Some(last) = path.last_mut() {
                last.1 += 1;
            }
            let to = edge.to.as_str();
            if let Some(pos) = path.iter().position(|(n, _)| *n == to) {
                // Each model on the cycle left by the edge before its count of tried edges.
                return Some(
                    (path.iter().skip(pos))
                        .map(|(n, tried)| {
                            let field = (graph.get(n))
                                .and_then(|out| out.get(tried.saturating_sub(1)))
                                .and_then(|e| e.field);
                            (n.to_string(), field)
                        })
                        .collect(),
                );
            }
            if !done.contains(to) && graph.contains_key(to) {
                path.push((to, 0));
            }
        }
    }
    None
}
