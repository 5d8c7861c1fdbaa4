//! Stage 3: lower the resolved spec into the IR: names, types, docs, all decided here.

mod constants;
mod cycles;
mod docs;
mod examples;
mod fastapi;
mod features;
mod op_server;
mod operation;
mod paging;
mod sample;
mod schema;
mod security;
mod sizes;
mod tag_tree;
mod tags;
mod webhooks;

pub use paging::Declared as DeclaredPaging;
pub use schema::{string_enum, type_ref_word, SchemaRef, Slot};

use crate::error::Result;
use crate::ir::{Api, Model, ModelKind, Server, ServerVariable, TypeRef};
use crate::names::{self, Namer};
use crate::resolve::Spec;
use openapiv3::{ReferenceOr, Schema};
use std::collections::{BTreeMap, HashMap};

/// Shared state while lowering.
pub struct Lowerer<'a> {
    spec: &'a Spec,
    components: &'a indexmap::IndexMap<String, ReferenceOr<Schema>>,
    component_names: HashMap<String, String>,
    type_names: Namer,
    models: BTreeMap<String, Model>,
    inline_models: HashMap<String, String>,
    examples: Vec<crate::ir::SpecExample>,
    /// Example files as the generated tests name them, by source path (see `examples.rs`).
    example_files: HashMap<std::path::PathBuf, String>,
    /// (file, pointer, type) of the examples kept, so each is kept once without a scan.
    example_keys: std::collections::HashSet<(String, String, TypeRef)>,
    /// Assumptions made on the way, in spec order.
    warnings: Vec<crate::warning::Warning>,
    /// The default of the operation's own `Accept` header parameter, while it is lowered.
    declared_accept: Option<String>,
    /// The declared tags: which group operations, which label them, and how they nest.
    tag_tree: tag_tree::TagTree,
}

/// Type names the generated crate defines outside `models`, which models must not shadow
/// in the crate root's re-exports.
const RESERVED_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "ApiError",
    "ApiResponse",
    "BuildError",
    "RetryPolicy",
    "Region",
    "ErrorBody",
    "Result",
    "Option",
    "Vec",
    "String",
    "Box",
    // Names a model's own file uses unqualified: prelude items, the serde impls' generic
    // parameters and their local `Visitor`.
    "Some",
    "None",
    "Ok",
    "Err",
    "From",
    "Into",
    "Visitor",
    "A",
    "D",
    "S",
];

/// Lowers a resolved spec into the IR.
pub fn lower(spec: &Spec, crate_name: &str) -> Result<Api> {
    lower_with(spec, crate_name, &crate::config::Config::default())
}

