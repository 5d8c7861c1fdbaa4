//! The Cargo features of the runtime every generated crate carries. Its own module because two
//! stages read it: lowering (a tag's feature must not take one of these names) and emitting
//! (`Cargo.toml`, the README).

/// The runtime's features: name, what it enables, what it does. All are off by default but
/// those in [`DEFAULT_RUNTIME_FEATURES`].
pub const RUNTIME_FEATURES: &[(&str, &str, &str)] = &[
    (
        "aws-lc-rs",
        "[\"rustls/aws_lc_rs\", \"rustls/prefer-post-quantum\"]",
        "TLS cryptography from aws-lc-rs: post-quantum key exchange (X25519MLKEM768); needs a C compiler to build.",
    ),
    (
        "ring",
        "[\"rustls/ring\"]",
        "TLS cryptography from *ring* instead (with `default-features = false`): no C compiler, no post-quantum key exchange.",
    ),
    (
        "native-roots",
        "[\"dep:rustls-native-certs\"]",
        "Also trust the operating system's certificate store.",
    ),
    (
        "tracing",
        "[\"dep:tracing\"]",
        "One `tracing` span per call, with OpenTelemetry's HTTP client attribute names.",
    ),
    (
        "testing",
        "[]",
        "`testing::MockTransport`: an in-memory transport for unit tests of code that calls the client.",
    ),
];

/// The runtime features on by default: the TLS crypto provider (DESIGN.md).
pub const DEFAULT_RUNTIME_FEATURES: &[&str] = &["aws-lc-rs"];

/// The TLS crypto provider features; the runtime needs one (aws-lc-rs wins when both are on).
pub const TLS_FEATURES: &[&str] = &["aws-lc-rs", "ring"];
