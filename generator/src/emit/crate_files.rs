//! The crate around the models and requests: `lib.rs`, servers, module files, `Cargo.toml`.

use super::tokens::{cfg_features, doc_attrs, ident, lit};
use super::Options;
use crate::ir::{Api, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// `lib.rs`: crate docs (the README, so its quick start is a doctest), modules and
/// re-exports.
pub fn lib_rs(api: &Api) -> TokenStream {
    let server_types = std::iter::once("Region")
        .chain(
            api.server_variables
                .iter()
                .filter_map(|v| Some(v.values.as_ref()?.0.as_str())),
        )
        .map(ident);
    let doc = quote! {
        #![doc = include_str!("../README.md")]
        #![cfg_attr(docsrs, feature(doc_cfg))]
    };
    let testing_doc = doc_attrs(Some(&testing_doc(api)));
    let webhooks = (!api.webhooks.is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod webhooks;
        }
    });
    quote! {
        #doc
        #![deny(missing_docs)]

        #[rustfmt::skip]
        mod auth;
        #[rustfmt::skip]
        mod error_body;
        #[rustfmt::skip]
        pub mod models;
        #[rustfmt::skip]
        pub mod requests;
        mod runtime;
        #[rustfmt::skip]
        mod servers;
        #webhooks

        /// The `bytes` crate, whose `Bytes` carries raw bodies.
        pub use bytes;
        pub use error_body::ErrorBody;
        /// The `http` crate, whose status and header types appear in responses and errors.
        pub use http;
        #testing_doc
        #[cfg(feature = "testing")]
        pub use runtime::testing;
        pub use runtime::{ApiError, ApiResponse, AuthError, Basic, BodyFuture};
        pub use runtime::{BodyTooLargeError, BuildError, ClientCredentials, Token, TokenError};
        pub use runtime::{ByteStream, EventStream, FilePart};
        pub use runtime::{Client, ClientBuilder, DecodeError, Error, Operation, OperationInfo};
        pub use runtime::{Items, Pages, PagingError};
        pub use runtime::{ResponseFuture, RetryPolicy, TimeoutError, Transport};
        pub use runtime::{TransportError, TransportFuture};
        /// The `serde_json` crate, whose `Number` and `Value` appear in models.
        pub use serde_json;
        pub use servers::{#(#server_types),*};
    }
}

/// The docs of the `testing` module: a user's unit test of their own code, over an operation
/// that takes no arguments and whose result has a `Default` (when the API has one).
fn testing_doc(api: &Api) -> String {
    let mut doc = String::from(
        "With the `testing` feature: an in-memory transport for unit tests of code that calls \
         the client. Canned responses are typed by each operation's models; the requests the \
         client sent are recorded. No server, no sockets.",
    );
    let defaults = |ty: &TypeRef| {
        matches!(
            ty,
            TypeRef::Unit | TypeRef::Vec(_) | TypeRef::Map(_) | TypeRef::Nullable(_)
        )
    };
    let example = api.operations.iter().find(|op| {
        op.params.iter().all(|p| !p.required)
            && op.body.as_ref().is_none_or(|b| !b.required)
            && defaults(&op.success)
    });
    let Some(op) = example else {
        return doc;
    };
    let krate = api.crate_name.replace('-', "_");
    doc.push_str(&format!(
        "\n\n```\n\
         use {krate}::requests::{builder};\n\
         use {krate}::testing::MockTransport;\n\
         use {krate}::{{Client, Error}};\n\
         \n\
         // Your code, which calls the API.\n\
         async fn your_function(client: &Client) -> Result<(), Error> {{\n    \
             client.{method}().await?;\n    \
             Ok(())\n\
         }}\n\
         \n\
         // Its unit test: the canned response has the operation's type.\n\
         let mock = MockTransport::new();\n\
         mock.ok::<{builder}>(&Default::default());\n\
         let client = {chain}.transport(mock.clone()).build()?;\n\
         let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build()?;\n\
         runtime.block_on(your_function(&client))?;\n\
         let sent = mock.requests_for::<{builder}>();\n\
         assert_eq!(sent[0].method, \"{http_method}\");\n\
         assert!(sent[0].uri.path().ends_with(\"{path}\"));\n\
         # Ok::<(), Box<dyn std::error::Error>>(())\n\
         ```",
        builder = op.builder_name,
        chain = {
            let (chain, _) = super::auth::builder_chain(api, Some(op), "Client");
            // Without an absolute server, the base URL is the caller's to give.
            let absolute = api.servers.first().is_some_and(|s| !s.url.starts_with('/'));
            if absolute {
                chain
            } else {
                format!("{chain}.base_url(\"http://localhost\")")
            }
        },
        method = op.method_name,
        http_method = op.http_method,
        path = op.path,
    ));
    doc
}

