//! `README.md` of the generated crate: its crates.io page and, through `lib.rs`, its front
//! page on docs.rs, so the quick start is compiled as a doctest.

use super::doc_example::{self, Call};
use super::tokens::ident;
use super::Options;
use crate::ir::{Api, Operation};
use quote::quote;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The README's text, after `header` (an HTML comment).
pub fn readme(api: &Api, options: &Options, header: &str) -> String {
    let name = &api.crate_name;
    let mut out = format!("{header}\n# {name}\n\n");
    let _ = writeln!(
        out,
        "Typed async client for the **{}** (API version {}), generated from its OpenAPI \
         document by openapi-client-gen.\n",
        api.title, api.version
    );
    if let Some(intro) = api.doc.as_deref().and_then(first_paragraph) {
        let _ = writeln!(out, "{intro}\n");
    }
    let _ = writeln!(
        out,
        "## Install\n\n```toml\n[dependencies]\n{name} = \"{}\"\n```\n\n\
         The client is async and runs on Tokio: call it from a Tokio runtime.\n",
        options.crate_version
    );
    if api.operations.is_empty() && !api.webhooks.is_empty() {
        out.push_str(&webhooks_start(api));
    } else {
        out.push_str(&quick_start(api));
    }
    if !api.operations.is_empty() {
        out.push_str(&operations(api));
    }
    out.push_str(&super::paging::readme_section(api));
    if !api.webhooks.is_empty() {
        let _ = writeln!(
            out,
            "## Webhooks ({})\n\nThe events the API sends to your server are in `webhooks`: \
             `webhooks::Event::decode(name, body)` reads one into its typed payload.\n",
            api.webhooks.len()
        );
    }
    out.push_str(&features(api, options));
    if let Some(license) = &options.package.license {
        let file = match options.package.license_text {
            Some(_) => " (see `LICENSE`)",
            None => "",
        };
        let _ = writeln!(out, "## License\n\n{license}{file}.");
    }
    out
}

/// The first paragraph of the spec's description, when it is plain prose.
fn first_paragraph(doc: &str) -> Option<String> {
    let paragraph = doc.split("\n\n").next()?.trim();
    (!paragraph.is_empty() && !paragraph.starts_with('#')).then(|| paragraph.to_string())
}

/// A client, a server, one call and its error handling, as a compiled doctest (no hidden
/// lines: crates.io shows them).
fn quick_start(api: &Api) -> String {
    let krate = ident(&api.crate_name.replace('-', "_"));
    // The simplest call there is: fewest required inputs, reads before writes.
    let chosen = api
        .operations
        .iter()
        .filter_map(|op| Some((op, doc_example::call(api, op)?)))
        .min_by_key(|(op, call)| (call.setup.len(), op.http_method != "GET", op.params.len()));
    let region = api
        .servers
        .first()
        .map_or_else(|| "Default".to_string(), |s| s.name.clone());
    let region = ident(&region);
    let (chain, _) = super::auth::builder_chain(api, chosen.as_ref().map(|(op, _)| *op), "Client");
    let chain: proc_macro2::TokenStream = chain.parse().unwrap_or_default();
    let body = match chosen {
        Some((op, Call { setup, call })) => {
            let ok = if op.success == crate::ir::TypeRef::Unit {
                quote!(Ok(()) => println!("done"),)
            } else {
                quote!(Ok(response) => println!("{response:?}"),)
            };
            quote! {
                #(#setup)*
                match #call.await {
                    #ok
                    Err(Error::Api(error)) => eprintln!("{}: {}", error.status(), error.body_text()),
                    Err(other) => return Err(other.into()),
                }
            }
        }
        None => quote!(let _ = client;),
    };
    let tokens = quote! {
        use #krate::{Client, Error, Region};

        async fn run() -> Result<(), Box<dyn std::error::Error>> {
            let client = #chain.region(Region::#region).build()?;
            #body
            Ok(())
        }
    };
    // A blank line between the `use` and the function, as a person writes it.
    let code = crate::format::snippet(&tokens).replacen(";\n", ";\n\n", 1);
    format!(
        "## Quick start\n\n```rust,no_run\n{code}```\n\n\
         {auth}`.region(..)` picks one of the spec's servers and `.base_url(..)` \
         any other. Each operation is a method that returns a request builder: optional \
         parameters are setters, and `.await` sends it. Models are in `models`. A failure is \
         an `Error` that keeps the status, headers and raw body of any HTTP answer: \
         `Error::Api` for the error statuses the spec declares (with the parsed body), \
         `Error::UnexpectedStatus`, `Error::Decode`, `Error::Timeout`, `Error::Transport` \
         and `Error::InvalidRequest`.\n\n",
        auth = auth_sentence(api),
    )
}

