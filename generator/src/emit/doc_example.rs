//! A compiled code example for each operation's docs (a `no_run` doctest), built from the
//! spec's own examples where it has some: the body example becomes the model built with
//! `new(..)` plus its optional fields, parameter examples become the arguments.

use super::tokens::{ident, lit};
use crate::ir::{Api, BodyEncoding, Field, ModelKind, Operation, Param, StreamKind, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

/// Models nest at most this deep in an example; deeper ones give no example.
const MAX_DEPTH: usize = 8;
/// At most this many items of an example array are written into a doc example.
const MAX_ITEMS: usize = 10;

/// The `# Example` section of an operation's docs, or `None` when a required input has no
/// finite value (a model that requires itself).
pub fn operation_example(api: &Api, op: &Operation) -> Option<String> {
    let Call { setup, call } = call(api, op)?;
    let client = super::auth::client_expr(api, op);
    let streaming = op.streaming.as_ref();
    // A list that pages is walked to its end, a stream read to its end.
    let items = if op.pagination.is_some() {
        Some(quote!(#call.items()))
    } else if streaming.is_some_and(|s| s.exclusive) {
        Some(quote!(#call.await?))
    } else {
        None
    };
    let call = if let Some(items) = items {
        quote! {
            let mut items = #items;
            while let Some(item) = items.next().await {
                let item = item?;
                println!("{item:?}");
            }
        }
    } else if let Some(s) = streaming.filter(|s| s.kind == StreamKind::Download) {
        let download = ident(&s.method);
        quote! {
            let mut download = #call.#download().await?;
            while let Some(chunk) = download.next().await {
                let chunk = chunk?;
                println!("{} bytes", chunk.len());
            }
        }
    } else if op.success == TypeRef::Unit {
        quote!(#call.await?;)
    } else {
        quote! {
            let response = #call.await?;
            println!("{response:?}");
        }
    };
    let tokens = quote! {
        async fn example() -> Result<(), Box<dyn std::error::Error>> {
            let client = #client;
            #(#setup)*
            #call
            Ok(())
        }
    };
    Some(doc_block(&tokens))
}

/// A call of an operation on `client`, before its `.await`.
pub struct Call {
    /// Statements that build the inputs (`let request = ..;`).
    pub setup: Vec<TokenStream>,
    /// `client.method(args).setter(..)`.
    pub call: TokenStream,
}

/// The call of `op` with values from the spec's examples (or plain ones), or `None` when a
/// required input has no finite value.
pub fn call(api: &Api, op: &Operation) -> Option<Call> {
    let krate = ident(&api.crate_name.replace('-', "_"));
    let values = Values { api, krate: &krate };
    let mut setup = Vec::new();
    let mut args = Vec::new();
    // A list's stream keeps the builder, and what it borrows, past the statement that makes
    // it: array values get a `let` of their own.
    let paged = op.pagination.is_some();
    let mut hoisted = Vec::new();
    let mut argument = |param: &Param| -> Option<TokenStream> {
        let value = values.argument(param)?;
        if !(paged && matches!(param.ty, TypeRef::Vec(_))) {
            return Some(value);
        }
        let name = match param.name.as_str() {
            "client" | "request" | "items" | "item" => format!("{}_value", param.name),
            name => name.to_string(),
        };
        let name = ident(&name);
        let array = value.into_iter().skip(1).collect::<TokenStream>();
        hoisted.push(quote!(let #name = #array;));
        Some(quote!(&#name))
    };
    for param in op.params.iter().filter(|p| p.required) {
        args.push(argument(param)?);
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        let example = body.example.as_ref();
        match body.encoding {
            BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Parts => {
                setup.push(values.body_setup(&body.ty, example)?);
                args.push(quote!(&request));
            }
            BodyEncoding::Text => {
                let text = lit(example.and_then(Value::as_str).unwrap_or("text"));
                args.push(quote!(#text));
            }
            BodyEncoding::Binary => {
                args.push(quote!(#krate::bytes::Bytes::from_static(b"bytes")));
            }
            BodyEncoding::Multipart => {
                args.push(quote!(#krate::bytes::Bytes::from_static(b"--x\r\n\r\n--x--\r\n")));
                args.push(quote!("multipart/form-data; boundary=x"));
            }
        }
    }
    let method = ident(&op.method_name);
    let setters = op
        .params
        .iter()
        .filter(|p| !p.required && p.example.is_some())
        .filter_map(|p| {
            let name = ident(&p.name);
            let value = argument(p)?;
            Some(quote!(.#name(#value)))
        })
        .collect::<Vec<_>>();
    hoisted.extend(setup);
    Some(Call {
        setup: hoisted,
        call: quote!(client.#method(#(#args),*) #(#setters)*),
    })
}

/// The function as a doctest: its signature and `Ok(())` hidden, the body dedented.
fn doc_block(tokens: &TokenStream) -> String {
    let text = crate::format::snippet(tokens);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::from("# Example\n\n```no_run\n");
    for (i, line) in lines.iter().enumerate() {
        let hidden = i == 0 || i + 1 == lines.len() || line.trim() == "Ok(())";
        if hidden {
            out.push_str("# ");
            out.push_str(line.trim());
        } else {
            out.push_str(line.strip_prefix("    ").unwrap_or(line));
        }
        out.push('\n');
    }
    out.push_str("```");
    out
}

/// Builds Rust expressions for values of the API's types, from example JSON when there is some.
struct Values<'a> {
    api: &'a Api,
    krate: &'a proc_macro2::Ident,
}

/// How a string is taken where the value goes.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// `&str` (a method argument) or `impl Into<String>` (a `new(..)` argument).
    Borrowed,
    /// An owned `String` (a field, an item).
    Owned,
}

impl Values<'_> {
    /// A required method argument or a setter's value.
    fn argument(&self, param: &Param) -> Option<TokenStream> {
        let example = param.example.as_ref();
        match &param.ty {
            TypeRef::String => Some(self.string(example, &param.wire, Place::Borrowed)),
            TypeRef::Vec(inner) => {
                let item = self.value(inner, example.and_then(first_item), Place::Owned, 0)?;
                Some(quote!(&[#item]))
            }
            ty => self.value(ty, example, Place::Owned, 0),
        }
    }

    /// `let request = Model::new(..);` plus the optional fields the example sets.
    fn body_setup(&self, ty: &TypeRef, example: Option<&Value>) -> Option<TokenStream> {
        let fields = match ty {
            TypeRef::Named(name) => match self.api.models.get(name).map(|m| &m.kind) {
                Some(ModelKind::Struct(st)) => Some(&st.fields),
                _ => None,
            },
            _ => None,
        };
        let Some(fields) = fields else {
            let value = self.value(ty, example, Place::Owned, 0)?;
            return Some(quote!(let request = #value;));
        };
        let base = self.value(ty, example, Place::Owned, 0)?;
        let object = example.and_then(Value::as_object);
        let sets: Vec<TokenStream> = fields
            .iter()
            .filter(|f| f.optional)
            .filter_map(|f| {
                let value = object.and_then(|o| o.get(&f.wire)).filter(|v| !v.is_null());
                // An upload shows its file, whether the example has one or not.
                let file = matches!(&f.ty, TypeRef::File)
                    || matches!(&f.ty, TypeRef::Vec(item) if **item == TypeRef::File);
                if value.is_none() && !file {
                    return None;
                }
                let name = ident(&f.name);
                let value = self.field_value(f, value, 1)?;
                Some(quote!(request.#name = Some(#value);))
            })
            .collect();
        if sets.is_empty() {
            Some(quote!(let request = #base;))
        } else {
            Some(quote!(let mut request = #base; #(#sets)*))
        }
    }

    /// A field's value inside its `Option` (boxed when the field is).
    fn field_value(
        &self,
        field: &Field,
        example: Option<&Value>,
        depth: usize,
    ) -> Option<TokenStream> {
        let value = self.value(&field.ty, example, Place::Owned, depth)?;
        Some(if field.boxed {
            quote!(Box::new(#value))
        } else {
            value
        })
    }

    fn string(&self, example: Option<&Value>, name: &str, place: Place) -> TokenStream {
        let text = match example {
            Some(Value::String(text)) => text.clone(),
            Some(other @ (Value::Number(_) | Value::Bool(_))) => other.to_string(),
            _ => name.to_string(),
        };
        let text = lit(&text);
        match place {
            Place::Borrowed => quote!(#text),
            Place::Owned => quote!(#text.to_string()),
        }
    }

    fn value(
        &self,
        ty: &TypeRef,
        example: Option<&Value>,
        place: Place,
        depth: usize,
    ) -> Option<TokenStream> {
        if depth > MAX_DEPTH {
            return None;
        }
        let krate = self.krate;
        Some(match ty {
            TypeRef::String => self.string(example, "text", place),
            TypeRef::Bool => {
                let value = example.and_then(Value::as_bool).unwrap_or(true);
                quote!(#value)
            }
            TypeRef::Integer { small: true } => {
                let value = example
                    .and_then(Value::as_i64)
                    .and_then(|v| i32::try_from(v).ok());
                let value = Literal::i32_unsuffixed(value.unwrap_or(1));
                quote!(#value)
            }
            TypeRef::Integer { small: false } => {
                let value = Literal::i64_unsuffixed(example.and_then(Value::as_i64).unwrap_or(1));
                quote!(#value)
            }
            TypeRef::Float => {
                let value = Literal::f64_unsuffixed(example.and_then(Value::as_f64).unwrap_or(1.0));
                quote!(#value)
            }
            TypeRef::Number => {
                let value = Literal::i64_unsuffixed(example.and_then(Value::as_i64).unwrap_or(1));
                quote!(#krate::serde_json::Number::from(#value))
            }
            TypeRef::Json => match example {
                Some(value) => {
                    let json = json_tokens(value);
                    quote!(#krate::serde_json::json!(#json))
                }
                None => quote!(#krate::serde_json::Value::Null),
            },
            TypeRef::Bytes => quote!(#krate::bytes::Bytes::from_static(b"bytes")),
            TypeRef::File => quote!(#krate::FilePart::bytes("contents", "file.txt")),
            TypeRef::Unit => quote!(()),
            TypeRef::Nullable(inner) => match example.filter(|v| !v.is_null()) {
                Some(value) => {
                    let value = self.value(inner, Some(value), Place::Owned, depth)?;
                    quote!(Some(#value))
                }
                None => quote!(None),
            },
            TypeRef::Vec(inner) => match example.and_then(Value::as_array) {
                // Every item (up to ten) of an example that holds as many as `minItems` asks.
                Some(items) if !items.is_empty() => {
                    let items = items.iter().take(MAX_ITEMS);
                    let items = items
                        .map(|item| self.value(inner, Some(item), Place::Owned, depth + 1))
                        .collect::<Option<Vec<_>>>()?;
                    quote!(vec![#(#items),*])
                }
                // An upload shows one file.
                _ if **inner == TypeRef::File => {
                    let file = self.value(inner, None, Place::Owned, depth + 1)?;
                    quote!(vec![#file])
                }
                _ => quote!(Vec::new()),
            },
            TypeRef::Map(_) => quote!(std::collections::BTreeMap::new()),
            TypeRef::Boxed(inner) => {
                let value = self.value(inner, example, place, depth)?;
                quote!(Box::new(#value))
            }
            TypeRef::Named(name) => self.model(name, example, place, depth)?,
        })
    }

    fn model(
        &self,
        name: &str,
        example: Option<&Value>,
        place: Place,
        depth: usize,
    ) -> Option<TokenStream> {
        let model = self.api.models.get(name)?;
        let krate = self.krate;
        let path = {
            let name = ident(&model.name);
            quote!(#krate::models::#name)
        };
        Some(match &model.kind {
            ModelKind::Struct(st) => {
                let object = example.and_then(Value::as_object);
                let base = if st.fields.iter().all(|f| f.optional) {
                    quote!(#path::default())
                } else {
                    let mut args = Vec::new();
                    for field in st.fields.iter().filter(|f| !f.optional) {
                        let value = object.and_then(|o| o.get(&field.wire));
                        // `new(..)` takes `impl Into<String>` and boxes what the field boxes.
                        let place = if field.ty == TypeRef::String {
                            Place::Borrowed
                        } else {
                            Place::Owned
                        };
                        args.push(self.value(&field.ty, value, place, depth + 1)?);
                    }
                    quote!(#path::new(#(#args),*))
                };
                // Nested (the top level sets them as statements): the optional fields the
                // example sets, by struct update (Prism refuses `{}` for "either `a` or `b`").
                if depth == 0 {
                    return Some(base);
                }
                let mut sets = Vec::new();
                for field in st.fields.iter().filter(|f| f.optional) {
                    let Some(value) = object
                        .and_then(|o| o.get(&field.wire))
                        .filter(|v| !v.is_null())
                    else {
                        continue;
                    };
                    let name = ident(&field.name);
                    let value = self.field_value(field, Some(value), depth + 1)?;
                    sets.push(quote!(#name: Some(#value)));
                }
                if sets.is_empty() {
                    base
                } else if sets.len() == st.fields.len() && st.additional.is_none() {
                    quote!(#path { #(#sets),* })
                } else {
                    quote!(#path { #(#sets,)* ..#base })
                }
            }
            ModelKind::Enum(en) => {
                let wire = example.and_then(Value::as_str);
                let variant = en
                    .variants
                    .iter()
                    .find(|v| Some(v.wire.as_str()) == wire)
                    .or(en.variants.first());
                match variant {
                    Some(variant) => {
                        let variant = ident(&variant.name);
                        quote!(#path::#variant)
                    }
                    None => {
                        let text = lit(wire.unwrap_or("value"));
                        quote!(#path::from(#text))
                    }
                }
            }
            ModelKind::Alias(ty) => self.value(ty, example, place, depth + 1)?,
            ModelKind::Union(union) => {
                let variant = union.variants.first()?;
                let value = self.value(&variant.ty, example, Place::Owned, depth + 1)?;
                let variant = ident(&variant.name);
                quote!(#path::#variant(#value))
            }
            ModelKind::Statuses(_) => return None,
        })
    }
}

fn first_item(value: &Value) -> Option<&Value> {
    value.as_array().and_then(|items| items.first())
}

/// JSON as the tokens of a `json!` invocation.
fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => n.to_string().parse().unwrap_or_else(|_| quote!(null)),
        Value::String(text) => {
            let text = lit(text);
            quote!(#text)
        }
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(key, value)| {
                let key = lit(key);
                let value = json_tokens(value);
                quote!(#key: #value)
            });
            quote!({#(#entries),*})
        }
    }
}
