//! Hand-rolled serde impls, so the generated crate needs no proc-macro (no `serde_derive`,
//! hence no syn/quote) and consumers compile none.

use super::tokens::{field_value_type, ident, lit, rust_type};
use crate::ir::{Struct, Union};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// `Serialize`: required properties always, optional ones only when `Some`.
pub fn struct_serialize(name: &Ident, st: &Struct) -> TokenStream {
    let entries = st.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let wire = lit(&f.wire);
        if f.optional && !f.required {
            quote! {
                if let Some(value) = &self.#fname {
                    map.serialize_entry(#wire, value)?;
                }
            }
        } else {
            quote! { map.serialize_entry(#wire, &self.#fname)?; }
        }
    });
    let additional = st.additional.as_ref().map(|(fname, _)| {
        let fname = ident(fname);
        quote! {
            for (key, value) in &self.#fname {
                map.serialize_entry(key, value)?;
            }
        }
    });
    // The exact number of entries: length-prefixed formats write it before the entries.
    let always = st
        .fields
        .iter()
        .filter(|f| !f.optional || f.required)
        .count();
    let mut terms: Vec<TokenStream> = Vec::new();
    if always > 0 {
        let always = proc_macro2::Literal::usize_unsuffixed(always);
        terms.push(quote!(#always));
    }
    for f in st.fields.iter().filter(|f| f.optional && !f.required) {
        let fname = ident(&f.name);
        terms.push(quote!(usize::from(self.#fname.is_some())));
    }
    if let Some((fname, _)) = &st.additional {
        let fname = ident(fname);
        terms.push(quote!(self.#fname.len()));
    }
    let len = match terms.as_slice() {
        [] => quote!(Some(0)),
        terms => quote!(Some(#(#terms)+*)),
    };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(#len)?;
                #(#entries)*
                #additional
                map.end()
            }
        }
    }
}

/// `Deserialize`: unknown properties are ignored (or kept in the additional map), `null`
/// reads as `None`, and a missing required property is an error naming it.
pub fn struct_deserialize(name: &Ident, st: &Struct) -> TokenStream {
    // `f_` + the field name without `r#` and leading `_` (`f__2fa` would not be snake case).
    let mut namer = crate::names::Namer::default();
    let locals: Vec<Ident> = st
        .fields
        .iter()
        .map(|f| {
            let bare = f.name.trim_start_matches("r#").trim_start_matches('_');
            format_ident!("{}", namer.claim(&format!("f_{bare}")))
        })
        .collect();
    let decls = st.fields.iter().zip(&locals).map(|(f, local)| {
        let ty = field_value_type(f);
        quote!(let mut #local: Option<#ty> = None;)
    });
    let arms = st.fields.iter().zip(&locals).map(|(f, local)| {
        let wire = lit(&f.wire);
        let ty = field_value_type(f);
        if f.optional {
            quote!(#wire => #local = map.next_value::<Option<#ty>>()?,)
        } else {
            quote!(#wire => #local = Some(map.next_value::<#ty>()?),)
        }
    });
    let inits = st.fields.iter().zip(&locals).map(|(f, local)| {
        let fname = ident(&f.name);
        let wire = lit(&f.wire);
        if f.optional {
            quote!(#fname: #local,)
        } else {
            quote!(#fname: #local.ok_or_else(|| serde::de::Error::missing_field(#wire))?,)
        }
    });
    let (other_decl, other_arm, other_init) = match &st.additional {
        Some((fname, ty)) => {
            let fname = ident(fname);
            let ty = rust_type(ty);
            (
                quote!(let mut additional = std::collections::BTreeMap::new();),
                quote!(_ => { additional.insert(key.into_string(), map.next_value::<#ty>()?); }),
                quote!(#fname: additional,),
            )
        }
        None => (
            TokenStream::new(),
            quote!(_ => { map.next_value::<serde::de::IgnoredAny>()?; }),
            TokenStream::new(),
        ),
    };
    let expecting = lit(&format!("a {name} object"));
    let read_keys = match (st.fields.is_empty(), &st.additional) {
        (false, _) => quote! {
            while let Some(key) = map.next_key::<crate::runtime::Key<'de>>()? {
                match key.as_str() { #(#arms)* #other_arm }
            }
        },
        (true, Some((_, ty))) => {
            let ty = rust_type(ty);
            quote! {
                while let Some(key) = map.next_key::<crate::runtime::Key<'de>>()? {
                    additional.insert(key.into_string(), map.next_value::<#ty>()?);
                }
            }
        }
        (true, None) => quote! {
            while map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        },
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                        #(#decls)*
                        #other_decl
                        #read_keys
                        Ok(#name { #(#inits)* #other_init })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

/// Unions serialize as the alternative they hold.
pub fn union_serialize(name: &Ident, union: &Union) -> TokenStream {
    let arms = union.variants.iter().map(|v| {
        let vname = ident(&v.name);
        quote!(Self::#vname(value) => serde::Serialize::serialize(value, serializer),)
    });
    let unknown = union
        .tag
        .is_some()
        .then(|| quote!(Self::Unknown(value) => serde::Serialize::serialize(value, serializer),));
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self { #(#arms)* #unknown }
            }
        }
    }
}

/// Tagged unions pick by the discriminator (unknown tags are kept); untagged ones take the
/// first alternative that decodes.
pub fn union_deserialize(name: &Ident, union: &Union) -> TokenStream {
    let body = match &union.tag {
        Some(tag) => {
            let tag = lit(tag);
            let arms = union.variants.iter().map(|v| {
                let vname = ident(&v.name);
                let tags = v.tag_values.iter().map(|t| lit(t));
                let ty = rust_type(&v.ty);
                quote!(Some(#(#tags)|*) => serde_json::from_value::<#ty>(value).map(Self::#vname).map_err(serde::de::Error::custom),)
            });
            quote! {
                let tag = value.get(#tag).and_then(serde_json::Value::as_str).map(str::to_string);
                match tag.as_deref() {
                    #(#arms)*
                    _ => Ok(Self::Unknown(value)),
                }
            }
        }
        None => {
            let tries = union.variants.iter().map(|v| {
                let vname = ident(&v.name);
                let ty = rust_type(&v.ty);
                quote! {
                    if let Ok(decoded) = serde_json::from_value::<#ty>(value.clone()) {
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
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #body
            }
        }
    }
}
