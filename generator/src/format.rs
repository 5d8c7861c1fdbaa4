//! Stage 5: tokens into formatted source, with the `@generated` header.

use crate::error::{Error, Result};
use proc_macro2::TokenStream;

/// Parses and pretty-prints tokens; a parse failure is a generator bug, reported as an error.
pub fn rust(tokens: TokenStream, header: &str, file: &str) -> Result<String> {
    let parsed: syn::File = syn::parse2(tokens).map_err(|e| Error::Emit {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    Ok(format!("{header}\n{}", prettyplease::unparse(&parsed)))
}

/// `\r\n` to `\n`, so output is the same bytes on every platform.
pub fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}
