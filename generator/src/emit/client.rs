//! Request functions: a `Client` method and a request builder per operation.

use super::tokens::{doc_attrs, ident, lit, rust_type};
use crate::ir::{
    Api, Decode, Operation, Param, ParamLocation, PathPart, Status, StatusBody, TypeRef,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The tokens of one request module (the operations of one tag).
pub fn request_file(api: &Api, operations: &[&Operation]) -> TokenStream {
    let items = operations.iter().map(|op| operation(api, op));
    quote! { #(#items)* }
}

/// How a parameter is held by the builder and taken by the method or setter.
fn arg_type(ty: &TypeRef) -> (TokenStream, bool) {
    match ty {
        TypeRef::String => (quote!(&'a str), true),
        TypeRef::Vec(inner) => {
            let inner = rust_type(inner);
            (quote!(&'a [#inner]), true)
        }
        other => (rust_type(other), false),
    }
}

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let method = ident(&op.method_name);
    let builder = ident(&op.builder_name);
    let success = rust_type(&op.success);
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    let body = op.body.as_ref();
    let body_ty = body.map(|b| {
        if b.json {
            let t = rust_type(&b.ty);
            quote!(&'a #t)
        } else {
            quote!(bytes::Bytes)
        }
    });

    // Builder fields: required params, the body, then optional params.
    let mut fields = Vec::new();
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &required {
        let name = ident(&p.name);
        let (ty, _) = arg_type(&p.ty);
        fields.push(quote!(#name: #ty));
        args.push(quote!(#name: #ty));
        inits.push(quote!(#name));
    }
    if let (Some(b), Some(ty)) = (body, &body_ty) {
        if b.required {
            fields.push(quote!(body: #ty));
            args.push(quote!(body: #ty));
            inits.push(quote!(body));
        } else {
            fields.push(quote!(body: Option<#ty>));
            inits.push(quote!(body: None));
        }
    }
    for p in &optional {
        let name = ident(&p.name);
        let (ty, _) = arg_type(&p.ty);
        fields.push(quote!(#name: Option<#ty>));
        inits.push(quote!(#name: None));
    }

    let setters = optional.iter().map(|p| setter(p));
    let body_setter = body.filter(|b| !b.required).map(|b| {
        let ty = body_ty.clone().unwrap_or_default();
        let bdoc = doc_attrs(Some(b.doc.as_deref().unwrap_or("Sets the request body.")));
        quote! {
            #bdoc
            pub fn body(mut self, body: #ty) -> Self {
                self.body = Some(body);
                self
            }
        }
    });

    let build = build_request(op);
    let decode = decode_closure(api, op);
    let method_doc = doc_attrs(Some(&method_doc(op)));
    let builder_doc = doc_attrs(Some(&format!(
        "The request built by [`Client::{0}`](crate::Client::{0}).\n\nSet optional parameters, then `.await` it for the body, or call \
         [`send_with_response`](Self::send_with_response) for the status and headers too.",
        op.method_name
    )));
    quote! {
        impl crate::Client {
            #method_doc
            pub fn #method<'a>(&'a self, #(#args),*) -> #builder<'a> {
                #builder { client: self, #(#inits),* }
            }
        }

        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a crate::Client,
            #(#fields),*
        }

        impl<'a> #builder<'a> {
            #(#setters)*
            #body_setter

            /// Sends the request and decodes the success body.
            pub async fn send(self) -> Result<#success, crate::Error> {
                self.send_with_response().await.map(crate::ApiResponse::into_body)
            }

            /// Sends the request; the response keeps the status and headers beside the body.
            pub async fn send_with_response(self) -> Result<crate::ApiResponse<#success>, crate::Error> {
                #build
                self.client.execute(request, #decode).await
            }
        }

        impl<'a> std::future::IntoFuture for #builder<'a> {
            type Output = Result<#success, crate::Error>;
            type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}

fn method_doc(op: &Operation) -> String {
    let route = format!("`{} {}`", op.http_method, op.path);
    match &op.doc {
        Some(doc) => format!("{doc}\n\n{route}"),
        None => route,
    }
}

fn setter(p: &Param) -> TokenStream {
    let name = ident(&p.name);
    let (ty, _) = arg_type(&p.ty);
    let pdoc = doc_attrs(Some(
        p.doc
            .as_deref()
            .unwrap_or(&format!("Sets the `{}` parameter.", p.wire)),
    ));
    quote! {
        #pdoc
        pub fn #name(mut self, value: #ty) -> Self {
            self.#name = Some(value);
            self
        }
    }
}

/// Text form of a parameter value held in `value` (a reference or a copy).
fn to_text(ty: &TypeRef, value: TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => value,
        _ => quote!(&#value.to_string()),
    }
}

fn build_request(op: &Operation) -> TokenStream {
    let http_method = format_ident!("{}", op.http_method);
    let path = op.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => {
            let text = lit(text);
            quote!(request.push_literal(#text);)
        }
        PathPart::Param(wire) => {
            let p = op.params.iter().find(|p| p.location == ParamLocation::Path && p.wire == *wire);
            match p {
                Some(p) => {
                    let name = ident(&p.name);
                    match &p.ty {
                        TypeRef::Vec(inner) => {
                            let item = to_text(inner, quote!(item));
                            quote!(request.push_segment(&self.#name.iter().map(|item| #item.to_string()).collect::<Vec<_>>().join(","));)
                        }
                        ty => {
                            let text = to_text(ty, quote!(self.#name));
                            quote!(request.push_segment(#text);)
                        }
                    }
                }
                None => TokenStream::new(),
            }
        }
    });
    let others = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .map(|p| {
            let name = ident(&p.name);
            let wire = lit(&p.wire);
            let add = |value: TokenStream| match p.location {
                ParamLocation::Header => quote!(request.header(#wire, #value);),
                _ => quote!(request.query(#wire, #value);),
            };
            let (inner, is_vec) = match &p.ty {
                TypeRef::Vec(inner) => (inner.as_ref(), true),
                other => (other, false),
            };
            let one = add(to_text(inner, quote!(value)));
            let each = if is_vec {
                quote!(for value in values.iter() { #one })
            } else {
                one.clone()
            };
            let values = if is_vec {
                quote!(values)
            } else {
                quote!(value)
            };
            let each = if is_vec { each } else { one };
            if p.required {
                quote! { let #values = self.#name; #each }
            } else {
                quote! { if let Some(#values) = self.#name { #each } }
            }
        });
    let body = op.body.as_ref().map(|b| {
        let ct = lit(&b.content_type);
        let set = if b.json {
            quote!(request.json_body(body);)
        } else {
            quote!(request.raw_body(#ct, body);)
        };
        if b.required {
            quote! { let body = self.body; #set }
        } else {
            quote! { if let Some(body) = self.body { #set } }
        }
    });
    quote! {
        let mut request = crate::runtime::Request::new(http::Method::#http_method);
        #(#path)*
        #(#others)*
        #body
    }
}

fn pattern(status: Status) -> TokenStream {
    match status {
        Status::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        Status::Range(class) => {
            let (low, high) = (
                proc_macro2::Literal::u16_unsuffixed(class * 100),
                proc_macro2::Literal::u16_unsuffixed(class * 100 + 99),
            );
            quote!(#low..=#high)
        }
    }
}

/// Codes before ranges, so a code inside a listed range still gets its own arm.
fn ordered(statuses: &[StatusBody]) -> Vec<&StatusBody> {
    let mut sorted: Vec<&StatusBody> = statuses.iter().collect();
    sorted.sort_by_key(|s| matches!(s.status, Status::Range(_)));
    sorted
}

fn decode_closure(api: &Api, op: &Operation) -> TokenStream {
    let mut uses_body = false;
    let mut arms = Vec::new();
    for s in ordered(&op.success_statuses) {
        let pat = pattern(s.status);
        let value = match s.decode {
            Decode::Json => {
                uses_body = true;
                quote!(crate::runtime::decode_json(body))
            }
            Decode::Bytes => {
                uses_body = true;
                quote!(Ok(body.clone()))
            }
            Decode::Empty => quote!(Ok(())),
        };
        let value = match &s.variant {
            Some(variant) => {
                let variant = ident(variant);
                let model = rust_type(&op.success);
                match s.decode {
                    Decode::Empty => quote!(Ok(#model::#variant)),
                    _ => quote!(#value.map(#model::#variant)),
                }
            }
            None => value,
        };
        arms.push((pat, quote!(crate::runtime::Decoded::Success(#value))));
    }
    for s in ordered(&op.error_statuses) {
        let value = error_value(api, &s.ty, &mut uses_body);
        arms.push((
            pattern(s.status),
            quote!(crate::runtime::Decoded::Error(#value)),
        ));
    }
    let fallback = match &op.default_error {
        Some(ty) => {
            let value = error_value(api, ty, &mut uses_body);
            quote!(_ => crate::runtime::Decoded::Error(#value),)
        }
        None => quote!(_ => crate::runtime::Decoded::Undeclared,),
    };
    let arms = group_arms(arms);
    let body = if uses_body {
        quote!(body)
    } else {
        quote!(_body)
    };
    quote! {
        |status, #body| match status {
            #(#arms)*
            #fallback
        }
    }
}

/// Statuses decoded the same way share one arm (`400 | 401 | 403 => ...`), in first-seen order.
fn group_arms(arms: Vec<(TokenStream, TokenStream)>) -> Vec<TokenStream> {
    let mut groups: Vec<(String, TokenStream, Vec<TokenStream>)> = Vec::new();
    for (pat, value) in arms {
        let key = value.to_string();
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, pats)) => pats.push(pat),
            None => groups.push((key, value, vec![pat])),
        }
    }
    groups
        .into_iter()
        .map(|(_, value, pats)| quote!(#(#pats)|* => #value,))
        .collect()
}

/// Parses an error body into `ErrorBody` (one variant per error shape when there are several).
fn error_value(api: &Api, ty: &TypeRef, uses_body: &mut bool) -> TokenStream {
    if *ty == TypeRef::Unit {
        return quote!(Err(<serde_json::Error as serde::de::Error>::custom(
            "this status has no body in the spec"
        )));
    }
    *uses_body = true;
    if api.error_types.len() <= 1 {
        return quote!(crate::runtime::decode_json(body));
    }
    let position = api
        .error_types
        .iter()
        .position(|t| t == ty)
        .unwrap_or_default();
    let variant = ident(&super::error_body::variant_names(api)[position]);
    quote!(crate::runtime::decode_json(body).map(crate::ErrorBody::#variant))
}
