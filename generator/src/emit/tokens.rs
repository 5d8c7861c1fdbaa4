//! Small token helpers shared by the emitters.

use crate::ir::{Field, TypeRef};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// An identifier from an IR name (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "..."]` lines for a doc string (none for `None`).
pub fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else {
        return TokenStream::new();
    };
    let lines = doc.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// A string literal.
pub fn lit(text: &str) -> Literal {
    Literal::string(text)
}

/// The Rust type for a type reference.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer { small: true } => quote!(i32),
        TypeRef::Integer { small: false } => quote!(i64),
        TypeRef::Float => quote!(f64),
        TypeRef::Number => quote!(serde_json::Number),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Bytes => quote!(bytes::Bytes),
        TypeRef::File => quote!(crate::FilePart),
        TypeRef::Unit => quote!(()),
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(crate::models::#name)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner);
            quote!(Option<#inner>)
        }
        TypeRef::Vec(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        TypeRef::Boxed(inner) => {
            let inner = rust_type(inner);
            quote!(Box<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
    }
}

/// The type a field holds inside its `Option`: boxed when it closes a cycle of types.
pub fn field_value_type(field: &Field) -> TokenStream {
    let ty = rust_type(&field.ty);
    if field.boxed {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

/// `#[cfg(feature = "a")]` or `#[cfg(any(feature = "a", ..))]`; nothing for no features.
pub fn cfg_features(features: &[String]) -> TokenStream {
    match features {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}