/// Lowers a resolved spec into the IR, with what the configuration file says of operations
/// (pagination, renames).
pub fn lower_with(spec: &Spec, crate_name: &str, config: &crate::config::Config) -> Result<Api> {
    let empty = indexmap::IndexMap::new();
    let components = spec.api.components.as_ref().map_or(&empty, |c| &c.schemas);
    let mut lowerer = Lowerer {
        spec,
        components,
        component_names: HashMap::new(),
        type_names: Namer::with_reserved(RESERVED_TYPES),
        models: BTreeMap::new(),
        inline_models: HashMap::new(),
        examples: Vec::new(),
        example_files: HashMap::new(),
        example_keys: std::collections::HashSet::new(),
        warnings: spec.bundle.warnings.clone(),
        declared_accept: None,
        tag_tree: tag_tree::TagTree::default(),
    };
    let (tag_tree, ignored) = tag_tree::TagTree::read(&spec.api.tags);
    lowerer.tag_tree = tag_tree;
    for (index, message) in ignored {
        lowerer.warnings.push(crate::warning::Warning {
            at: spec.locate(&tag_tree::parent_pointer(index)),
            message,
        });
    }
    // Components claim their names first, so inline schemas never take them.
    for key in components.keys() {
        let name = lowerer.type_names.claim(&names::type_name(key));
        lowerer.component_names.insert(key.clone(), name);
    }
    for (key, schema) in components {
        let name = lowerer.component_names[key].clone();
        let at = format!("/components/schemas/{}", crate::pointer::escape(key));
        match schema {
            ReferenceOr::Item(schema) => {
                lowerer.lower_schema(SchemaRef::Inline(schema), Slot::Reserved(name), &at)?;
            }
            ReferenceOr::Reference { reference } => {
                let target = lowerer.lower_schema(
                    SchemaRef::Ref(reference),
                    Slot::Reserved(name.clone()),
                    &at,
                )?;
                lowerer.models.insert(
                    name.clone(),
                    Model {
                        name,
                        module: String::new(),
                        doc: None,
                        kind: ModelKind::Alias(target),
                        origin: at,
                    },
                );
            }
        }
    }
    let declared = lowerer.declared_schemes();
    let mut operations = lowerer.lower_operations(&declared)?;
    rename_operations(
        spec,
        &mut operations,
        &config.renames,
        &mut lowerer.warnings,
    );
    // Builder setters: server variables first, then security schemes.
    let mut setters = Namer::with_reserved(security::RESERVED_SETTERS);
    let (servers, server_variables) = servers(spec, &mut setters);
    let (security, primary_scheme) = security::finish(
        declared,
        &mut operations,
        spec.api.security.as_ref(),
        &mut setters,
    );
    let webhooks = lowerer.lower_webhooks()?;
    let mut error_types: Vec<TypeRef> = Vec::new();
    for ty in operations.iter().flat_map(|op| {
        op.error_statuses
            .iter()
            .map(|s| &s.ty)
            .chain(op.default_error.as_ref())
    }) {
        if *ty != TypeRef::Unit && !error_types.contains(ty) {
            error_types.push(ty.clone());
        }
    }
    let mut models = std::mem::take(&mut lowerer.models);
    // Tags are read from one-value enums, before those fold into constants.
    tags::infer_tags(&mut models);
    let (webhooks, webhook_tag) = webhooks::tag_events(&models, webhooks);
    constants::fold(
        &mut models,
        &operations,
        &webhooks,
        &error_types,
        &lowerer.examples,
    );
    cycles::break_cycles(&mut models, spec)?;
    cycles::break_alias_cycles(&mut models);
    sizes::box_large_variants(&mut models);
    let webhooks = sizes::box_large_payloads(&models, webhooks);
    let error_types = sizes::box_large_errors(&models, error_types);
    assign_modules(&mut models);
    let mut notes = Vec::new();
    paging::detect(
        spec,
        &mut operations,
        &models,
        &config.pagination,
        &mut lowerer.warnings,
        &mut notes,
    );
    let modules: std::collections::BTreeSet<String> =
        operations.iter().map(|op| op.module.clone()).collect();
    let tags = lowerer.tag_tree.infos(&modules);
    let mut tag_features = features::tag_features(&operations);
    let parents_only: Vec<&str> = (tags.iter())
        .filter(|(_, tag)| !tag.operations)
        .map(|(module, _)| module.as_str())
        .collect();
    features::add_parents(&mut tag_features, &parents_only);
    features::group(
        &mut tag_features,
        &config.features,
        operation::module_name,
        |message| {
            lowerer.warnings.push(crate::warning::Warning {
                at: spec.locate(""),
                message,
            });
        },
    );
    let parents: BTreeMap<String, String> = (tags.iter())
        .filter_map(|(module, tag)| Some((module.clone(), tag.parent.clone()?)))
        .collect();
    let feature_includes = features::includes(&tag_features, &parents, |message| {
        lowerer.warnings.push(crate::warning::Warning {
            at: spec.locate(""),
            message,
        });
    });
    // The parents' own features are in `feature_includes`; `tag_features` has modules only.
    tag_features.retain(|module, _| modules.contains(module));
    // Error bodies and webhook payloads are used outside the tags' modules: always compiled.
    let always: Vec<TypeRef> = error_types
        .iter()
        .chain(webhooks.iter().map(|w| &w.payload))
        .cloned()
        .collect();
    let model_gates = features::model_gates(&operations, &models, &always, &tag_features);
    let info = &spec.api.info;
    Ok(Api {
        crate_name: crate_name.to_string(),
        title: info.title.clone(),
        doc: docs::doc(info.description.as_deref()),
        version: info.version.clone(),
        servers,
        server_variables,
        security,
        primary_scheme,
        models,
        operations,
        error_types,
        examples: examples::sorted(lowerer.examples),
        tag_features,
        feature_includes,
        tags,
        model_gates,
        webhooks,
        webhook_tag,
        warnings: lowerer.warnings,
        notes,
    })
}

