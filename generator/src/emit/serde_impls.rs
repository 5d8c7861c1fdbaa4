//! Hand-rolled serde impls for unions, so the generated crate needs no proc-macro (no
//! `serde_derive`, hence no syn/quote) and consumers compile none. Structs and string enums
//! get theirs from the runtime's declarative macros.

use super::tokens::{ident, lit, rust_type};
use crate::ir::Union;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// Unions serialize as the alternative they hold.
pub fn union_serialize(name: &Ident, union: &Union) -> TokenStream {
    let arms = union.variants.iter().map(|v| {
        let vname = ident(&v.name);
        quote!(Self::#vname(value) => serde::Serialize::serialize(value, serializer),)
    });
    let unknown = union.tag.as_ref().map(|tag| {
        let other = ident(&tag.other);
        quote!(Self::#other(value) => serde::Serialize::serialize(value, serializer),)
    });
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self { #(#arms)* #unknown }
            }
        }
    }
}

/// Tagged unions pick by the discriminator (unknown tags are kept); untagged ones take the
/// first alternative that decodes. The value is buffered as JSON text (`RawValue`) and each
/// alternative parsed from it with the same `from_str` that decodes responses, so a model
/// compiles one JSON decoder whether it is reached through a union or not (buffering into a
/// `serde_json::Value` compiled a second one, for `Value`'s deserializer, for every model under
/// a union).
pub fn union_deserialize(name: &Ident, union: &Union) -> TokenStream {
    let body = match &union.tag {
        Some(tag) => {
            let other = ident(&tag.other);
            let tag = lit(&tag.property);
            let arms = union.variants.iter().map(|v| {
                let vname = ident(&v.name);
                let tags = v.tag_values.iter().map(|t| lit(t));
                let ty = rust_type(&v.ty);
                quote!(Some(#(#tags)|*) => serde_json::from_str::<#ty>(raw.get()).map(Self::#vname),)
            });
            quote! {
                match crate::runtime::json_tag(raw.get(), #tag).as_deref() {
                    #(#arms)*
                    _ => serde_json::from_str(raw.get()).map(Self::#other),
                }
                .map_err(serde::de::Error::custom)
            }
        }
        None => {
            let tries = union.variants.iter().map(|v| {
                let vname = ident(&v.name);
                let ty = rust_type(&v.ty);
                quote! {
                    if let Ok(decoded) = serde_json::from_str::<#ty>(raw.get()) {
                        return Ok(Self::#vname(decoded));
                    }
                }
            });
            let message = lit(&format!("data did not match any alternative of {name}"));
            quote! {
                #(#tries)*
                Err(serde::de::Error::custom(#message))
            }
        }
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw: Box<serde_json::value::RawValue> =
                    crate::runtime::tri!(serde::Deserialize::deserialize(deserializer));
                #body
            }
        }
    }
}
