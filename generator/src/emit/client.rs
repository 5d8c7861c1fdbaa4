//! Request functions: a `Client` method and a request builder per operation.

use super::tokens::{doc_attrs, ident, lit, rust_type};
use crate::ir::{
    Api, Body, BodyEncoding, Decode, ModelKind, Operation, Param, ParamLocation, PathPart,
    QueryStyle, Status, StatusBody, StreamKind, Streaming, TypeRef,
};
use crate::media::Framing;
use proc_macro2::TokenStream;
use quote::quote;

/// The tokens of one request module (the operations of one tag).
pub fn request_file(api: &Api, operations: &[&Operation]) -> TokenStream {
    let doc = operations
        .first()
        .and_then(|op| module_doc(api, &op.module))
        .map(|doc| super::crate_files::inner_doc_attrs(&doc));
    let items = operations.iter().map(|op| operation(api, op));
    quote! { #doc #(#items)* }
}

/// The docs of a request module whose tag says more than a 3.0 tag can (a summary, a parent,
/// tags under it): its tag, its summary, its parent, its description.
fn module_doc(api: &Api, module: &str) -> Option<String> {
    let tag = api.tags.get(module)?;
    let nests = api
        .tags
        .values()
        .any(|t| t.parent.as_deref() == Some(module));
    if tag.summary.is_none() && tag.parent.is_none() && !nests {
        return None;
    }
    let name = tag.name.replace('`', "'");
    let mut doc = match &tag.summary {
        Some(summary) => format!("The operations of the tag `{name}`: {summary}"),
        None => format!("The operations of the tag `{name}`."),
    };
    if let Some(parent) = tag.parent.as_deref().and_then(|p| api.tags.get(p)) {
        let parent = parent.name.replace('`', "'");
        doc.push_str(&format!("\n\nUnder the tag `{parent}`."));
    }
    if let Some(text) = &tag.doc {
        doc.push_str("\n\n");
        doc.push_str(text);
    }
    Some(doc)
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

/// What `.await` gives: the success type, or the stream when that is the only success form.
fn output_type(op: &Operation) -> TokenStream {
    match op.streaming.as_ref().filter(|s| s.exclusive) {
        Some(streaming) => stream_type(streaming),
        None => rust_type(&op.success),
    }
}

/// `EventStream<Item>` or `ByteStream`.
fn stream_type(streaming: &Streaming) -> TokenStream {
    match streaming.kind {
        StreamKind::Download => quote!(crate::ByteStream),
        _ => {
            let item = rust_type(&streaming.item);
            quote!(crate::EventStream<#item>)
        }
    }
}

/// The function that makes the stream of an open body.
fn open_fn(streaming: &Streaming) -> TokenStream {
    let item = rust_type(&streaming.item);
    // A stream without a schema (or of strings) keeps each item's text.
    let decode = if streaming.item == TypeRef::String {
        quote!(crate::runtime::item_text)
    } else if streaming.events.is_empty() {
        quote!(crate::runtime::item_json::<#item>)
    } else {
        // Each named event decodes as its own alternative; others as the union does.
        let arms = streaming.events.iter().map(|(event, variant, ty)| {
            let event = lit(event);
            let variant = ident(variant);
            let (inner, wrap) = match ty {
                TypeRef::Boxed(inner) => {
                    (rust_type(inner), quote!(|v| #item::#variant(Box::new(v))))
                }
                other => (rust_type(other), quote!(#item::#variant)),
            };
            quote!(#event => crate::runtime::item_json::<#inner>(event, data).map(#wrap),)
        });
        quote! {
            |event, data| match event {
                #(#arms)*
                _ => crate::runtime::item_json::<#item>(event, data),
            }
        }
    };
    match streaming.kind {
        StreamKind::Items(Framing::Sse) => quote!(|opened| crate::runtime::sse(opened, #decode)),
        StreamKind::Items(Framing::Lines) => {
            quote!(|opened| crate::runtime::json_lines(opened, #decode))
        }
        StreamKind::Items(Framing::JsonSeq) => {
            quote!(|opened| crate::runtime::json_seq(opened, #decode))
        }
        StreamKind::Download => quote!(crate::ByteStream::new),
    }
}

/// The builder method that asks for the stream, beside `.await` (which reads JSON, or the
/// whole body).
fn stream_method(api: &Api, op: &Operation, streaming: &Streaming) -> TokenStream {
    let name = ident(&streaming.method);
    let ty = stream_type(streaming);
    let build = build_request(api, op, Some(streaming));
    let decode = decode_closure(api, op, false);
    let open = open_fn(streaming);
    let accept = &streaming.accept;
    let doc = match (streaming.kind, &streaming.flag) {
        (StreamKind::Download, _) => format!(
            "Sends the request and returns the body as it arrives, with no size limit (`.await` \
             reads it whole, up to the client's limit). Asks for `{accept}`."
        ),
        (_, Some(flag)) => format!(
            "Sends the request with `{flag}: true`, asking for `{accept}`, and returns its items \
             as they arrive."
        ),
        (_, None) => format!(
            "Sends the request asking for `{accept}`, and returns its items as they arrive."
        ),
    };
    let doc = doc_attrs(Some(&doc));
    quote! {
        #doc
        pub fn #name(self) -> crate::BodyFuture<'a, #ty> {
            #build
            request.options(self.options);
            self.client.execute_stream(request, #decode, #open).into()
        }
    }
}

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let method = ident(&op.method_name);
    let builder = ident(&op.builder_name);
    let success = output_type(op);
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    let body = op.body.as_ref();
    // How the builder holds the body, and the parameters that give it.
    let body_ty = body.map(|b| match b.encoding {
        BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Parts => {
            let t = rust_type(&b.ty);
            quote!(&'a #t)
        }
        BodyEncoding::Text => quote!(&'a str),
        BodyEncoding::Binary => quote!(crate::FilePart),
        BodyEncoding::Multipart => quote!((bytes::Bytes, &'a str)),
    });
    let (body_params, body_value) = match body.map(|b| b.encoding) {
        Some(BodyEncoding::Multipart) => (
            quote!(body: bytes::Bytes, content_type: &'a str),
            quote!((body, content_type)),
        ),
        // Bytes, or a file streamed as it is sent.
        Some(BodyEncoding::Binary) => (
            quote!(body: impl Into<crate::FilePart>),
            quote!(body.into()),
        ),
        _ => {
            let ty = body_ty.clone().unwrap_or_default();
            (quote!(body: #ty), quote!(body))
        }
    };

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
            args.push(body_params.clone());
            // `body: body` would trip clippy's redundant_field_names.
            inits.push(match b.encoding {
                BodyEncoding::Multipart | BodyEncoding::Binary => quote!(body: #body_value),
                _ => quote!(body),
            });
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
        let bdoc = doc_attrs(Some(&body_doc(b, "Sets the request body.")));
        quote! {
            #bdoc
            pub fn body(mut self, #body_params) -> Self {
                self.body = Some(#body_value);
                self
            }
        }
    });

    let build = build_request(api, op, None);
    let exclusive = op.streaming.as_ref().filter(|s| s.exclusive);
    let decode = decode_closure(api, op, exclusive.is_none());
    let execute = match exclusive {
        Some(streaming) => {
            let open = open_fn(streaming);
            quote!(self.client.execute_stream(request, #decode, #open))
        }
        None => quote!(self.client.execute(request, #decode)),
    };
    let stream_method = (op.streaming.as_ref())
        .filter(|s| !s.exclusive)
        .map(|s| stream_method(api, op, s));
    let operation_impl = operation_impl(op);
    let paging = super::paging::methods(api, op);
    let method_doc = doc_attrs(Some(&method_doc(api, op)));
    let builder_doc = doc_attrs(Some(&format!(
        "The request built by [`Client::{0}`](crate::Client::{0}).\n\nSet optional parameters, then `.await` it for the body, or call \
         [`send_with_response`](Self::send_with_response) for the status and headers too.",
        op.method_name
    )));
    // Required inputs are arguments by design (a missing one is a compile error, not a
    // runtime one), however many the operation has. `&self` counts as clippy's eighth.
    let multipart_body = body.is_some_and(|b| b.required && b.encoding == BodyEncoding::Multipart);
    let arg_count = args.len() + usize::from(multipart_body);
    let allow = (arg_count >= 7).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "every required input of the operation is an argument, so none can be forgotten")])
    });
    quote! {
        impl crate::Client {
            #method_doc
            #allow
            pub fn #method<'a>(&'a self, #(#args),*) -> #builder<'a> {
                #builder { client: self, options: Default::default(), #(#inits),* }
            }
        }

        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a crate::Client,
            options: crate::runtime::CallOptions,
            #(#fields),*
        }

        #operation_impl
        #paging

        impl<'a> #builder<'a> {
            #(#setters)*
            #body_setter

            /// Sends the request; the response keeps the status and headers beside the body.
            pub fn send_with_response(self) -> crate::ResponseFuture<'a, #success> {
                #build
                request.options(self.options);
                #execute
            }

            #stream_method
        }
    }
}

/// `impl Operation`: the facts tracing and the test transport need, through the runtime's
/// `operation!`, which adds what every builder has (`timeout`, `header`, `send`, `.await`).
fn operation_impl(op: &Operation) -> TokenStream {
    let builder = ident(&op.builder_name);
    let success = output_type(op);
    let http_method = lit(&op.http_method);
    let id = lit(&op.operation_id);
    let template = lit(&op.path);
    let status = op
        .success_statuses
        .iter()
        .map(|s| match s.status {
            Status::Code(code) => code,
            Status::Range(class) => class.saturating_mul(100),
        })
        .next()
        .unwrap_or(200);
    let status = proc_macro2::Literal::u16_unsuffixed(status);
    let server = (!op.servers.is_empty()).then(|| {
        let servers = op.servers.iter().map(|s| lit(s));
        quote! { const SERVERS: &'static [&'static str] = &[#(#servers),*]; }
    });
    quote! {
        crate::runtime::operation! {
            impl crate::Operation for #builder<'_> {
                const ID: &'static str = #id;
                const METHOD: &'static str = #http_method;
                const PATH_TEMPLATE: &'static str = #template;
                #server
                const SUCCESS_STATUS: u16 = #status;
                type Output = #success;
            }
        }
    }
}

fn method_doc(api: &Api, op: &Operation) -> String {
    let route = format!("`{} {}`", op.http_method, op.path);
    let mut doc = match &op.doc {
        Some(doc) => format!("{doc}\n\n{route}"),
        None => route,
    };
    if let Some(note) = op
        .body
        .as_ref()
        .filter(|b| b.required)
        .and_then(encoding_note)
    {
        doc.push_str("\n\n");
        doc.push_str(&note);
    }
    if let Some(example) = super::doc_example::operation_example(api, op) {
        doc.push_str("\n\n");
        doc.push_str(&example);
    }
    doc
}

/// The docs of an optional body's setter.
fn body_doc(body: &Body, fallback: &str) -> String {
    let base = body.doc.as_deref().unwrap_or(fallback);
    match encoding_note(body) {
        Some(note) => format!("{base}\n\n{note}"),
        None => base.to_string(),
    }
}

/// How a non-JSON body goes on the wire, for the docs.
fn encoding_note(body: &Body) -> Option<String> {
    let ct = &body.content_type;
    match body.encoding {
        BodyEncoding::Json => None,
        BodyEncoding::Form => Some(format!(
            "The body is sent as `{ct}`: its top-level properties become form fields (arrays \
             repeat the key, objects go as JSON text, `None` is left out)."
        )),
        BodyEncoding::Text => Some(format!("The body is text, sent as `{ct}`.")),
        BodyEncoding::Binary => Some(format!(
            "The body is sent unchanged as `{ct}`: bytes, or a [`FilePart`](crate::FilePart) \
             (a file read as it is sent, never whole, or a reader)."
        )),
        BodyEncoding::Multipart => Some(format!(
            "The body is `{ct}` that you encode: pass its bytes and its content type with the \
             boundary (`multipart/form-data; boundary=...`)."
        )),
        BodyEncoding::Parts => Some(format!(
            "The body is sent as `{ct}`, one part per property: files as \
             [`FilePart`](crate::FilePart)s (bytes, a path read as it is sent, or a reader), \
             text as text, objects as JSON, arrays as one part per item."
        )),
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
/// Whether a named type is written as text (a string enum), not as an object.
fn is_plain_named(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(name) => match api.models.get(name).map(|m| &m.kind) {
            Some(ModelKind::Alias(inner)) => is_plain_named(api, inner),
            Some(ModelKind::Struct(_)) => false,
            _ => true,
        },
        _ => true,
    }
}

fn to_text(ty: &TypeRef, value: TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => value,
        _ => quote!(&#value.to_string()),
    }
}

/// The statements that build `request`; for the method that asks for a stream, with its
/// `Accept` and its flag.
fn build_request(api: &Api, op: &Operation, stream: Option<&Streaming>) -> TokenStream {
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
                ParamLocation::Cookie => quote!(request.cookie(#wire, #value);),
                _ => quote!(request.query(#wire, #value);),
            };
            let (inner, is_vec) = match &p.ty {
                TypeRef::Vec(inner) => (inner.as_ref(), true),
                other => (other, false),
            };
            let one = add(to_text(inner, quote!(value)));
            let style = match p.style {
                QueryStyle::Exploded => quote!(crate::runtime::QueryStyle::Exploded),
                QueryStyle::Delimited(c) => quote!(crate::runtime::QueryStyle::Delimited(#c)),
                QueryStyle::DeepObject => quote!(crate::runtime::QueryStyle::DeepObject),
            };
            let (values, each) = match (p.location, &p.style, is_vec) {
                // An object model in the query: its properties, as `style` lays them out.
                (ParamLocation::Query, _, false) if matches!(p.ty, TypeRef::Named(_)) && !is_plain_named(api, &p.ty) => {
                    (quote!(value), quote!(request.query_object(#wire, &value, #style);))
                }
                // `explode: false` and the delimited styles: one pair, the items joined.
                (ParamLocation::Query, QueryStyle::Delimited(c), true) => {
                    let sep = c.to_string();
                    (
                        quote!(values),
                        quote!(request.query(#wire, &values.iter().map(|item| item.to_string()).collect::<Vec<_>>().join(#sep));),
                    )
                }
                // Arrays repeat the key (`form`, `explode: true`, OpenAPI's default).
                (_, _, true) => (quote!(values), quote!(for value in values.iter() { #one })),
                _ => (quote!(value), one),
            };
            if p.required {
                quote! { let #values = self.#name; #each }
            } else {
                quote! { if let Some(#values) = self.#name { #each } }
            }
        });
    let body = op.body.as_ref().map(|b| {
        let ct = lit(&b.content_type);
        let set = match b.encoding {
            BodyEncoding::Json => match stream.and_then(|s| s.flag.as_ref()) {
                Some(flag) => {
                    let flag = lit(flag);
                    quote!(request.json_body_flagged(body, #flag);)
                }
                None => quote!(request.json_body(body);),
            },
            BodyEncoding::Form if b.delimited.is_empty() => quote!(request.form_body(body);),
            BodyEncoding::Form => {
                let joined = b
                    .delimited
                    .iter()
                    .map(|(name, delimiter)| quote!((#name, #delimiter)));
                quote!(request.form_body_delimited(body, &[#(#joined),*]);)
            }
            BodyEncoding::Text => {
                quote!(request.raw_body(#ct, bytes::Bytes::copy_from_slice(body.as_bytes()));)
            }
            BodyEncoding::Binary => quote!(request.file_body(#ct, &body);),
            BodyEncoding::Multipart => quote! {
                let (body, content_type) = body;
                request.raw_body(content_type, body);
            },
            BodyEncoding::Parts => {
                let types = b.part_types.iter().map(|(name, ct)| {
                    let (name, ct) = (lit(name), lit(ct));
                    quote!((#name, #ct))
                });
                quote!(request.multipart_body(body, &[#(#types),*]);)
            }
        };
        if b.required {
            quote! { let body = self.body; #set }
        } else {
            quote! { if let Some(body) = self.body { #set } }
        }
    });
    let accept = stream.map(|s| &s.accept).or(op.accept.as_ref());
    let accept = accept.map(|types| {
        let types = lit(types);
        quote!(request.header("accept", #types);)
    });
    let security = super::auth::requirement(op, api);
    quote! {
        let mut request = crate::runtime::Request::new::<Self>();
        #security
        #accept
        #(#path)*
        #(#others)*
        #body
    }
}

/// The match pattern of a status. A range leaves out the codes the operation lists on their
/// own, so no two arms overlap; `None` when nothing of the range is left.
fn pattern(status: Status, listed: &[u16]) -> Option<Spans> {
    let (low, high) = match status {
        Status::Code(code) => (code, code),
        Status::Range(class) => {
            let low = class.saturating_mul(100);
            (low, low.saturating_add(99))
        }
    };
    let mut spans: Spans = Vec::new();
    for code in low..=high {
        if low != high && listed.contains(&code) {
            continue;
        }
        push_code(&mut spans, code, code);
    }
    (!spans.is_empty()).then_some(spans)
}

/// Status codes as inclusive spans, `(400, 499)` for `400..=499`.
type Spans = Vec<(u16, u16)>;

/// Adds a span, merging it with the last one when they touch.
fn push_code(spans: &mut Spans, start: u16, end: u16) {
    match spans.last_mut() {
        Some((_, last)) if last.checked_add(1) == Some(start) => *last = end,
        _ => spans.push((start, end)),
    }
}

/// `400 | 404..=409`: neighbouring codes become one range (clippy's `manual_range_patterns`).
fn pattern_tokens(mut spans: Spans) -> TokenStream {
    spans.sort_unstable();
    let mut merged = Spans::new();
    for (start, end) in spans {
        push_code(&mut merged, start, end);
    }
    let code = proc_macro2::Literal::u16_unsuffixed;
    // Two neighbours read better as `400 | 401`, which the lint accepts.
    let alternatives = merged.iter().map(|&(a, b)| match b - a {
        0 => {
            let a = code(a);
            quote!(#a)
        }
        1 => {
            let (a, b) = (code(a), code(b));
            quote!(#a | #b)
        }
        _ => {
            let (a, b) = (code(a), code(b));
            quote!(#a..=#b)
        }
    });
    quote!(#(#alternatives)|*)
}

/// Codes before ranges, so a code inside a listed range still gets its own arm.
fn ordered(statuses: &[StatusBody]) -> Vec<&StatusBody> {
    let mut sorted: Vec<&StatusBody> = statuses.iter().collect();
    sorted.sort_by_key(|s| matches!(s.status, Status::Range(_)));
    sorted
}

/// The operation's `decode`; without `successes`, only its error statuses (a streamed success
/// never reaches it).
fn decode_closure(api: &Api, op: &Operation, successes: bool) -> TokenStream {
    let mut uses_body = false;
    let mut arms = Vec::new();
    let listed: Vec<u16> = (op.success_statuses.iter())
        .chain(&op.error_statuses)
        .filter_map(|s| match s.status {
            Status::Code(code) => Some(code),
            Status::Range(_) => None,
        })
        .collect();
    let success_statuses = if successes {
        &op.success_statuses[..]
    } else {
        &[]
    };
    for s in ordered(success_statuses) {
        let Some(pat) = pattern(s.status, &listed) else {
            continue;
        };
        let value = match s.decode {
            Decode::Json => {
                uses_body = true;
                quote!(crate::runtime::decode_json(body))
            }
            Decode::Bytes => {
                uses_body = true;
                quote!(Ok(body.clone()))
            }
            Decode::Text => {
                uses_body = true;
                quote!(std::str::from_utf8(body)
                    .map(str::to_owned)
                    .map_err(<serde_json::Error as serde::de::Error>::custom))
            }
            Decode::Empty => quote!(Ok(())),
        };
        let value = match &s.variant {
            Some(variant) => {
                let variant = ident(variant);
                let model = rust_type(&op.success);
                match s.decode {
                    Decode::Empty => quote!(Ok(#model::#variant)),
                    // `Ok(x).map(V)` trips clippy's unnecessary_map_on_constructor.
                    Decode::Bytes => quote!(Ok(#model::#variant(body.clone()))),
                    _ => quote!(#value.map(#model::#variant)),
                }
            }
            None => value,
        };
        arms.push((pat, quote!(crate::runtime::Decoded::Success(#value))));
    }
    for s in ordered(&op.error_statuses) {
        let Some(pat) = pattern(s.status, &listed) else {
            continue;
        };
        let value = error_value(api, &s.ty, &mut uses_body);
        arms.push((pat, quote!(crate::runtime::Decoded::Error(#value))));
    }
    let fallback = match &op.default_error {
        Some(ty) => {
            let value = error_value(api, ty, &mut uses_body);
            quote!(crate::runtime::Decoded::Error(#value))
        }
        None => quote!(crate::runtime::Decoded::Undeclared),
    };
    let arms = group_arms(arms);
    let body = if uses_body {
        quote!(body)
    } else {
        quote!(_body)
    };
    // No status of its own: a `match` with only `_` would trip clippy's match_single_binding.
    if arms.is_empty() {
        return quote!(|_status, #body| #fallback);
    }
    quote! {
        |status, #body| match status {
            #(#arms)*
            _ => #fallback,
        }
    }
}

/// Statuses decoded the same way share one arm (`400..=403 | 409 => ...`), in first-seen
/// order. Arms never overlap (a range leaves out the codes listed on their own), so merging
/// a group's codes cannot change which arm a status takes.
fn group_arms(arms: Vec<(Spans, TokenStream)>) -> Vec<TokenStream> {
    let mut groups: Vec<(String, TokenStream, Spans)> = Vec::new();
    for (spans, value) in arms {
        let key = value.to_string();
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, all)) => all.extend(spans),
            None => groups.push((key, value, spans)),
        }
    }
    groups
        .into_iter()
        .map(|(_, value, spans)| {
            let pat = pattern_tokens(spans);
            quote!(#pat => #value,)
        })
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
    // A large variant holds a `Box` of the status's type.
    let position = (api.error_types.iter())
        .position(|t| t == ty || matches!(t, TypeRef::Boxed(inner) if **inner == *ty))
        .unwrap_or_default();
    let variant = ident(&super::error_body::variant_names(api)[position]);
    quote!(crate::runtime::decode_json(body)
        .map(crate::ErrorBody::#variant)
        .map(Box::new))
}
