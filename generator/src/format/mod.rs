//! Stage 5: tokens into formatted source, with the `@generated` header.

pub mod cache;

use crate::error::{Error, Result};
use proc_macro2::TokenStream;

/// Parses and pretty-prints tokens; a parse failure is a generator bug, reported as an error.
///
/// prettyplease prints a macro's tokens as one flowing line, so an item macro whose body is
/// itself Rust items (the runtime's `model! { pub struct .. }`) is printed as those items,
/// formatted and indented: one field per line, as a reviewer reads a struct.
pub fn rust(tokens: TokenStream, header: &str, file: &str) -> Result<String> {
    let parsed: syn::File = syn::parse2(tokens).map_err(|e| Error::Emit {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let mut out = format!("{header}\n");
    let mut plain = syn::File {
        shebang: parsed.shebang,
        attrs: parsed.attrs,
        items: Vec::new(),
    };
    for item in parsed.items {
        match item_macro_body(&item) {
            Some((path, body)) => {
                flush(&mut out, &mut plain);
                out.push_str(&path);
                out.push_str("! {\n");
                for line in prettyplease::unparse(&body).lines() {
                    if !line.is_empty() {
                        out.push_str("    ");
                        out.push_str(line);
                    }
                    out.push('\n');
                }
                out.push_str("}\n");
            }
            None => plain.items.push(item),
        }
    }
    flush(&mut out, &mut plain);
    Ok(out)
}

/// Prints and empties the plain items gathered so far.
fn flush(out: &mut String, plain: &mut syn::File) {
    if !plain.items.is_empty() || !plain.attrs.is_empty() {
        out.push_str(&prettyplease::unparse(plain));
        plain.items.clear();
        plain.attrs.clear();
    }
}

/// `path! { items }`: the macro's path and its body, when the body parses as items.
fn item_macro_body(item: &syn::Item) -> Option<(String, syn::File)> {
    let syn::Item::Macro(item) = item else {
        return None;
    };
    let mac = &item.mac;
    if item.ident.is_some()
        || !item.attrs.is_empty()
        || !matches!(mac.delimiter, syn::MacroDelimiter::Brace(_))
    {
        return None;
    }
    let body: syn::File = syn::parse2(mac.tokens.clone()).ok()?;
    let path = mac
        .path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect::<Vec<_>>()
        .join("::");
    let path = match mac.path.leading_colon {
        Some(_) => format!("::{path}"),
        None => path,
    };
    Some((path, body))
}

/// Code for docs (an example, a quick start): formatted, or as token text if it does not
/// parse, since a doc example never fails the generation.
pub fn snippet(tokens: &TokenStream) -> String {
    let format = |tokens: TokenStream| match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => Ok::<_, std::convert::Infallible>(prettyplease::unparse(&file)),
        Err(_) => Ok(tokens.to_string()),
    };
    let cache = cache::current();
    cache::cached(cache.as_deref(), "snippet", tokens.clone(), format)
        .unwrap_or_else(|never| match never {})
}

/// `\r\n` to `\n`, so output is the same bytes on every platform.
pub fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}