pub(super) fn inner_doc_attrs(doc: &str) -> TokenStream {
    let lines = doc.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #![doc = #lines] )* }
}

/// `servers.rs`: a `Region` variant per server (the first is the default), and a builder
/// setting per server variable.
pub fn servers(api: &Api) -> TokenStream {
    let servers: Vec<_> = if api.servers.is_empty() {
        vec![crate::ir::Server {
            name: "Default".into(),
            url: String::new(),
            doc: "The spec names no server: set one with `ClientBuilder::base_url`, which this API requires".into(),
            defaults: Vec::new(),
        }]
    } else {
        api.servers.clone()
    };
    let variants = servers.iter().enumerate().map(|(i, s)| {
        let name = ident(&s.name);
        let doc = if s.url.is_empty() {
            format!("{}.", s.doc)
        } else if s.url.starts_with('/') {
            format!(
                "{}: `{}` under the URL given to [`ClientBuilder::base_url`](crate::ClientBuilder::base_url), which this server requires.",
                s.doc.trim_end_matches('.'),
                s.url
            )
        } else if s.url.contains('{') {
            format!("{}: `{}`.", s.doc.trim_end_matches('.'), s.url)
        } else {
            format!("{}: <{}>.", s.doc.trim_end_matches('.'), s.url)
        };
        let doc = doc_attrs(Some(&doc));
        let default = (i == 0).then(|| quote!(#[default]));
        quote! { #doc #default #name, }
    });
    let urls = servers.iter().map(|s| {
        let name = ident(&s.name);
        let url = lit(&s.url);
        quote!(Region::#name => #url,)
    });
    let defaults = servers.iter().map(|s| {
        let name = ident(&s.name);
        let pairs = s.defaults.iter().map(|(wire, value)| {
            let (wire, value) = (lit(wire), lit(value));
            quote!((#wire, #value))
        });
        quote!(Region::#name => &[#(#pairs),*],)
    });
    let enums = api.server_variables.iter().filter_map(variable_enum);
    let setters = api.server_variables.iter().map(variable_setter);
    let setters = (!api.server_variables.is_empty()).then(|| {
        quote! {
            impl crate::ClientBuilder {
                #(#setters)*
            }
        }
    });
    quote! {
        /// The servers the spec lists. Pick one with
        /// [`ClientBuilder::region`](crate::ClientBuilder::region), or set any URL with
        /// [`ClientBuilder::base_url`](crate::ClientBuilder::base_url).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum Region { #(#variants)* }

        impl Region {
            /// The server's base URL as the spec writes it, without a trailing slash: `{name}`s
            /// are its variables, and a URL that starts with `/` is a path under the builder's
            /// base URL.
            pub fn base_url(self) -> &'static str {
                match self { #(#urls)* }
            }

            /// The defaults of the variables the server's URL uses.
            pub(crate) fn variables(self) -> &'static [(&'static str, &'static str)] {
                match self { #(#defaults)* }
            }
        }

        #(#enums)*
        #setters
    }
}

fn variable_enum(variable: &crate::ir::ServerVariable) -> Option<TokenStream> {
    let (ty, values) = variable.values.as_ref()?;
    let ty = ident(ty);
    let doc = doc_attrs(Some(&format!(
        "The values of the server variable `{{{}}}`.",
        variable.wire
    )));
    let variants = values.iter().map(|(name, value)| {
        let name = ident(name);
        let doc = doc_attrs(Some(&format!("`{value}`")));
        quote!(#doc #name,)
    });
    let arms = values.iter().map(|(name, value)| {
        let name = ident(name);
        let value = lit(value);
        quote!(#ty::#name => #value,)
    });
    Some(quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #ty { #(#variants)* }

        impl #ty {
            /// The value as the URL holds it.
            pub fn as_str(self) -> &'static str {
                match self { #(#arms)* }
            }
        }
    })
}

fn variable_setter(variable: &crate::ir::ServerVariable) -> TokenStream {
    let name = ident(&variable.setter);
    let wire = lit(&variable.wire);
    let doc = doc_attrs(Some(&variable.doc));
    match &variable.values {
        Some((ty, _)) => {
            let ty = ident(ty);
            quote! {
                #doc
                pub fn #name(self, value: #ty) -> Self {
                    self.server_variable(#wire, value.as_str().to_owned())
                }
            }
        }
        None => quote! {
            #doc
            pub fn #name(self, value: impl Into<String>) -> Self {
                self.server_variable(#wire, value.into())
            }
        },
    }
}

/// A `mod.rs` that declares private modules and re-exports their items, each behind the
/// features that need it (none: always compiled).
pub fn module_index(doc: &str, entries: &[ModuleEntry]) -> TokenStream {
    let doc = inner_doc_attrs(doc);
    let items = entries.iter().map(|entry| {
        let module = ident(&entry.module);
        let names = entry.names.iter().map(|n| ident(n));
        let cfg = cfg_features(&entry.features);
        quote! {
            #cfg
            mod #module;
            #cfg
            pub use #module::{#(#names),*};
        }
    });
    quote! { #doc #(#items)* }
}

/// One module of a `mod.rs`.
pub struct ModuleEntry {
    /// The module (its file name).
    pub module: String,
    /// The items it re-exports.
    pub names: Vec<String>,
    /// The features that need it; empty for always.
    pub features: Vec<String>,
}

/// A TOML basic string: quotes, backslashes and control characters (a line break in a
/// spec's title, say) escaped, which TOML requires.
fn toml_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| toml_str(item)).collect();
    format!("[{}]", items.join(", "))
}

/// `Cargo.toml` of the generated crate: publishable as it is, with docs.rs metadata.
pub fn cargo_toml(api: &Api, options: &Options, header: &str) -> String {
    let package = &options.package;
    let description = package.description.clone().unwrap_or_else(|| {
        format!(
            "Typed async client for the {} (generated from its OpenAPI document)",
            api.title
        )
    });
    // Inside the generator's workspace the version is the workspace's, so a maintainer bumps
    // it there rather than in a generated file.
    let version = match &options.hook {
        Some(_) => "version.workspace = true".to_string(),
        None => format!("version = {}", toml_str(&options.crate_version)),
    };
    let mut toml = format!(
        "{header}[package]\nname = {name}\n{version}\nedition = \"2021\"\nrust-version = \"1.85\"\ndescription = {description}\n",
        name = toml_str(&api.crate_name),
        description = toml_str(&description),
    );
    if let Some(license) = &package.license {
        toml.push_str(&format!("license = {}\n", toml_str(license)));
    }
    if !package.authors.is_empty() {
        toml.push_str(&format!("authors = {}\n", toml_list(&package.authors)));
    }
    if let Some(repository) = &package.repository {
        toml.push_str(&format!("repository = {}\n", toml_str(repository)));
    }
    let keywords = if package.keywords.is_empty() {
        vec!["openapi".to_string(), "api-client".to_string()]
    } else {
        package.keywords.clone()
    };
    toml.push_str(&format!(
        "documentation = {}\nreadme = \"README.md\"\nkeywords = {}\ncategories = [\"api-bindings\", \"web-programming::http-client\"]\n",
        toml_str(&format!("https://docs.rs/{}", api.crate_name)),
        toml_list(&keywords),
    ));
    if let Some(hook) = &options.hook {
        toml.push_str(&format!("# Regeneration runs here, behind the `regenerate` feature (off for consumers).\nbuild = {}\n", toml_str(&hook.build_script)));
    }
    // Each lower bound compiles the runtime (scripts/min_versions.sh resolves every one to
    // it and builds); some are what another dependency needs of it (hyper-util 0.1.14 needs
    // bytes 1.7.1, hyper 1.6, percent-encoding 2.3 and tokio 1.13 to compile). The crypto
    // providers are features (`RUNTIME_FEATURES`), not hyper-rustls's or rustls's defaults:
    // hyper-rustls gets the runtime's own `ClientConfig`.
    toml.push_str(
        "\n[dependencies]\n\
         bytes = \"1.7.1\"\n\
         futures-core = \"0.3.30\"\n\
         http = \"1\"\n\
         http-body-util = \"0.1\"\n\
         httpdate = \"1\"\n\
         hyper = { version = \"1.6\", default-features = false, features = [\"client\", \"http1\"] }\n\
         hyper-rustls = { version = \"0.27\", default-features = false, features = [\"http1\", \"tls12\"] }\n\
         hyper-util = { version = \"0.1.14\", default-features = false, features = [\"client-legacy\", \"client-proxy\", \"client-proxy-system\", \"http1\", \"tokio\"] }\n\
         percent-encoding = \"2.3\"\n\
         rustls = { version = \"0.23.27\", default-features = false, features = [\"std\", \"tls12\"] }\n\
         rustls-native-certs = { version = \"0.8\", optional = true }\n\
         serde = \"1.0.166\"\n\
         serde_json = { version = \"1.0.100\", features = [\"raw_value\"] }\n\
         tokio = { version = \"1.13\", default-features = false, features = [\"fs\", \"io-util\", \"rt\", \"sync\", \"time\"] }\n\
         tower-service = \"0.3\"\n\
         tracing = { version = \"0.1.36\", default-features = false, features = [\"std\"], optional = true }\n\
         webpki-roots = \"1\"\n\
         \n[features]\n",
    );
    for (name, enables, doc) in super::RUNTIME_FEATURES {
        toml.push_str(&format!("# {doc}\n{name} = {enables}\n"));
    }
    // Distinct: the configuration file may group several tags under one feature.
    let mut tags: Vec<String> = Vec::new();
    for feature in api.tag_features.values() {
        if !tags.contains(feature) {
            tags.push(feature.clone());
        }
    }
    // Then the parent tags without operations, whose features are their children's.
    for feature in api.feature_includes.keys() {
        if !tags.contains(feature) {
            tags.push(feature.clone());
        }
    }
    let default: Vec<String> = super::DEFAULT_RUNTIME_FEATURES
        .iter()
        .map(|name| name.to_string())
        .chain(tags.iter().cloned())
        .collect();
    toml.push_str(&format!("default = {}\n", toml_list(&default)));
    if !tags.is_empty() {
        toml.push_str("# One feature per tag: its operations and the models they reach.\n");
        if !api.feature_includes.is_empty() {
            toml.push_str("# A parent tag's feature turns on the features of the tags under it.\n");
        }
        for tag in &tags {
            let includes = api.feature_includes.get(tag).cloned().unwrap_or_default();
            toml.push_str(&format!("{tag} = {}\n", toml_list(&includes)));
        }
    }
    if let Some(hook) = &options.hook {
        // Versioned, so the crate can be published with the generator; optional, so a
        // consumer compiles no generator.
        toml.push_str(&format!(
            "# Regenerates the crate from the workspace's spec (maintainers only).\nregenerate = [\"dep:{gen}\"]\n\n[build-dependencies]\n{gen} = {{ version = \"{version}\", path = {path}, optional = true, default-features = false }}\n",
            gen = env!("CARGO_PKG_NAME"),
            version = env!("CARGO_PKG_VERSION"),
            path = toml_str(&hook.generator_path),
        ));
    }
    // docs.rs documents every feature a user can turn on (not `regenerate`, which writes
    // into the crate's own sources; not the TLS providers: the default one is on), and marks
    // feature-gated items.
    let documented: Vec<String> = super::RUNTIME_FEATURES
        .iter()
        .map(|(name, _, _)| name.to_string())
        .filter(|name| !super::TLS_FEATURES.contains(&name.as_str()))
        .chain(tags)
        .collect();
    toml.push_str(&format!(
        "\n[package.metadata.docs.rs]\nfeatures = {}\nrustdoc-args = [\"--cfg\", \"docsrs\"]\n",
        toml_list(&documented)
    ));
    if options.own_workspace {
        toml.push_str("\n# Its own workspace, so it builds wherever it is written.\n[workspace]\n");
    }
    toml
}