/// The configuration file's method names (by operationId). A name another operation has, or
/// one that is not an identifier, is left out with a warning.
fn rename_operations(
    spec: &Spec,
    operations: &mut [crate::ir::Operation],
    renames: &BTreeMap<String, String>,
    warnings: &mut Vec<crate::warning::Warning>,
) {
    for (id, wanted) in renames {
        let method = names::snake_name(wanted);
        let builder = names::type_name(wanted);
        let taken = operations.iter().any(|op| {
            op.operation_id != *id && (op.method_name == method || op.builder_name == builder)
        });
        let Some(op) = operations.iter_mut().find(|op| op.operation_id == *id) else {
            warnings.push(crate::warning::Warning {
                at: spec.locate(""),
                message: format!("the configuration file renames `{id}`, which no operation has as its operationId"),
            });
            continue;
        };
        if taken
            || method.is_empty()
            || operation::RESERVED_METHODS.contains(&method.as_str())
            || method.starts_with("r#")
            || names::is_keyword(&method)
        {
            warnings.push(crate::warning::Warning {
                at: spec.locate(&crate::pointer::push(&crate::pointer::push("/paths", &op.path), &op.http_method.to_ascii_lowercase())),
                message: format!("the configuration file's name `{wanted}` for `{id}` is taken or not an identifier: kept `{}`", op.method_name),
            });
            continue;
        }
        op.method_name = method;
        op.builder_name = builder;
    }
}

/// Each model gets its own module file, named after it (`models::models` would be a module
/// named like its parent: clippy's `module_inception`).
fn assign_modules(models: &mut BTreeMap<String, Model>) {
    let mut namer = Namer::with_reserved(&["mod", "lib", "models"]);
    for model in models.values_mut() {
        model.module = namer.claim(&names::snake_name(names::bare(&model.name)));
        if model.module.starts_with("r#") {
            model.module = namer.claim(&format!("{}_model", names::bare(&model.module)));
        }
    }
}

fn servers(spec: &Spec, setters: &mut Namer) -> (Vec<Server>, Vec<ServerVariable>) {
    let mut namer = Namer::default();
    let mut types = Namer::with_reserved(RESERVED_TYPES);
    let mut variables: Vec<ServerVariable> = Vec::new();
    let list = &spec.api.servers;
    let servers = list
        .iter()
        .enumerate()
        .map(|(i, server)| {
            let wanted = server_name(&server.url, i, list.len());
            let mut defaults = Vec::new();
            for (wire, variable) in server.variables.iter().flatten() {
                if !server.url.contains(&format!("{{{wire}}}")) {
                    continue;
                }
                defaults.push((wire.clone(), variable.default.clone()));
                if variables.iter().any(|v| v.wire == *wire) {
                    continue;
                }
                let values = (!variable.enumeration.is_empty()).then(|| {
                    let mut variants = Namer::default();
                    let ty = types.claim(&format!("Server{}", names::type_name(wire)));
                    let values = variable
                        .enumeration
                        .iter()
                        .map(|value| (variants.claim(&names::type_name(value)), value.clone()))
                        .collect();
                    (ty, values)
                });
                let mut doc = format!(
                    "Sets `{{{wire}}}` in the server URL (default `{}`).",
                    variable.default
                );
                if let Some(text) = docs::doc(variable.description.as_deref()) {
                    doc.push_str("\n\n");
                    doc.push_str(&text);
                }
                variables.push(ServerVariable {
                    wire: wire.clone(),
                    setter: claim_or_prefix(setters, &names::snake_name(wire), "server"),
                    values,
                    doc,
                });
            }
            Server {
                name: namer.claim(&wanted),
                url: server.url.trim_end_matches('/').to_string(),
                doc: docs::doc(server.description.as_deref())
                    .unwrap_or_else(|| format!("`{}`", server.url)),
                defaults,
            }
        })
        .collect();
    (servers, variables)
}

/// `wanted`, or `<prefix>_<wanted>` when a builder method has that name (`region` is one).
pub(super) fn claim_or_prefix(namer: &mut Namer, wanted: &str, prefix: &str) -> String {
    let first = namer.claim(wanted);
    if first == wanted {
        return first;
    }
    namer.claim(&format!("{prefix}_{}", names::bare(wanted)))
}

/// `https://api.eu.sendgrid.com` is `Eu` beside `https://api.sendgrid.com`, the `Global` one:
/// the host labels that differ from the first server's name the variant.
fn server_name(url: &str, index: usize, count: usize) -> String {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    if index == 0 {
        return if count > 1 {
            "Global".into()
        } else {
            "Default".into()
        };
    }
    let labels: Vec<&str> = host
        .split('.')
        .filter(|l| !matches!(*l, "api" | "www" | "com" | "net" | "io" | "org"))
        .collect();
    let distinctive = labels.first().copied().unwrap_or(host);
    let name = names::type_name(distinctive);
    if name == "Value" {
        format!("Server{index}")
    } else {
        name
    }
}
