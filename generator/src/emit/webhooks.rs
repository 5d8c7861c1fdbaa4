//! `webhooks.rs`: the events the API sends to the user's server, as one enum whose variants
//! hold the typed payloads, and a decoder that picks the variant by the event's name.

use super::tokens::{doc_attrs, ident, lit, rust_type};
use crate::ir::{Api, Decode, TypeRef, Webhook};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `webhooks` module (only for an API that declares webhooks).
pub fn webhooks_rs(api: &Api) -> TokenStream {
    let hooks = &api.webhooks;
    let variants = hooks.iter().map(|w| {
        let name = ident(&w.name);
        let doc = doc_attrs(w.doc.as_deref());
        match w.payload {
            TypeRef::Unit => quote!(#doc #name,),
            ref ty => {
                let ty = rust_type(ty);
                quote!(#doc #name(#ty),)
            }
        }
    });
    let names = hooks.iter().map(|w| {
        let name = ident(&w.name);
        let event = lit(&w.event);
        match w.payload {
            TypeRef::Unit => quote!(Self::#name => #event,),
            _ => quote!(Self::#name(_) => #event,),
        }
    });
    let events: Vec<_> = hooks.iter().map(|w| lit(&w.event)).collect();
    let decode_arms = decode_arms(hooks);
    let uses_body = hooks.iter().any(|w| w.decode != Decode::Empty);
    let body = if uses_body {
        quote!(body)
    } else {
        quote!(_body)
    };
    let payloads = payload_reexports(hooks);
    let deserialize = api
        .webhook_tag
        .as_deref()
        .map(|tag| tagged_deserialize(hooks, tag));
    quote! {
        //! The webhooks of this API: the events it sends to your server, with typed payloads.
        //!
        //! Your server receives the request; [`Event::decode`] turns the event's name (which
        //! the route or the API's headers tell you) and the request body into an [`Event`].

        #payloads

        /// An event this API sends, with its payload. Large payloads are boxed.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Event {
            #(#variants)*
        }

        impl Event {
            /// Every event name the spec declares, in spec order.
            pub const NAMES: &'static [&'static str] = &[#(#events),*];

            /// The event's name, as the spec keys it.
            pub fn name(&self) -> &'static str {
                match self {
                    #(#names)*
                }
            }

            /// Decodes the body of the event called `name`: `Ok(None)` for a name the spec
            /// does not declare, an error when the body is not the event's payload.
            pub fn decode(name: &str, #body: &[u8]) -> Result<Option<Self>, serde_json::Error> {
                let event = match name {
                    #(#decode_arms)*
                    _ => return Ok(None),
                };
                event.map(Some)
            }
        }

        #deserialize
    }
}

/// Every payload names its event in the same property: the body alone picks the variant.
fn tagged_deserialize(hooks: &[Webhook], tag: &str) -> TokenStream {
    let arms = hooks.iter().filter_map(|w| {
        let value = lit(w.tag_value.as_deref()?);
        let name = ident(&w.name);
        Some(quote! {
            Some(#value) => serde_json::from_str(raw.get()).map(Self::#name).map_err(serde::de::Error::custom),
        })
    });
    let doc = lit(&format!(
        " Decodes an event from its body alone: every payload names its event in `{tag}`."
    ));
    let missing = lit(&format!("the body has no `{tag}` naming its event"));
    let tag = lit(tag);
    quote! {
        #[doc = #doc]
        impl<'de> serde::Deserialize<'de> for Event {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // As unions do: the body kept as JSON text, its tag read without a `Value`.
                let raw: Box<serde_json::value::RawValue> =
                    crate::runtime::tri!(serde::Deserialize::deserialize(deserializer));
                match crate::runtime::json_tag(raw.get(), #tag).as_deref() {
                    #(#arms)*
                    Some(other) => Err(serde::de::Error::custom(format!("unknown event `{other}`"))),
                    None => Err(serde::de::Error::custom(#missing)),
                }
            }
        }
    }
}

fn decode_arms(hooks: &[Webhook]) -> Vec<TokenStream> {
    // One arm per event name: a second operation under the same name is reached through its
    // own variant only when built by hand.
    let mut seen = BTreeSet::new();
    hooks
        .iter()
        .filter(|w| seen.insert(w.event.clone()))
        .map(|w| {
            let name = ident(&w.name);
            let event = lit(&w.event);
            let value = match w.decode {
                Decode::Empty => quote!(Ok(Self::#name)),
                Decode::Json => quote!(serde_json::from_slice(body).map(Self::#name)),
                Decode::Text => quote! {
                    std::str::from_utf8(body)
                        .map(|text| Self::#name(text.to_owned()))
                        .map_err(<serde_json::Error as serde::de::Error>::custom)
                },
                Decode::Bytes => quote!(Ok(Self::#name(bytes::Bytes::copy_from_slice(body)))),
            };
            quote!(#event => #value,)
        })
        .collect()
}

/// The payload models, re-exported here so the webhooks read as one module.
fn payload_reexports(hooks: &[Webhook]) -> TokenStream {
    let mut names = BTreeSet::new();
    for hook in hooks {
        let mut ty = &hook.payload;
        while let TypeRef::Boxed(inner) = ty {
            ty = inner;
        }
        // A model called `Event` stays in `models`: the enum has that name here.
        if let TypeRef::Named(name) = ty.clone() {
            if name != "Event" {
                names.insert(name);
            }
        }
    }
    let names = names.iter().map(|n| ident(n));
    quote!(#(pub use crate::models::#names;)*)
}
