//! `ErrorBody`: the parsed body of an error response.

use super::tokens::{ident, rust_type};
use crate::ir::{Api, TypeRef};
use crate::lower::type_ref_word;
use crate::names::Namer;
use proc_macro2::TokenStream;
use quote::quote;

/// Variant names of the `ErrorBody` enum, one per distinct error type.
pub fn variant_names(api: &Api) -> Vec<String> {
    let mut namer = Namer::default();
    api.error_types
        .iter()
        .map(|ty| namer.claim(&type_ref_word(ty)))
        .collect()
}

/// One error shape is the type itself; several make an enum, decoded by status.
pub fn error_body(api: &Api) -> TokenStream {
    match api.error_types.as_slice() {
        [] => quote! {
            /// The body of an error response: the spec declares no error shape, so any JSON.
            pub type ErrorBody = serde_json::Value;
        },
        [single] => {
            let ty = rust_type(single);
            let doc = format!(
                " The body of an error response, as the spec declares it ({}).",
                describe(single)
            );
            quote! {
                #[doc = #doc]
                pub type ErrorBody = #ty;
            }
        }
        many => {
            let variants = many.iter().zip(variant_names(api)).map(|(ty, name)| {
                let vname = ident(&name);
                let rt = rust_type(ty);
                let doc = format!(" A {} body.", describe(ty));
                quote! { #[doc = #doc] #vname(#rt), }
            });
            quote! {
                /// The body of an error response: the spec declares a different shape per status,
                /// and the status picks the variant.
                #[derive(Debug, Clone, PartialEq)]
                pub enum ErrorBody { #(#variants)* }
            }
        }
    }
}

fn describe(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Boxed(inner) => describe(inner),
        TypeRef::Named(name) => format!("[`{name}`](crate::models::{name})"),
        other => format!("`{}`", type_ref_word(other)),
    }
}
