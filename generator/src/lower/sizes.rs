//! Large alternatives of enums are boxed.
//!
//! An enum is as big as its biggest variant, so one alternative holding a wide struct makes
//! every value of it, the small ones too, that big (clippy's `large_enum_variant`). Variants of
//! unions, status enums, the webhooks' `Event` and `ErrorBody` whose payload may exceed
//! [`LIMIT`] bytes hold a `Box` instead. (The runtime boxes every `ErrorBody` it holds.)
//! Sizes are estimated from above (each field rounded up to 8 bytes, `Option` adding 8), so an
//! alternative left unboxed is never bigger than the estimate.

use crate::ir::{Model, ModelKind, TypeRef};
use std::collections::{BTreeMap, HashMap};

/// Payloads estimated above this many bytes are boxed. Clippy warns from a 200-byte
/// difference between the two largest variants; every unboxed payload stays under this.
pub const LIMIT: usize = 128;

/// Boxes the large variants of every union and status enum.
pub fn box_large_variants(models: &mut BTreeMap<String, Model>) {
    let mut sizes = Sizes {
        models,
        memo: HashMap::new(),
    };
    let mut big: Vec<(String, usize)> = Vec::new();
    for (name, model) in sizes.models {
        // A tagged union also has its catch-all `Unknown(serde_json::Value)` variant.
        let (variants, catch_all) = match &model.kind {
            ModelKind::Union(union) => (&union.variants, union.tag.is_some()),
            ModelKind::Statuses(variants) => (variants, false),
            _ => continue,
        };
        if variants.len() + usize::from(catch_all) < 2 {
            continue;
        }
        for (i, variant) in variants.iter().enumerate() {
            if sizes.of(&variant.ty, &mut Vec::new()) > LIMIT {
                big.push((name.clone(), i));
            }
        }
    }
    for (name, i) in big {
        let variant = match models.get_mut(&name).map(|m| &mut m.kind) {
            Some(ModelKind::Union(union)) => union.variants.get_mut(i),
            Some(ModelKind::Statuses(variants)) => variants.get_mut(i),
            _ => None,
        };
        if let Some(variant) = variant {
            variant.ty = TypeRef::Boxed(Box::new(variant.ty.clone()));
        }
    }
}

struct Sizes<'a> {
    models: &'a BTreeMap<String, Model>,
    memo: HashMap<String, usize>,
}

impl Sizes<'_> {
    /// An upper bound of `size_of` for the type, in bytes.
    fn of(&mut self, ty: &TypeRef, visiting: &mut Vec<String>) -> usize {
        match ty {
            TypeRef::Bool | TypeRef::Integer { .. } | TypeRef::Float | TypeRef::Unit => 8,
            TypeRef::String | TypeRef::Vec(_) | TypeRef::Map(_) | TypeRef::Number => 24,
            TypeRef::Bytes => 32,
            TypeRef::File => 64,
            // `serde_json::Value` with `preserve_order` holds an `IndexMap`.
            TypeRef::Json => 80,
            TypeRef::Boxed(_) => 8,
            TypeRef::Nullable(inner) => self.of(inner, visiting) + 8,
            TypeRef::Named(name) => self.model(name, visiting),
        }
    }

    fn model(&mut self, name: &str, visiting: &mut Vec<String>) -> usize {
        if let Some(size) = self.memo.get(name) {
            return *size;
        }
        // A by-value cycle is broken by a `Box` somewhere on it.
        if visiting.iter().any(|v| v == name) {
            return 8;
        }
        let Some(model) = self.models.get(name) else {
            return 8;
        };
        visiting.push(name.to_string());
        let size = match &model.kind {
            ModelKind::Struct(st) => {
                let fields: usize = (st.fields.iter())
                    .map(|f| {
                        let inner = if f.boxed { 8 } else { self.of(&f.ty, visiting) };
                        inner + if f.optional { 8 } else { 0 }
                    })
                    .sum();
                fields + st.additional.as_ref().map_or(0, |_| 24)
            }
            ModelKind::Enum(_) => 32,
            ModelKind::Alias(ty) => self.of(ty, visiting),
            ModelKind::Union(union) => {
                let largest = (union.variants.iter())
                    .map(|v| self.of(&v.ty, visiting))
                    .max()
                    .unwrap_or(0);
                // The tag, and the catch-all `Unknown(serde_json::Value)` of tagged unions.
                largest.max(80) + 8
            }
            ModelKind::Statuses(variants) => {
                (variants.iter())
                    .map(|v| self.of(&v.ty, visiting))
                    .max()
                    .unwrap_or(0)
                    + 8
            }
        };
        visiting.pop();
        self.memo.insert(name.to_string(), size);
        size
    }
}

/// Boxes the large payloads of webhooks, which are variants of one `Event` enum.
pub fn box_large_payloads(
    models: &BTreeMap<String, Model>,
    mut webhooks: Vec<crate::ir::Webhook>,
) -> Vec<crate::ir::Webhook> {
    box_large(
        models,
        webhooks.iter_mut().map(|w| &mut w.payload).collect(),
    );
    webhooks
}

/// Boxes the large error types, which are variants of `ErrorBody` when there are several.
pub fn box_large_errors(models: &BTreeMap<String, Model>, mut types: Vec<TypeRef>) -> Vec<TypeRef> {
    box_large(models, types.iter_mut().collect());
    types
}

/// Boxes the payloads above [`LIMIT`] of one enum's variants (one variant needs none).
fn box_large(models: &BTreeMap<String, Model>, payloads: Vec<&mut TypeRef>) {
    if payloads.len() < 2 {
        return;
    }
    let mut sizes = Sizes {
        models,
        memo: HashMap::new(),
    };
    for payload in payloads {
        if sizes.of(payload, &mut Vec::new()) > LIMIT {
            *payload = TypeRef::Boxed(Box::new(payload.clone()));
        }
    }
}
