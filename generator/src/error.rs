//! The generator's error type: every failure names where in the spec it comes from.

use std::path::PathBuf;

/// A location in the spec: a file and a JSON pointer inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as given (relative to the working directory when possible).
    pub file: PathBuf,
    /// An RFC 6901 JSON pointer into that file (empty for the whole document).
    pub pointer: String,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.file.display(), self.pointer)
    }
}

/// Everything that can go wrong while generating.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The spec is not valid JSON/YAML or not a valid OpenAPI document.
    #[error("{at}: {message}")]
    Invalid {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A `$ref` that cannot be followed.
    #[error("{at}: cannot resolve $ref `{reference}`: {reason}")]
    Ref {
        /// Where the `$ref` stands.
        at: Location,
        /// The reference as written.
        reference: String,
        /// Why it cannot be followed.
        reason: String,
    },
    /// A construct the generator does not support.
    #[error("{at}: unsupported: {what}")]
    Unsupported {
        /// Where.
        at: Location,
        /// What is not supported.
        what: String,
    },
    /// The crate name asked for cannot name a Cargo package and its library.
    #[error("invalid crate name `{name}`: {reason}")]
    CrateName {
        /// The name as given.
        name: String,
        /// What rule it breaks.
        reason: &'static str,
    },
    /// The emitted code did not parse: a generator bug, reported instead of panicking.
    #[error("internal error while emitting {file}: {message}")]
    Emit {
        /// The output file.
        file: String,
        /// The parser's message.
        message: String,
    },
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
