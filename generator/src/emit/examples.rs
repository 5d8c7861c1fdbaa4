//! The spec's examples as tests of the generated crate (`tests/spec_examples/`): each one must
//! decode into its model, serialize back to the same JSON, and use only known enum values.
//!
//! The test crate root only declares a `#[rustfmt::skip]` module, so `cargo fmt` leaves the
//! prettyplease output alone, as it does for `src/`.

use super::tokens::{ident, lit};
use super::Options;
use crate::ir::{Api, ModelKind, SpecExample, TypeRef};
use crate::names::{self, Namer};
use crate::pointer;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The test crate root, `tests/spec_examples/main.rs`.
pub fn main_rs() -> TokenStream {
    quote! {
        //! The spec's `example` and `examples` values, checked against the generated models.
        #[rustfmt::skip]
        mod cases;
    }
}

/// `tests/spec_examples/cases.rs`: one test per example.
pub fn cases_rs(api: &Api, options: &Options) -> TokenStream {
    let krate = ident(&api.crate_name.replace('-', "_"));
    let base = spec_folder(&options.spec_label);
    let mut namer = Namer::default();
    let mut uses_known = false;
    let tests: Vec<TokenStream> = api
        .examples
        .iter()
        .map(|example| {
            let source = if base.is_empty() {
                format!("{}#{}", example.file, example.pointer)
            } else {
                format!("{base}/{}#{}", example.file, example.pointer)
            };
            let name = ident(&namer.claim(&test_name(example)));
            let ty = rust_type(&example.ty, &krate);
            let model = lit(&type_label(&example.ty));
            let json = lit(&example.value.to_string());
            let mut checks = Vec::new();
            enum_values(api, &example.ty, &example.value, String::new(), &mut checks);
            uses_known |= !checks.is_empty();
            let checks = checks.iter().map(|check| {
                let enum_name = ident(&check.enum_name);
                let other = ident(&check.other);
                let label = lit(&check.enum_name);
                let at = lit(&check.at);
                let value = lit(&check.value);
                quote! {
                    known(source, #label, #at, #value, matches!(#krate::models::#enum_name::from(#value), #krate::models::#enum_name::#other(_)));
                }
            });
            let source = lit(&source);
            let cfg = example_cfg(api, &example.ty);
            quote! {
                #[test]
                #cfg
                fn #name() {
                    let source = #source;
                    round_trip::<#ty>(source, #model, #json);
                    #(#checks)*
                }
            }
        })
        .collect();
    // With per-tag features, the tests that call a helper may all be left out.
    let allow = (!api.tag_features.is_empty()).then(|| quote!(#[allow(dead_code)]));
    let known_fn = uses_known.then(|| {
        quote! {
            #allow
            /// Fails when an enum value of an example decoded into the catch-all variant.
            fn known(source: &str, model: &str, at: &str, value: &str, unknown: bool) {
                assert!(!unknown, "spec example {source}: `{value}` at `{at}` is not a value of {model}");
            }
        }
    });
    quote! {
        //! Every `example`/`examples` value of the spec must decode into the type it belongs
        //! to and serialize back to the same JSON. A failure names the example
        //! (`file#pointer`) and the model.

        use serde_json::Value;

        /// Decodes `json` into `T`, serializes it back, and compares the two.
        #allow
        fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(source: &str, model: &str, json: &str) {
            let original: Value = serde_json::from_str(json).expect("the generator wrote valid JSON");
            let decoded: T = serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("spec example {source} does not decode into {model}: {e}"));
            let back = serde_json::to_value(&decoded).unwrap_or_else(|e| panic!("spec example {source}: {model} does not serialize back: {e}"));
            let mut found = Vec::new();
            differences(&original, &back, "", &mut found);
            assert!(found.is_empty(), "spec example {source} does not round-trip through {model}:\n  {}", found.join("\n  "));
        }

        /// Where `actual` differs from `expected`. A `null` property equals an absent one, and
        /// numbers compare by value (`10` and `10.0`). A property the model does not know is
        /// dropped on decoding, and is reported: the example disagrees with its schema.
        fn differences(expected: &Value, actual: &Value, at: &str, found: &mut Vec<String>) {
            match (expected, actual) {
                (Value::Object(expected), Value::Object(actual)) => {
                    for (key, value) in expected {
                        let here = format!("{at}/{key}");
                        match actual.get(key) {
                            Some(other) => differences(value, other, &here, found),
                            None if value.is_null() => {}
                            None => found.push(format!("{here}: not a property of the model (dropped)")),
                        }
                    }
                    for (key, value) in actual {
                        if !expected.contains_key(key) && !value.is_null() {
                            found.push(format!("{at}/{key}: added as {value}"));
                        }
                    }
                }
                (Value::Array(expected), Value::Array(actual)) if expected.len() == actual.len() => {
                    for (i, (value, other)) in expected.iter().zip(actual).enumerate() {
                        differences(value, other, &format!("{at}/{i}"), found);
                    }
                }
                (Value::Number(expected), Value::Number(actual)) if expected == actual || expected.as_f64() == actual.as_f64() && (expected.is_f64() || actual.is_f64()) => {}
                _ if expected == actual => {}
                _ => found.push(format!("{at}: {expected} came back as {actual}")),
            }
        }

        #known_fn

        #(#tests)*
    }
}

/// Where spec files are, as the headers name the spec: `spec` for a folder, the folder of a
/// single document.
fn spec_folder(label: &str) -> String {
    let is_file = [".json", ".yaml", ".yml"]
        .iter()
        .any(|ext| label.ends_with(ext));
    if is_file {
        label
            .rsplit_once('/')
            .map_or(String::new(), |(folder, _)| folder.to_string())
    } else {
        label.to_string()
    }
}

/// `paths/sso_teammates.json#/post/requestBody/content/application~1json/examples/persona/value`
/// is `paths_sso_teammates_post_request_body_examples_persona`.
fn test_name(example: &SpecExample) -> String {
    let file = example
        .file
        .rsplit_once('.')
        .map_or(example.file.as_str(), |(stem, _)| stem);
    let mut words = vec![file.to_string()];
    let mut tokens = example.pointer.split('/').skip(1).peekable();
    while let Some(token) = tokens.next() {
        let token = pointer::unescape(token);
        if token == "content" {
            tokens.next(); // the media type
            continue;
        }
        if token == "value" && tokens.peek().is_none() {
            continue;
        }
        words.push(token);
    }
    names::snake_name(&words.join(" "))
}

/// The type in the test crate.
fn rust_type(ty: &TypeRef, krate: &proc_macro2::Ident) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#krate::models::#name)
        }
        TypeRef::Vec(inner) => {
            let inner = rust_type(inner, krate);
            quote!(Vec<#inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, krate);
            quote!(Option<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner, krate);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Boxed(inner) => {
            let inner = rust_type(inner, krate);
            quote!(Box<#inner>)
        }
        other => super::tokens::rust_type(other),
    }
}

/// The type as a failure message names it.
fn type_label(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => names::bare(name).to_string(),
        TypeRef::Vec(inner) => format!("Vec<{}>", type_label(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", type_label(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", type_label(inner)),
        TypeRef::Boxed(inner) => format!("Box<{}>", type_label(inner)),
        other => super::tokens::rust_type(other).to_string().replace(' ', ""),
    }
}

/// A string in an example where an enum is expected.
struct EnumValue {
    at: String,
    enum_name: String,
    other: String,
    value: String,
}

/// Finds the enum values in an example by walking it beside its type. The catch-all variant
/// accepts anything, so the round trip alone would not catch a misspelt value.
fn enum_values(api: &Api, ty: &TypeRef, value: &Value, at: String, out: &mut Vec<EnumValue>) {
    match (ty, value) {
        (TypeRef::Nullable(inner) | TypeRef::Boxed(inner), value) => {
            enum_values(api, inner, value, at, out)
        }
        (TypeRef::Vec(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                enum_values(api, inner, item, format!("{at}/{i}"), out);
            }
        }
        (TypeRef::Map(inner), Value::Object(map)) => {
            for (key, item) in map {
                enum_values(api, inner, item, pointer::push(&at, key), out);
            }
        }
        (TypeRef::Named(name), _) => match api.models.get(name).map(|m| &m.kind) {
            Some(ModelKind::Enum(e)) => {
                if let Value::String(text) = value {
                    out.push(EnumValue {
                        at,
                        enum_name: name.clone(),
                        other: e.other.clone(),
                        value: text.clone(),
                    });
                }
            }
            Some(ModelKind::Alias(inner)) => enum_values(api, inner, value, at, out),
            Some(ModelKind::Struct(s)) => {
                let Value::Object(map) = value else { return };
                for (key, item) in map {
                    let field = s.fields.iter().find(|f| f.wire == *key).map(|f| &f.ty);
                    let additional = s.additional.as_ref().map(|(_, ty)| ty);
                    if let Some(field_ty) = field.or(additional) {
                        enum_values(api, field_ty, item, pointer::push(&at, key), out);
                    }
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// The features an example's test needs: those of the models its type names (per-tag
/// features gate models only some tags reach).
fn example_cfg(api: &Api, ty: &TypeRef) -> TokenStream {
    let mut gates: Vec<TokenStream> = Vec::new();
    let mut stack = vec![ty];
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Named(name) => match api.model_gates.get(name).map(Vec::as_slice) {
                None | Some([]) => {}
                Some([one]) => gates.push(quote!(feature = #one)),
                Some(many) => gates.push(quote!(any(#(feature = #many),*))),
            },
            TypeRef::Nullable(inner)
            | TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::Boxed(inner) => stack.push(inner),
            _ => {}
        }
    }
    match gates.as_slice() {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(#one)]),
        gates => quote!(#[cfg(all(#(#gates),*))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(file: &str, pointer: &str) -> SpecExample {
        SpecExample {
            file: file.into(),
            pointer: pointer.into(),
            ty: TypeRef::Json,
            value: Value::Null,
        }
    }

    #[test]
    fn test_names_drop_media_types_and_value() {
        let e = example(
            "paths/sso_teammates.json",
            "/post/requestBody/content/application~1json/examples/persona/value",
        );
        assert_eq!(
            test_name(&e),
            "paths_sso_teammates_post_request_body_examples_persona"
        );
        let e = example("components/schemas/SsoIntegration.json", "/example");
        assert_eq!(test_name(&e), "components_schemas_sso_integration_example");
    }

    #[test]
    fn sources_are_named_from_the_spec_label() {
        assert_eq!(spec_folder("spec"), "spec");
        assert_eq!(spec_folder("specs/sso/openapi.yaml"), "specs/sso");
        assert_eq!(spec_folder("openapi.json"), "");
    }
}