/// How the client authenticates, in one sentence.
fn auth_sentence(api: &Api) -> String {
    let mut text = match api.primary_scheme.map(|i| &api.security[i]) {
        Some(scheme) => format!(
            "`Client::builder(..)` takes the credential of `{}`, sent as the API description says",
            scheme.key
        ),
        None if api.security.is_empty() => "The API needs no credentials".to_string(),
        None => "`Client::builder()` takes no credential".to_string(),
    };
    let others: Vec<String> = api
        .security
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != api.primary_scheme)
        .map(|(_, s)| format!("`.{}(..)`", s.setter))
        .collect();
    if !others.is_empty() {
        text.push_str(&format!(
            "; the builder's {} give the other schemes'",
            others.join(", ")
        ));
    }
    if !api.security.is_empty() {
        text.push_str(" (credentials never appear in `Debug` output or errors)");
    }
    text.push_str("; ");
    text
}

/// For an API that only sends webhooks: reading one event.
fn webhooks_start(api: &Api) -> String {
    let krate = api.crate_name.replace('-', "_");
    format!(
        "## Quick start\n\nThe API sends events to your server; read each one, by the event name \
         it came with, into its typed payload:\n\n```rust,no_run\n\
         use {krate}::webhooks::Event;\n\n\
         fn handle(name: &str, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {{\n    \
             match Event::decode(name, body)? {{\n        \
                 Some(event) => println!(\"{{}}: {{event:?}}\", event.name()),\n        \
                 None => eprintln!(\"an event this crate does not know: {{name}}\"),\n    \
             }}\n    \
             Ok(())\n\
         }}\n```\n\n\
         `Event::NAMES` lists the events.\n\n"
    )
}

/// The operations by tag, with their HTTP lines: each module under its tag's summary and
/// description, the tags under a parent (OpenAPI 3.2) after it, a level down.
fn operations(api: &Api) -> String {
    let mut by_module: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in &api.operations {
        by_module.entry(&op.module).or_default().push(op);
    }
    // Parents without operations have a heading too.
    for module in api.tags.keys() {
        by_module.entry(module).or_default();
    }
    let parent = |module: &str| {
        (api.tags.get(module))
            .and_then(|tag| tag.parent.as_deref())
            .filter(|parent| by_module.contains_key(parent))
    };
    let mut out = format!("## Operations ({})\n\n", api.operations.len());
    // Roots in name order, each followed by the tags under it; lowering keeps parents
    // acyclic, and `done` bounds the walk anyway.
    let mut stack: Vec<(&str, usize)> = (by_module.keys().rev())
        .filter(|module| parent(module).is_none())
        .map(|module| (*module, 0))
        .collect();
    let mut done = std::collections::BTreeSet::new();
    while let Some((module, depth)) = stack.pop() {
        if !done.insert(module) {
            continue;
        }
        module_section(&mut out, api, module, depth, &by_module[module]);
        stack.extend(
            (by_module.keys().rev())
                .filter(|child| parent(child) == Some(module))
                .map(|child| (*child, depth + 1)),
        );
    }
    out
}

