//! Required properties that can hold one value only become constants of their struct.
//!
//! A union's alternatives often say which one they are with a property of one possible
//! value (`type: {enum: ["disk"]}`, Oxide has over a hundred). As a field, each is a string
//! enum of its own, which users must name to build the struct although it can only be the
//! one value, and which the crate compiles as a type with its conversions and serde impls.
//! As a constant it is an associated `const` that the struct sends with every value.

use crate::ir::{Constant, Model, ModelKind, Operation, SpecExample, TypeRef, Webhook};
use crate::names::{self, Namer};
use std::collections::{BTreeMap, BTreeSet};

/// Folds each one-value enum that only required fields of structs use into constants of
/// those structs, and drops the enum. Enums named by a component, or used anywhere else
/// (a parameter, a body, a union, an array, a nullable field), stay as they are.
pub fn fold(
    models: &mut BTreeMap<String, Model>,
    operations: &[Operation],
    webhooks: &[Webhook],
    error_types: &[TypeRef],
    examples: &[SpecExample],
) {
    let mut foldable: BTreeMap<String, String> = models
        .iter()
        .filter(|(_, model)| !is_component(&model.origin))
        .filter_map(|(name, model)| match &model.kind {
            ModelKind::Enum(en) if en.variants.len() == 1 => {
                Some((name.clone(), en.variants[0].wire.clone()))
            }
            _ => None,
        })
        .collect();
    if foldable.is_empty() {
        return;
    }
    // Every use that is not a plain required field rules its enum out.
    let mut kept = BTreeSet::new();
    let mut keep = |ty: &TypeRef| named_in(ty, &mut kept);
    for model in models.values() {
        match &model.kind {
            ModelKind::Struct(st) => {
                for field in &st.fields {
                    if field.optional || field.boxed || !matches!(field.ty, TypeRef::Named(_)) {
                        keep(&field.ty);
                    }
                }
                if let Some((_, ty)) = &st.additional {
                    keep(ty);
                }
            }
            ModelKind::Alias(ty) => keep(ty),
            ModelKind::Union(union) => union.variants.iter().for_each(|v| keep(&v.ty)),
            ModelKind::Statuses(variants) => variants.iter().for_each(|v| keep(&v.ty)),
            ModelKind::Enum(_) => {}
        }
    }
    for op in operations {
        op.params.iter().for_each(|p| keep(&p.ty));
        op.body.iter().for_each(|b| keep(&b.ty));
        keep(&op.success);
        op.success_statuses.iter().for_each(|s| keep(&s.ty));
        op.streaming.iter().for_each(|s| keep(&s.item));
        op.error_statuses.iter().for_each(|s| keep(&s.ty));
        op.default_error.iter().for_each(&mut keep);
    }
    webhooks.iter().for_each(|w| keep(&w.payload));
    error_types.iter().for_each(&mut keep);
    examples.iter().for_each(|e| keep(&e.ty));
    foldable.retain(|name, _| !kept.contains(name));

    let mut used = BTreeSet::new();
    for model in models.values_mut() {
        let ModelKind::Struct(st) = &mut model.kind else {
            continue;
        };
        let fields = std::mem::take(&mut st.fields);
        let mut namer = Namer::default();
        for field in fields {
            let folded = match &field.ty {
                TypeRef::Named(name) => foldable.get_key_value(name),
                _ => None,
            };
            let Some((enum_name, value)) = folded else {
                st.fields.push(field);
                continue;
            };
            used.insert(enum_name.clone());
            // Claimed in snake case (as a field would be), written in upper case.
            let name = namer.claim(names::bare(&names::snake_name(&field.wire)));
            st.constants.push(Constant {
                name: name.to_uppercase(),
                wire: field.wire,
                value: value.clone(),
                doc: field.doc,
            });
        }
    }
    models.retain(|name, _| !used.contains(name));
}

/// Whether a model is a schema of `components/schemas` itself (its name is the spec's).
fn is_component(origin: &str) -> bool {
    origin
        .strip_prefix("/components/schemas/")
        .is_some_and(|rest| !rest.contains('/'))
}

/// Adds the models `ty` names at its top or inside it to `out`.
fn named_in(ty: &TypeRef, out: &mut BTreeSet<String>) {
    match ty {
        TypeRef::Named(name) => {
            out.insert(name.clone());
        }
        TypeRef::Nullable(inner)
        | TypeRef::Vec(inner)
        | TypeRef::Map(inner)
        | TypeRef::Boxed(inner) => named_in(inner, out),
        _ => {}
    }
}
