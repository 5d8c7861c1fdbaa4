//! A paginated operation's streams: `pages()` and `items()` on its request builder, over the
//! runtime's `Pages` and `Items` (`runtime/paging.rs`). What varies per operation is small:
//! how a page says what comes next, and where its items are.

use super::tokens::{doc_attrs, ident, lit, rust_type};
use crate::ir::{Api, FieldStep, ModelKind, Operation, PageStyle, Pagination, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The builder's `pages()` and `items()`, when the operation pages.
pub fn methods(api: &Api, op: &Operation) -> TokenStream {
    let Some(paging) = &op.pagination else {
        return TokenStream::new();
    };
    let builder = ident(&op.builder_name);
    let page = rust_type(&op.success);
    let item = rust_type(&paging.item);
    let wire = |name: &str| {
        let wire = op
            .params
            .iter()
            .find(|p| p.name == name)
            .map_or(name, |p| p.wire.as_str());
        lit(wire)
    };
    let none = quote!(None);
    let (style, position, size, how) = match &paging.style {
        PageStyle::Cursor { param, .. } => (
            {
                let w = wire(param);
                quote!(crate::runtime::Style::Cursor(#w))
            },
            quote!(0),
            none,
            format!("with the next page's cursor in `{}`", wire_text(op, param)),
        ),
        PageStyle::HasMore { param, .. } => (
            {
                let w = wire(param);
                quote!(crate::runtime::Style::Cursor(#w))
            },
            quote!(0),
            none,
            format!("with the last item's id in `{}`", wire_text(op, param)),
        ),
        PageStyle::NextLink { .. } => (
            quote!(crate::runtime::Style::Link),
            quote!(0),
            none,
            "at the URL each page links as the next".to_owned(),
        ),
        PageStyle::LinkHeader => (
            quote!(crate::runtime::Style::Link),
            quote!(0),
            none,
            "at the URL of each page's `Link: <..>; rel=\"next\"` header".to_owned(),
        ),
        PageStyle::Offset { param, limit, .. } => (
            {
                let w = wire(param);
                quote!(crate::runtime::Style::Offset(#w))
            },
            {
                let value = param_count(api, op, param);
                quote!(#value.unwrap_or(0))
            },
            limit
                .as_deref()
                .map_or(quote!(None), |limit| param_count(api, op, limit)),
            format!("with `{}` advanced by the items read", wire_text(op, param)),
        ),
        PageStyle::Page {
            param, first, size, ..
        } => (
            {
                let w = wire(param);
                quote!(crate::runtime::Style::Page(#w))
            },
            {
                let value = param_count(api, op, param);
                let first = proc_macro2::Literal::u64_unsuffixed(*first);
                quote!(#value.unwrap_or(#first))
            },
            size.as_deref()
                .map_or(quote!(None), |size| param_count(api, op, size)),
            format!("with `{}` advanced by one", wire_text(op, param)),
        ),
    };
    // Read from the builder before it moves into the stream.
    let (prelude, position, size) = if position.to_string() == "0" {
        (TokenStream::new(), position, size)
    } else {
        (
            quote! { let position = #position; let size = #size; },
            quote!(position),
            quote!(size),
        )
    };
    let read = read_fn(api, paging);
    let split = match &paging.items {
        None => quote!(std::convert::identity),
        Some(step) => {
            let name = ident(&step.name);
            if step.optional {
                quote!(|page| page.#name.unwrap_or_default())
            } else {
                quote!(|page| page.#name)
            }
        }
    };
    let pages_doc = doc_attrs(Some(&format!(
        "Every page of this list, as a stream: each page is this call, its parameters and \
         options kept, {how}. A page is fetched when the stream is polled for it, never \
         before; see [`Pages`](crate::Pages) for when the stream ends."
    )));
    let items_doc = doc_attrs(Some(
        "Every item of this list, page after page (see [`pages`](Self::pages)): \
         `while let Some(item) = items.next().await`, or any `futures::StreamExt` method \
         (`.take(n)` fetches no page beyond the one holding the n-th item).",
    ));
    quote! {
        impl<'a> #builder<'a> {
            #pages_doc
            pub fn pages(self) -> crate::Pages<'a, #page> {
                #prelude
                crate::runtime::Pages::new(
                    self.client,
                    self,
                    |mut request, target| {
                        request.options.page(target);
                        request.send_with_response()
                    },
                    #read,
                    #style,
                    #position,
                    #size,
                )
            }

            #items_doc
            pub fn items(self) -> crate::Items<'a, #page, #item> {
                crate::runtime::Items::new(self.pages(), #split)
            }
        }
    }
}

fn wire_text<'o>(op: &'o Operation, name: &'o str) -> &'o str {
    op.params
        .iter()
        .find(|p| p.name == name)
        .map_or(name, |p| p.wire.as_str())
}

/// The type behind aliases.
fn unalias<'t>(api: &'t Api, mut ty: &'t TypeRef) -> &'t TypeRef {
    for _ in 0..32 {
        match ty {
            TypeRef::Named(name) => match api.models.get(name).map(|m| &m.kind) {
                Some(ModelKind::Alias(inner)) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

/// The builder's value of an integer parameter as an `Option<u64>`.
fn param_count(api: &Api, op: &Operation, name: &str) -> TokenStream {
    let Some(param) = op.params.iter().find(|p| p.name == name) else {
        return quote!(None);
    };
    let field = ident(&param.name);
    let number = *unalias(api, &param.ty) == TypeRef::Number;
    match (param.required, number) {
        (false, false) => quote!(self.#field.and_then(|value| u64::try_from(value).ok())),
        (true, false) => quote!(u64::try_from(self.#field).ok()),
        (false, true) => quote!(self.#field.as_ref().and_then(serde_json::Number::as_u64)),
        (true, true) => quote!(self.#field.as_u64()),
    }
}

/// A path into the page (`body`): a place (`body.a`) or an `Option<&T>`.
enum Access {
    Place(TokenStream),
    Optional(TokenStream),
}

fn access(steps: &[FieldStep]) -> Access {
    let mut at = Access::Place(quote!(body));
    for step in steps {
        let name = ident(&step.name);
        at = match (at, step.optional) {
            (Access::Place(expr), false) => Access::Place(quote!(#expr.#name)),
            (Access::Place(expr), true) => Access::Optional(quote!(#expr.#name.as_ref())),
            (Access::Optional(expr), false) => {
                Access::Optional(quote!(#expr.map(|value| &value.#name)))
            }
            (Access::Optional(expr), true) => {
                Access::Optional(quote!(#expr.and_then(|value| value.#name.as_ref())))
            }
        };
    }
    at
}

/// An `Option<String>` from a path to a string.
fn text(steps: &[FieldStep]) -> TokenStream {
    // `body.a.next` where only `next` is optional: the `Option` itself.
    if let Some((last, before)) = steps.split_last() {
        if let (true, Access::Place(expr)) = (last.optional, access(before)) {
            let name = ident(&last.name);
            return quote!(#expr.#name.clone());
        }
    }
    match access(steps) {
        Access::Place(expr) => quote!(Some(#expr.clone())),
        Access::Optional(expr) => quote!(#expr.cloned()),
    }
}

/// An `Option<u64>` from a path to an integer.
fn count(api: &Api, steps: &[FieldStep]) -> TokenStream {
    let number = steps
        .last()
        .is_some_and(|step| *unalias(api, &step.ty) == TypeRef::Number);
    match (access(steps), number) {
        (Access::Place(expr), false) => quote!(u64::try_from(#expr).ok()),
        (Access::Place(expr), true) => quote!(#expr.as_u64()),
        (Access::Optional(expr), false) => {
            quote!(#expr.and_then(|value| u64::try_from(*value).ok()))
        }
        (Access::Optional(expr), true) => quote!(#expr.and_then(serde_json::Number::as_u64)),
    }
}

/// The function that reads what a page says about the next one.
fn read_fn(api: &Api, paging: &Pagination) -> TokenStream {
    let items = match &paging.items {
        None => quote!(body),
        Some(step) => {
            let name = ident(&step.name);
            quote!(body.#name)
        }
    };
    let optional_items = paging.items.as_ref().is_some_and(|step| step.optional);
    let len = if optional_items {
        quote!(#items.as_ref().map_or(0, Vec::len))
    } else {
        quote!(#items.len())
    };
    let (token, total) = match &paging.style {
        PageStyle::Cursor { next, .. } | PageStyle::NextLink { next } => (Some(text(next)), None),
        PageStyle::HasMore { has_more, id, .. } => {
            let more = match access(has_more) {
                Access::Place(expr) => expr,
                Access::Optional(expr) => quote!(#expr.is_some_and(|more| *more)),
            };
            let last = if optional_items {
                quote!(#items.as_ref().and_then(|items| items.last()))
            } else {
                quote!(#items.last())
            };
            let name = ident(&id.name);
            let id = if id.optional {
                quote!(and_then(|item| item.#name.clone()))
            } else {
                quote!(map(|item| item.#name.clone()))
            };
            (Some(quote!(if #more { #last.#id } else { None })), None)
        }
        PageStyle::LinkHeader => (
            Some(quote!(crate::runtime::link_header_next(page.headers()))),
            None,
        ),
        PageStyle::Offset { total, .. } | PageStyle::Page { total, .. } => {
            (None, total.as_deref().map(|steps| count(api, steps)))
        }
    };
    let token = token.map(|token| quote!(token: #token,));
    let total = total.map(|total| quote!(total: #total,));
    let rest = (token.is_none() || total.is_none()).then(|| quote!(..Default::default()));
    quote! {
        |page| {
            let body = page.body();
            crate::runtime::Next { #token #total count: #len, #rest }
        }
    }
}

/// The README's section on paginated lists, when the API has some.
pub fn readme_section(api: &Api) -> String {
    let paged: Vec<(&Operation, &Pagination)> = (api.operations.iter())
        .filter_map(|op| op.pagination.as_ref().map(|paging| (op, paging)))
        .collect();
    if paged.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "## Paginated lists ({})\n\nThese operations' request builders also give `pages()` and \
         `items()`: streams that fetch one page at a time, as they are polled, with the call's \
         parameters and options, and end after the last page (or with `Error::Paging` when the \
         server repeats a page).\n\n```rust,ignore\nlet mut items = client.{}().items();\n\
         while let Some(item) = items.next().await {{\n    let item = item?;\n    println!(\"{{item:?}}\");\n}}\n```\n\n\
         | method | next page | declared by |\n|---|---|---|\n",
        paged.len(),
        paged[0].0.method_name,
    );
    for (op, paging) in paged {
        let param = |name: &str| format!("`{}`", wire_text(op, name));
        let how = match &paging.style {
            PageStyle::Cursor { param: p, .. } => format!("cursor in {}", param(p)),
            PageStyle::HasMore { param: p, .. } => {
                format!("last id in {}, while `has_more`", param(p))
            }
            PageStyle::Offset { param: p, .. } => format!("offset {}", param(p)),
            PageStyle::Page { param: p, .. } => format!("page number {}", param(p)),
            PageStyle::NextLink { .. } => "URL in the body".to_owned(),
            PageStyle::LinkHeader => "`Link` header".to_owned(),
        };
        let origin = match &paging.origin {
            crate::ir::PagingOrigin::Extension(name) => format!("`{name}`"),
            crate::ir::PagingOrigin::Config => "the configuration file".to_owned(),
            crate::ir::PagingOrigin::Convention(what) => {
                format!("convention ({})", what.replace('|', "\\|"))
            }
        };
        let _ = std::fmt::Write::write_fmt(
            &mut out,
            format_args!("| `{}` | {how} | {origin} |\n", op.method_name),
        );
    }
    out.push('\n');
    out
}
