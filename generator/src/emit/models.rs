//! Models: structs, enums, unions and aliases, one file each.

use super::serde_impls;
use super::tokens::{doc_attrs, field_value_type, ident, lit, rust_type};
use crate::ir::{
    Constant, Field, Model, ModelKind, StringEnum, Struct, TypeRef, Union, UnionVariant,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The tokens of one model's file.
pub fn model_file(model: &Model) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc_attrs(Some(&model_doc(model)));
    match &model.kind {
        ModelKind::Struct(st) => structure(&name, docs, st),
        ModelKind::Enum(en) => string_enum(&name, docs, en),
        ModelKind::Alias(ty) => {
            let ty = rust_type(ty);
            quote! { #docs pub type #name = #ty; }
        }
        ModelKind::Union(union) => union_enum(&name, docs, union),
        ModelKind::Statuses(variants) => statuses(&name, docs, variants),
    }
}

fn model_doc(model: &Model) -> String {
    model.doc.clone().unwrap_or_else(|| match &model.kind {
        ModelKind::Statuses(_) => format!("The responses of `{}`.", model.name),
        _ => format!(
            "The `{}` schema.",
            model
                .origin
                .rsplit('/')
                .next()
                .unwrap_or(&model.name)
                .replace("~1", "/")
                .replace("~0", "~")
        ),
    })
}

fn field_type(field: &Field) -> TokenStream {
    let ty = field_value_type(field);
    if field.optional {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

fn field_doc(field: &Field) -> String {
    let base = field
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` property.", field.wire));
    if field.name.trim_start_matches("r#") != field.wire {
        format!("{base}\n\nOn the wire: `{}`.", field.wire)
    } else {
        base
    }
}

/// The struct goes through the runtime's `model!`, which writes its serde impls: the file
/// holds one doc and one line (plus a `#[json]` marker when needed) per property.
fn structure(name: &proc_macro2::Ident, docs: TokenStream, st: &Struct) -> TokenStream {
    let fields = st.fields.iter().map(|field| {
        let fname = ident(&field.name);
        let ty = field_type(field);
        let fdoc = doc_attrs(Some(&field_doc(field)));
        let marker = json_marker(field);
        quote! { #fdoc #marker pub #fname: #ty, }
    });
    let additional = st.additional.as_ref().map(|(fname, ty)| {
        let fname = ident(fname);
        let ty = rust_type(ty);
        quote! {
            #[json_flatten]
            pub #fname: std::collections::BTreeMap<String, #ty>,
        }
    });
    let all_optional = st.fields.iter().all(|f| f.optional);
    let derives = if all_optional {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let constructor = (!all_optional).then(|| constructor(name, st));
    let constants = (!st.constants.is_empty()).then(|| {
        let rows = st.constants.iter().map(|constant| {
            let cname = ident(&constant.name);
            let wire = lit(&constant.wire);
            let value = lit(&constant.value);
            let doc = doc_attrs(Some(&constant_doc(constant)));
            quote! { #doc #[json(#wire)] pub const #cname: &'static str = #value; }
        });
        quote! { impl #name { #(#rows)* } }
    });
    quote! {
        crate::runtime::model! {
            #docs
            #derives
            pub struct #name { #(#fields)* #additional }
            #constants
        }
        #constructor
    }
}

fn constant_doc(constant: &Constant) -> String {
    let base = constant
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` property.", constant.wire));
    format!(
        "{base}\n\nIts only value: sent as `\"{}\": \"{}\"` with every value.",
        constant.wire, constant.value
    )
}

/// `#[json(..)]`: the wire name when it is not the field's, and how an `Option` is sent
/// (`optional`: left out when `None`; `nullable`: always, as `null`).
fn json_marker(field: &Field) -> TokenStream {
    let rename = (field.name != field.wire).then(|| {
        let wire = lit(&field.wire);
        quote!(rename = #wire)
    });
    let kind = match (field.optional, field.required) {
        (false, _) => None,
        (true, false) => Some(quote!(optional)),
        (true, true) => Some(quote!(nullable)),
    };
    match (rename, kind) {
        (None, None) => TokenStream::new(),
        (Some(rename), None) => quote!(#[json(#rename)]),
        (None, Some(kind)) => quote!(#[json(#kind)]),
        (Some(rename), Some(kind)) => quote!(#[json(#rename, #kind)]),
    }
}

/// `new(required...)`: the fields users must give; the optional ones start as `None`.
fn constructor(name: &proc_macro2::Ident, st: &Struct) -> TokenStream {
    let required: Vec<&Field> = st.fields.iter().filter(|f| !f.optional).collect();
    let params = required.iter().map(|f| {
        let fname = ident(&f.name);
        match f.ty {
            TypeRef::String => quote!(#fname: impl Into<String>),
            _ => {
                let ty = rust_type(&f.ty);
                quote!(#fname: #ty)
            }
        }
    });
    let inits = st.fields.iter().map(|f| {
        let fname = ident(&f.name);
        match (f.optional, &f.ty) {
            (true, _) => quote!(#fname: None),
            (false, _) if f.boxed => quote!(#fname: Box::new(#fname)),
            (false, TypeRef::String) => quote!(#fname: #fname.into()),
            (false, _) => quote!(#fname),
        }
    });
    let additional = st.additional.as_ref().map(|(fname, _)| {
        let fname = ident(fname);
        quote!(#fname: std::collections::BTreeMap::new(),)
    });
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #name {
            /// Creates a value from its required properties; the optional ones are `None`.
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* #additional }
            }
        }
    }
}

/// The enum goes through the runtime's `string_enum!`: one `Variant = "wire"` row per value.
fn string_enum(name: &proc_macro2::Ident, docs: TokenStream, en: &StringEnum) -> TokenStream {
    let other = ident(&en.other);
    let variants = en.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let wire_doc = format!("`{}`", v.wire.replace('`', "'"));
        let vdoc = doc_attrs(Some(&match &v.doc {
            Some(doc) => format!("{wire_doc}: {doc}"),
            None => wire_doc,
        }));
        let wire = lit(&v.wire);
        quote! { #vdoc #vname = #wire, }
    });
    quote! {
        crate::runtime::string_enum! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum #name {
                #(#variants)*
                #[other]
                #other(String),
            }
        }
    }
}

fn variant_payload(variant: &UnionVariant) -> Option<TokenStream> {
    (variant.ty != TypeRef::Unit).then(|| rust_type(&variant.ty))
}

fn union_enum(name: &proc_macro2::Ident, docs: TokenStream, union: &Union) -> TokenStream {
    let variants = union.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let ty = rust_type(&v.ty);
        let vdoc = lit(&match v.tag_values.as_slice() {
            [] => format!(" The `{}` alternative.", v.name),
            tags => format!(" Selected by `{}`.", tags.join("`, `")),
        });
        quote! { #[doc = #vdoc] #vname(#ty), }
    });
    let catch_all = union.tag.as_ref().map(|tag| {
        let other = ident(&tag.other);
        quote! {
            /// An alternative this client did not know when it was generated, kept as sent.
            #other(serde_json::Value),
        }
    });
    let serialize = serde_impls::union_serialize(name, union);
    let deserialize = serde_impls::union_deserialize(name, union);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants)* #catch_all }
        #serialize
        #deserialize
    }
}

fn statuses(
    name: &proc_macro2::Ident,
    docs: TokenStream,
    variants: &[UnionVariant],
) -> TokenStream {
    let variants = variants.iter().map(|v| {
        let vname = ident(&v.name);
        let vdoc = lit(&format!(
            " The `{}` response.",
            v.name.trim_start_matches("Status")
        ));
        match variant_payload(v) {
            Some(ty) => quote! { #[doc = #vdoc] #vname(#ty), },
            None => quote! { #[doc = #vdoc] #vname, },
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants)* }
    }
}
