//! Unions whose alternatives say which one they are, without a `discriminator`.
//!
//! Many documents (Oxide's, for one) write `oneOf` objects that each require a property, often
//! `type`, holding a value of their own (`enum: ["explicit"]`). Tried in order, such a union
//! decodes every value as its first alternative that fits, whatever the value says: string
//! enums keep unknown values, so the property never rules an alternative out. Read as the tag
//! it is, the property picks the alternative, and a value no alternative claims is kept.

use crate::ir::{Model, ModelKind, Tag, TypeRef, UnionVariant};
use crate::names::{self, Namer};
use std::collections::BTreeMap;

/// Gives a tag to every union without one whose alternatives all require one property with
/// values of their own.
pub fn infer_tags(models: &mut BTreeMap<String, Model>) {
    let mut found: Vec<(String, String, Vec<Vec<String>>)> = Vec::new();
    for (name, model) in models.iter() {
        let ModelKind::Union(union) = &model.kind else {
            continue;
        };
        if union.tag.is_some() || union.variants.len() < 2 {
            continue;
        }
        if let Some((tag, values)) = find_tag(models, &union.variants) {
            found.push((name.clone(), tag, values));
        }
    }
    for (name, tag, values) in found {
        let Some(ModelKind::Union(union)) = models.get_mut(&name).map(|m| &mut m.kind) else {
            continue;
        };
        let mut namer = Namer::default();
        let other = namer.claim(super::schema::CATCH_ALL);
        for (variant, values) in union.variants.iter_mut().zip(values) {
            // Named for its tag, as alternatives of a declared discriminator are.
            if let [value] = values.as_slice() {
                variant.name = namer.claim(&names::type_name(value));
            } else {
                variant.name = namer.claim(&variant.name);
            }
            variant.tag_values = values;
        }
        union.tag = Some(Tag {
            property: tag,
            other,
        });
    }
}

/// The property that tags every alternative, and each alternative's values of it.
fn find_tag(
    models: &BTreeMap<String, Model>,
    variants: &[UnionVariant],
) -> Option<(String, Vec<Vec<String>>)> {
    let structs: Vec<_> = variants
        .iter()
        .map(|v| match &model_of(models, &v.ty)?.kind {
            ModelKind::Struct(st) => Some(st),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let candidates = structs.first()?.fields.iter().map(|f| &f.wire);
    'candidate: for wire in candidates {
        let mut all: Vec<Vec<String>> = Vec::new();
        for st in &structs {
            let Some(values) = st
                .fields
                .iter()
                .find(|f| f.wire == *wire && f.required && !f.optional)
                .and_then(|f| enum_values(models, &f.ty))
            else {
                continue 'candidate;
            };
            if all.iter().flatten().any(|seen| values.contains(seen)) {
                continue 'candidate;
            }
            all.push(values);
        }
        return Some((wire.clone(), all));
    }
    None
}

/// The values of a string enum model.
fn enum_values(models: &BTreeMap<String, Model>, ty: &TypeRef) -> Option<Vec<String>> {
    match &model_of(models, ty)?.kind {
        ModelKind::Enum(en) if !en.variants.is_empty() => {
            Some(en.variants.iter().map(|v| v.wire.clone()).collect())
        }
        _ => None,
    }
}

/// The model a type names, through boxes and aliases.
fn model_of<'a>(models: &'a BTreeMap<String, Model>, ty: &TypeRef) -> Option<&'a Model> {
    let mut ty = ty;
    for _ in 0..=models.len() {
        match ty {
            TypeRef::Boxed(inner) => ty = inner,
            TypeRef::Named(name) => {
                let model = models.get(name)?;
                match &model.kind {
                    ModelKind::Alias(target) => ty = target,
                    _ => return Some(model),
                }
            }
            _ => return None,
        }
    }
    None
}