/// One module's heading, its tag's description and its operations.
fn module_section(out: &mut String, api: &Api, module: &str, depth: usize, ops: &[&Operation]) {
    let tag = api.tags.get(module);
    let hashes = "#".repeat((3 + depth).min(6));
    let summary = tag
        .and_then(|tag| tag.summary.as_deref())
        .map(|summary| format!(": {summary}"))
        .unwrap_or_default();
    let _ = writeln!(out, "{hashes} `{module}`{summary}\n");
    if let Some(doc) = tag.and_then(|tag| tag.doc.as_deref()) {
        let _ = writeln!(out, "{doc}\n");
    }
    if ops.is_empty() {
        out.push_str("No operations of its own: see the tags under it.\n\n");
        return;
    }
    out.push_str("| method | request | summary |\n|---|---|---|\n");
    for op in ops {
        let summary = op
            .doc
            .as_deref()
            .and_then(|doc| doc.lines().next())
            .unwrap_or("")
            .replace('|', "\\|");
        let _ = writeln!(
            out,
            "| `{}` | `{} {}` | {summary} |",
            op.method_name, op.http_method, op.path
        );
    }
    out.push('\n');
}

/// The features a parent tag's feature turns on, after `lead` (empty for none).
fn turns_on(api: &Api, feature: &str, lead: &str) -> String {
    match api.feature_includes.get(feature) {
        Some(list) if !list.is_empty() => {
            let list: Vec<String> = list.iter().map(|f| format!("`{f}`")).collect();
            format!("{lead} {} (the tags under it)", list.join(", "))
        }
        _ => String::new(),
    }
}

fn features(api: &Api, options: &Options) -> String {
    let mut rows = String::new();
    for (name, _, doc) in super::RUNTIME_FEATURES {
        let on = super::DEFAULT_RUNTIME_FEATURES.contains(name);
        let _ = writeln!(
            rows,
            "| `{name}` | {} | {doc} |",
            if on { "on" } else { "off" }
        );
    }
    if !api.tag_features.is_empty() {
        // A feature may group several modules (the configuration file's `[features]`).
        let mut modules: Vec<(&str, Vec<String>)> = Vec::new();
        for (module, feature) in &api.tag_features {
            let module = format!("`requests::{module}`");
            match modules.iter_mut().find(|(f, _)| *f == feature.as_str()) {
                Some((_, list)) => list.push(module),
                None => modules.push((feature.as_str(), vec![module])),
            }
        }
        for (feature, list) in modules {
            let _ = writeln!(
                rows,
                "| `{feature}` | on | the operations of {} and the models they use{} |",
                list.join(", "),
                turns_on(api, feature, "; it turns on")
            );
        }
        // A parent tag without operations: a feature of its children's only.
        for feature in api.feature_includes.keys() {
            if !api.tag_features.values().any(|f| f == feature) {
                let _ = writeln!(
                    rows,
                    "| `{feature}` | on | {} |",
                    turns_on(api, feature, "turns on")
                );
            }
        }
    }
    if options.hook.is_some() {
        rows.push_str(
            "| `regenerate` | off | for maintainers: the build script regenerates the crate \
             from the spec of the workspace it is developed in |\n",
        );
    }
    let mut out = String::from("## Features\n\n");
    if !api.tag_features.is_empty() {
        let one = api.tag_features.values().next().map_or("", String::as_str);
        let _ = write!(
            out,
            "Each tag of the API is a feature, all on by default. A program that calls a few \
             operations compiles only their tags' code and the models those reach (keeping a \
             TLS provider, `aws-lc-rs` or `ring`, on):\n\n\
             ```toml\n{} = {{ version = \"{}\", default-features = false, features = [\"aws-lc-rs\", \"{one}\"] }}\n```\n\n",
            api.crate_name, options.crate_version
        );
    }
    let (tags, with_tags) = match api.tag_features.values().next() {
        Some(one) => (format!(", \"{one}\""), ", with the tags you call"),
        None => (String::new(), ""),
    };
    let _ = write!(
        out,
        "TLS needs one crypto provider: `aws-lc-rs` (the default: post-quantum key exchange) \
         or `ring`. To build without a C compiler, take `ring` instead{with_tags}:\n\n\
         ```toml\n{} = {{ version = \"{}\", default-features = false, features = [\"ring\"{tags}] }}\n```\n\n",
        api.crate_name, options.crate_version,
    );
    if rows.is_empty() {
        out.push_str("None: the crate's default build is the whole client.\n\n");
    } else {
        let _ = write!(
            out,
            "| feature | default | what it does |\n|---|---|---|\n{rows}\n"
        );
    }
    out
}
