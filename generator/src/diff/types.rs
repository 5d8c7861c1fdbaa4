//! Comparing type references structurally: inline model names may shift between versions,
//! so two named types in the same place are paired and compared by shape, not by name.

use crate::ir::{Api, Body, BodyEncoding, Field, ModelKind, TypeRef};

/// A model of the old spec and the model of the new one found in the same place.
pub type Pair = (String, String);

/// Whether `old` and `new` are the same Rust type up to model names (and models of the same
/// kind); the named pairs met on the way are pushed to `pairs`.
pub fn pair_types(
    old: &TypeRef,
    new: &TypeRef,
    old_api: &Api,
    new_api: &Api,
    pairs: &mut Vec<Pair>,
) -> bool {
    match (old, new) {
        (TypeRef::Named(a), TypeRef::Named(b)) => {
            let same_kind = match (old_api.models.get(a), new_api.models.get(b)) {
                (Some(x), Some(y)) => kind_name(&x.kind) == kind_name(&y.kind),
                _ => a == b,
            };
            if same_kind {
                pairs.push((a.clone(), b.clone()));
            }
            same_kind
        }
        (TypeRef::Vec(a), TypeRef::Vec(b))
        | (TypeRef::Map(a), TypeRef::Map(b))
        | (TypeRef::Nullable(a), TypeRef::Nullable(b))
        | (TypeRef::Boxed(a), TypeRef::Boxed(b)) => pair_types(a, b, old_api, new_api, pairs),
        (a, b) => a == b,
    }
}

/// `struct`, `enum`, `alias`, `union` or `statuses`.
pub fn kind_name(kind: &ModelKind) -> &'static str {
    match kind {
        ModelKind::Struct(_) => "struct",
        ModelKind::Enum(_) => "enum",
        ModelKind::Alias(_) => "alias",
        ModelKind::Union(_) => "union",
        ModelKind::Statuses(_) => "statuses",
    }
}

/// The Rust spelling of a type, for messages (`Vec<SsoIntegration>`).
pub fn show(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::Integer { small: true } => "i32".into(),
        TypeRef::Integer { small: false } => "i64".into(),
        TypeRef::Float => "f64".into(),
        TypeRef::Number => "serde_json::Number".into(),
        TypeRef::Json => "serde_json::Value".into(),
        TypeRef::Bytes => "bytes::Bytes".into(),
        TypeRef::File => "FilePart".into(),
        TypeRef::Unit => "()".into(),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Vec(inner) => format!("Vec<{}>", show(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", show(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", show(inner)),
        TypeRef::Boxed(inner) => format!("Box<{}>", show(inner)),
    }
}

/// The Rust spelling of a field's type, with its `Box` and `Option`.
pub fn show_field(field: &Field) -> String {
    let ty = if field.boxed {
        format!("Box<{}>", show(&field.ty))
    } else {
        show(&field.ty)
    };
    if field.optional {
        format!("Option<{ty}>")
    } else {
        ty
    }
}

/// How a body is taken, by encoding: JSON and form bodies both take `&Model`.
pub fn body_shape(body: &Body) -> u8 {
    match body.encoding {
        BodyEncoding::Json | BodyEncoding::Form => 0,
        BodyEncoding::Text => 1,
        BodyEncoding::Binary => 2,
        BodyEncoding::Multipart => 3,
        BodyEncoding::Parts => 4,
    }
}

/// Where a model is used: in requests (users build it), responses (users read it), by which
/// client methods.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uses {
    /// Reached from a parameter or a request body.
    pub request: bool,
    /// Reached from a success or error body.
    pub response: bool,
    /// The client methods that reach it.
    pub operations: std::collections::BTreeSet<String>,
}

impl Uses {
    /// A use from one operation, in a request or a response.
    pub fn one(request: bool, operation: Option<&str>) -> Self {
        Uses {
            request,
            response: !request,
            operations: operation.into_iter().map(str::to_string).collect(),
        }
    }

    /// Adds `other`'s uses; `true` when that added anything.
    pub fn merge(&mut self, other: &Uses) -> bool {
        let before = (self.request, self.response, self.operations.len());
        self.request |= other.request;
        self.response |= other.response;
        self.operations.extend(other.operations.iter().cloned());
        before != (self.request, self.response, self.operations.len())
    }

    /// Whether users may build it. A model no operation reaches counts as both built and read.
    pub fn built(&self) -> bool {
        self.request || !self.response
    }

    /// Whether users may read it (see [`Uses::built`]).
    pub fn read(&self) -> bool {
        self.response || !self.request
    }
}
