//! Operations: method names, parameters, bodies and the statuses they answer.

use super::docs::{doc, join};
use super::fastapi;
use super::{Lowerer, Slot, RESERVED_TYPES};
use crate::error::{Error, Result};
use crate::ir::{
    Body, BodyEncoding, Decode, ModelKind, Operation, Param, ParamLocation, PathPart, QueryStyle,
    Status, StatusBody, StreamKind, Streaming, TypeRef, UnionVariant,
};
use crate::media::{stream_framing, Framing};
use crate::names::{self, Namer};
use crate::pointer::{escape, push};
use openapiv3::{MediaType, Parameter, ParameterSchemaOrContent, ReferenceOr, StatusCode};

/// Methods of `Client` that operations must not shadow, the runtime's private ones included,
/// and prelude trait methods taking `self` by value, which `client.into()` would call instead.
pub(super) const RESERVED_METHODS: &[&str] = &[
    "builder",
    "new",
    "base_url",
    "base_for",
    "execute",
    "execute_stream",
    "exchange",
    "attempts",
    "attempt",
    "with_token",
    "token",
    "fetch_token",
    "send",
    "prepare",
    "clone",
    "fmt",
    "into",
    "try_into",
];

/// Names a request file uses unqualified besides [`RESERVED_TYPES`]: `Default::default()`
/// fills each builder's options.
const RESERVED_BUILDERS: &[&str] = &["Default"];

/// Request builder members that parameters must not shadow.
const RESERVED_PARAMS: &[&str] = &[
    "client",
    "body",
    "content_type",
    "send",
    "send_with_response",
    "into_future",
    // Per-call options of every request builder.
    "options",
    "timeout",
    "header",
    // A paginated list's streams (`lower/paging.rs`).
    "pages",
    "items",
];

/// Headers the runtime sets itself; a spec that lists them as parameters means no setter.
const RUNTIME_HEADERS: &[&str] = &["authorization", "content-type", "accept", "user-agent"];

impl Lowerer<'_> {
    pub(super) fn lower_operations(
        &mut self,
        schemes: &[super::security::Declared],
    ) -> Result<Vec<Operation>> {
        let mut method_names = Namer::with_reserved(RESERVED_METHODS);
        let mut builder_names = Namer::with_reserved(&[RESERVED_TYPES, RESERVED_BUILDERS].concat());
        let mut operations = Vec::new();
        let spec = self.spec;
        let mut op_names = self.operation_names().into_iter();
        for (path, item) in &spec.api.paths.paths {
            let item_at = push("/paths", path);
            let ReferenceOr::Item(item) = item else {
                return Err(Error::Unsupported {
                    at: spec.locate(&item_at),
                    what: "a path item $ref that did not resolve".into(),
                });
            };
            for (slot, op) in item.iter() {
                let at = push(&item_at, slot);
                let method = &operation_method(slot, op);
                let operation_id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| synthesized_id(method, path));
                let (name, short) = op_names.next().unwrap_or_default();
                let method_name = method_names.claim(&names::snake_name(&name));
                let builder_name = builder_names.claim(&names::type_name(&name));
                if short {
                    self.warnings.push(crate::warning::Warning {
                        at: spec.locate(&format!("{at}/operationId")),
                        message: format!(
                            "operationId `{operation_id}` is FastAPI's default \
                             (`<function>_<path>_<method>`); naming the operation after its \
                             function: `{method_name}`"
                        ),
                    });
                }
                let module = self.tag_tree.module_of(&op.tags);
                let params = self.lower_params(
                    &item.parameters,
                    &op.parameters,
                    &builder_name,
                    path,
                    &item_at,
                    &at,
                )?;
                let path_parts = parse_template(path).map_err(|what| Error::Invalid {
                    at: spec.locate(&item_at),
                    message: what,
                })?;
                // A path parameter the template does not name cannot be sent: leave it out.
                let mut params = params;
                params.retain(|p| {
                    p.location != ParamLocation::Path
                        || path_parts.contains(&PathPart::Param(p.wire.clone()))
                });
                self.undeclared_path_params(&path_parts, &mut params, &at);
                let body = self.lower_body(op, &builder_name, &at)?;
                let security = self.requirement(schemes, op.security.as_ref(), &at);
                let servers = self.operation_servers(item, op, &item_at, &at);
                let doc = join(op.summary.as_deref(), op.description.as_deref());
                let doc = with_paragraph(doc, super::op_server::servers_note(&servers));
                let mut operation = Operation {
                    method_name,
                    builder_name,
                    operation_id,
                    http_method: method.to_uppercase(),
                    path: path.clone(),
                    path_parts,
                    module,
                    servers,
                    doc: with_paragraph(doc, self.tag_tree.labels_line(&op.tags)),
                    params,
                    body,
                    success: TypeRef::Unit,
                    success_statuses: Vec::new(),
                    error_statuses: Vec::new(),
                    default_error: None,
                    accept: None,
                    security,
                    streaming: None,
                    pagination: None,
                };
                self.lower_responses(op, &mut operation, &at)?;
                if let Some(accept) = self.declared_accept.take() {
                    operation.accept = Some(accept);
                }
                operations.push(operation);
            }
        }
        Ok(operations)
    }

    /// An `Accept` header parameter with a default (`application/vnd.x+json;version=2`, how
    /// some APIs version themselves): OpenAPI says to ignore it, but the API needs that value,
    /// so the operation sends it, with a warning.
    fn note_accept(&mut self, data: &openapiv3::ParameterData, at: &str) {
        if !data.name.eq_ignore_ascii_case("accept") {
            return;
        }
        let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) = &data.format else {
            return;
        };
        let single_enum = match &schema.schema_kind {
            openapiv3::SchemaKind::Type(openapiv3::Type::String(s)) if s.enumeration.len() == 1 => {
                s.enumeration[0].clone()
            }
            _ => None,
        };
        let default = schema.schema_data.default.as_ref().and_then(|v| v.as_str());
        let Some(value) = default.map(str::to_owned).or(single_enum) else {
            return;
        };
        // What a header value can hold as written.
        if !value
            .bytes()
            .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
        {
            return;
        }
        self.warnings.push(crate::warning::Warning {
            at: self.spec.locate(at),
            message: format!(
                "OpenAPI says to ignore an Accept parameter, but this one has a default: every call sends `Accept: {value}`"
            ),
        });
        self.declared_accept = Some(value);
    }

    /// The example where its schema accepts it, else a value the schema accepts (see
    /// `sample.rs`): what a doc example sends.
    fn valid_example(
        &self,
        schema: Option<&ReferenceOr<openapiv3::Schema>>,
        example: Option<serde_json::Value>,
        name: &str,
    ) -> Option<serde_json::Value> {
        let Some(schema) = schema else {
            return example;
        };
        let sampler = super::sample::Sampler {
            components: self.components,
        };
        sampler.fix(schema, example.as_ref(), name).or(example)
    }

    /// The name each operation's method and builder are made from, in the order
    /// `lower_operations` visits them, and whether it is a FastAPI function's.
    fn operation_names(&self) -> Vec<(String, bool)> {
        let ops: Vec<(String, &str, String)> = (self.spec.api.paths.paths.iter())
            .filter_map(|(path, item)| item.as_item().map(|item| (path, item)))
            .flat_map(|(path, item)| {
                item.iter().map(move |(slot, op)| {
                    let method = operation_method(slot, op);
                    let id =
                        (op.operation_id.clone()).unwrap_or_else(|| synthesized_id(&method, path));
                    (id, path.as_str(), method)
                })
            })
            .collect();
        let named: Vec<fastapi::Named<'_>> = (ops.iter())
            .map(|(operation_id, path, method)| fastapi::Named {
                operation_id,
                path,
                method,
            })
            .collect();
        let reserved = [RESERVED_METHODS, RESERVED_TYPES, RESERVED_BUILDERS].concat();
        fastapi::names_from(&named, &reserved)
            .into_iter()
            .map(|(name, short)| (name.to_string(), short))
            .collect()
    }

    /// A template name no parameter declares (`/export/{job_id}`) is still part of the URL:
    /// assume a required string, as path parameters are, and say so.
    fn undeclared_path_params(&mut self, parts: &[PathPart], params: &mut Vec<Param>, at: &str) {
        let mut position = 0;
        for part in parts {
            let PathPart::Param(wire) = part else {
                continue;
            };
            let declared = params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire == *wire);
            if !declared {
                let mut taken = Namer::with_reserved(RESERVED_PARAMS);
                for p in params.iter() {
                    taken.claim(&p.name);
                }
                let param = Param {
                    name: taken.claim(&names::snake_name(wire)),
                    wire: wire.clone(),
                    location: ParamLocation::Path,
                    required: true,
                    ty: TypeRef::String,
                    doc: Some(format!(
                        "`{{{wire}}}` in the path (the spec declares no parameter for it)."
                    )),
                    example: None,
                    style: QueryStyle::Exploded,
                };
                params.insert(position, param);
                self.warnings.push(crate::warning::Warning {
                    at: self.spec.locate(at),
                    message: format!(
                        "the path template names `{{{wire}}}` but no path parameter `{wire}` is declared; assuming a required string"
                    ),
                });
            }
            position += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_params(
        &mut self,
        shared: &[ReferenceOr<Parameter>],
        own: &[ReferenceOr<Parameter>],
        builder: &str,
        path: &str,
        item_at: &str,
        at: &str,
    ) -> Result<Vec<Param>> {
        let mut merged: Vec<(&Parameter, String)> = Vec::new();
        let listed = shared
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{item_at}/parameters/{i}")))
            .chain(
                own.iter()
                    .enumerate()
                    .map(|(i, p)| (p, format!("{at}/parameters/{i}"))),
            );
        for (param, param_at) in listed {
            let ReferenceOr::Item(param) = param else {
                return Err(Error::Unsupported {
                    at: self.spec.locate(&param_at),
                    what: "a parameter $ref that did not resolve".into(),
                });
            };
            // An operation's parameter overrides the path item's with the same name and place.
            merged.retain(|(p, _)| {
                !(p.parameter_data_ref().name == param.parameter_data_ref().name
                    && std::mem::discriminant(*p) == std::mem::discriminant(param))
            });
            merged.push((param, param_at));
        }
        let order = template_order(path);
        merged.sort_by_key(|(p, _)| match p {
            Parameter::Path { parameter_data, .. } => order
                .iter()
                .position(|n| *n == parameter_data.name)
                .unwrap_or(usize::MAX),
            _ => usize::MAX,
        });
        let mut namer = Namer::with_reserved(RESERVED_PARAMS);
        let mut params = Vec::new();
        for (param, param_at) in merged {
            let data = param.parameter_data_ref();
            let location = match param {
                Parameter::Path { .. } => ParamLocation::Path,
                Parameter::Query { .. } => ParamLocation::Query,
                Parameter::Header { .. }
                    if RUNTIME_HEADERS.contains(&data.name.to_lowercase().as_str()) =>
                {
                    self.note_accept(data, &param_at);
                    continue;
                }
                Parameter::Header { .. } => ParamLocation::Header,
                Parameter::Cookie { .. } => ParamLocation::Cookie,
            };
            let hint = format!("{builder}{}", names::bare(&names::type_name(&data.name)));
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => self.lower_schema(
                    schema.into(),
                    Slot::Hint(hint),
                    &format!("{param_at}/schema"),
                )?,
                ParameterSchemaOrContent::Content(_) => TypeRef::String,
            };
            self.param_examples(data, &ty, &param_at);
            let mut param_doc = doc(data.description.as_deref());
            let ty = self.unalias(ty);
            // Documented fallback: a structured parameter (object, union, nested array, any
            // JSON) has no single text form, so the caller passes the text to send.
            let style = query_style(param);
            // An object in the query is its properties, as `style` lays them out.
            let object_query = location == ParamLocation::Query && self.is_struct(&ty);
            let ty = if is_plain(&ty, self) || object_query {
                ty
            } else {
                let note =
                    "The spec gives this parameter a structured type: pass the text to send.";
                param_doc = Some(match param_doc {
                    Some(d) => format!("{d}\n\n{note}"),
                    None => note.to_string(),
                });
                TypeRef::String
            };
            let raw = first_example(data.example.as_ref(), &data.examples).or_else(|| match &data
                .format
            {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => {
                    schema.schema_data.example.clone()
                }
                _ => None,
            });
            let required = data.required || location == ParamLocation::Path;
            // Optional parameters are shown only with the spec's own example.
            let example = match &data.format {
                _ if !required && raw.is_none() => None,
                ParameterSchemaOrContent::Schema(schema) => {
                    self.valid_example(Some(schema), raw, &data.name)
                }
                ParameterSchemaOrContent::Content(_) => raw,
            };
            params.push(Param {
                name: namer.claim(&names::snake_name(&data.name)),
                wire: data.name.clone(),
                location,
                required,
                ty,
                doc: param_doc,
                style,
                example,
            });
        }
        Ok(params)
    }

    fn lower_body(
        &mut self,
        op: &openapiv3::Operation,
        builder: &str,
        at: &str,
    ) -> Result<Option<Body>> {
        let Some(body) = &op.request_body else {
            return Ok(None);
        };
        let at = format!("{at}/requestBody");
        let ReferenceOr::Item(body) = body else {
            return Err(Error::Unsupported {
                at: self.spec.locate(&at),
                what: "a request body $ref that did not resolve".into(),
            });
        };
        let Some((content_type, media, encoding)) = pick_media(&body.content, true) else {
            return Ok(None);
        };
        let media_at = format!("{at}/content/{}", escape(content_type));
        let ty = match (&media.schema, encoding) {
            (Some(schema), BodyEncoding::Json | BodyEncoding::Form) => self.lower_schema(
                schema.into(),
                Slot::Hint(format!("{builder}Request")),
                &format!("{media_at}/schema"),
            )?,
            (None, BodyEncoding::Json | BodyEncoding::Form) => TypeRef::Json,
            (_, BodyEncoding::Text) => TypeRef::String,
            (Some(schema), BodyEncoding::Multipart) => {
                match self.multipart_model(schema, builder, &media_at)? {
                    Some(ty) => ty,
                    None => TypeRef::Bytes,
                }
            }
            (_, BodyEncoding::Binary | BodyEncoding::Multipart | BodyEncoding::Parts) => {
                TypeRef::Bytes
            }
        };
        let encoding = match (encoding, &ty) {
            (BodyEncoding::Multipart, TypeRef::Named(_)) => BodyEncoding::Parts,
            _ => encoding,
        };
        let part_types = (media.encoding.iter())
            .filter(|_| encoding == BodyEncoding::Parts)
            .filter_map(|(name, e)| Some((name.clone(), e.content_type.clone()?)))
            .collect();
        let delimited = (media.encoding.iter())
            .filter(|_| encoding == BodyEncoding::Form)
            .filter_map(|(name, e)| Some((name.clone(), form_delimiter(e)?)))
            .collect();
        if matches!(encoding, BodyEncoding::Json | BodyEncoding::Form) {
            self.media_examples(media, &ty, &media_at);
        }
        let typed = matches!(
            encoding,
            BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Parts
        );
        // A wildcard names no media type to send; a multipart boundary comes from the caller.
        let content_type = match encoding {
            _ if !content_type.contains('*') => content_type.clone(),
            BodyEncoding::Json => "application/json".to_string(),
            BodyEncoding::Text => "text/plain".to_string(),
            _ => "application/octet-stream".to_string(),
        };
        Ok(Some(Body {
            ty,
            required: body.required,
            content_type,
            json: encoding == BodyEncoding::Json,
            encoding,
            doc: doc(body.description.as_deref()),
            example: if typed {
                self.valid_example(
                    media.schema.as_ref(),
                    first_example(media.example.as_ref(), &media.examples),
                    "text",
                )
            } else {
                first_example(media.example.as_ref(), &media.examples)
            },
            part_types,
            delimited,
        }))
    }

    /// The model of a multipart body whose schema is an object: its properties as they are,
    /// but binary strings (and arrays of them) as file parts. A model of its own when it
    /// has files (`{Builder}Form`), so a component shared with JSON bodies stays as it is.
    /// `None` for a schema that is no object: the caller then writes the bytes.
    fn multipart_model(
        &mut self,
        schema: &ReferenceOr<openapiv3::Schema>,
        builder: &str,
        media_at: &str,
    ) -> Result<Option<TypeRef>> {
        let object = match schema {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => {
                self.component(reference, media_at).ok().map(|(_, s)| s)
            }
        };
        let Some(openapiv3::SchemaKind::Type(openapiv3::Type::Object(object))) =
            object.map(|s| &s.schema_kind)
        else {
            return Ok(None);
        };
        let files: Vec<(String, bool)> = (object.properties.iter())
            .filter_map(|(name, property)| {
                let property = property.as_item()?;
                if is_binary(property) {
                    return Some((name.clone(), false));
                }
                match &property.schema_kind {
                    openapiv3::SchemaKind::Type(openapiv3::Type::Array(array)) => {
                        let items = array.items.as_ref()?.as_item()?;
                        is_binary(items).then(|| (name.clone(), true))
                    }
                    _ => None,
                }
            })
            .collect();
        let ty = self.lower_schema(
            schema.into(),
            Slot::Hint(format!("{builder}Request")),
            &format!("{media_at}/schema"),
        )?;
        if files.is_empty() {
            return Ok(Some(ty));
        }
        let TypeRef::Named(name) = &ty else {
            return Ok(None);
        };
        let Some(mut model) = self.models.get(name).cloned() else {
            return Ok(None);
        };
        let ModelKind::Struct(fields) = &mut model.kind else {
            return Ok(None);
        };
        for field in &mut fields.fields {
            if let Some((_, many)) = files.iter().find(|(wire, _)| *wire == field.wire) {
                field.ty = if *many {
                    TypeRef::Vec(Box::new(TypeRef::File))
                } else {
                    TypeRef::File
                };
            }
        }
        let form = self.add_model(
            Slot::Hint(format!("{builder}Form")),
            model.doc.clone(),
            model.kind,
            &format!("{media_at}/schema"),
        );
        Ok(Some(form))
    }

    fn lower_responses(
        &mut self,
        op: &openapiv3::Operation,
        operation: &mut Operation,
        at: &str,
    ) -> Result<()> {
        let builder = operation.builder_name.clone();
        operation.accept = accept(op);
        // An operation that declares no 2xx answers with its 3xx (a redirect it describes,
        // which the client does not follow): that is its result.
        let redirects = !op
            .responses
            .responses
            .keys()
            .any(|c| status_of(c).is_success());
        let is_success =
            |status: &StatusOf| status.is_success() || (redirects && status.class() == 3);
        let success_count = op
            .responses
            .responses
            .keys()
            .filter(|code| is_success(&status_of(code)))
            .count();
        for (code, response) in &op.responses.responses {
            let status = status_of(code);
            let response_at = format!("{at}/responses/{code}");
            let hint = match (is_success(&status), success_count) {
                (true, 1) => format!("{builder}Response"),
                (true, _) => format!("{builder}Response{code}"),
                (false, _) => format!("{builder}Error{code}"),
            };
            // HTTP gives these statuses no body, whatever the document declares.
            let bodiless = matches!(status.0, Status::Code(204 | 205 | 304));
            let declares = matches!(response, ReferenceOr::Item(r) if !r.content.is_empty());
            let (ty, decode) = if bodiless {
                (TypeRef::Unit, Decode::Empty)
            } else {
                self.response_body(response, &hint, &response_at)?
            };
            if bodiless && declares {
                self.warnings.push(crate::warning::Warning {
                    at: self.spec.locate(&response_at),
                    message: format!(
                        "a {code} response declares a body, which HTTP does not allow: read as no content"
                    ),
                });
            }
            // Only JSON error bodies are parsed; the raw body is kept in every error.
            let (ty, decode) = match decode {
                Decode::Json | Decode::Empty => (ty, decode),
                _ if is_success(&status) => (ty, decode),
                _ => (TypeRef::Unit, Decode::Empty),
            };
            let entry = StatusBody {
                status: status.0,
                ty,
                decode,
                variant: None,
            };
            if is_success(&status) {
                operation.success_statuses.push(entry);
            } else if status.is_error() {
                operation.error_statuses.push(entry);
            }
        }
        operation.doc = with_paragraph(operation.doc.take(), response_headers(op));
        if let Some(default) = &op.responses.default {
            let alone = default_is_success(op);
            let hint = if alone { "Response" } else { "Error" };
            let (ty, decode) = self.response_body(
                default,
                &format!("{builder}{hint}"),
                &format!("{at}/responses/default"),
            )?;
            if alone {
                operation.success_statuses.push(StatusBody {
                    status: Status::Range(2),
                    ty: ty.clone(),
                    decode,
                    variant: None,
                });
            }
            operation.default_error = Some(match decode {
                Decode::Json => ty,
                _ => TypeRef::Unit,
            });
        }
        let mut distinct: Vec<&TypeRef> = Vec::new();
        for s in &operation.success_statuses {
            if !distinct.contains(&&s.ty) {
                distinct.push(&s.ty);
            }
        }
        operation.success = match distinct.as_slice() {
            [] => TypeRef::Unit,
            [single] => (*single).clone(),
            _ => {
                let mut namer = Namer::default();
                let mut variants = Vec::new();
                for s in &mut operation.success_statuses {
                    let name = namer.claim(&format!("Status{}", status_label(s.status)));
                    s.variant = Some(name.clone());
                    variants.push(UnionVariant {
                        name,
                        tag_values: Vec::new(),
                        ty: s.ty.clone(),
                    });
                }
                let docs = Some(format!(
                    "The success responses of `{}`, one variant per status.",
                    operation.method_name
                ));
                self.add_model(
                    Slot::Hint(format!("{builder}Response")),
                    docs,
                    ModelKind::Statuses(variants),
                    at,
                )
            }
        };
        operation.streaming = self.streaming(op, operation, at)?;
        Ok(())
    }

    /// How the success body can be streamed: the first success response that offers an event
    /// stream or JSON Lines, or a download (a body read as bytes).
    fn streaming(
        &mut self,
        op: &openapiv3::Operation,
        operation: &mut Operation,
        at: &str,
    ) -> Result<Option<Streaming>> {
        let default = op
            .responses
            .default
            .as_ref()
            .filter(|_| default_is_success(op))
            .map(|r| ("default".to_string(), r));
        let successes = (op.responses.responses.iter())
            .filter(|(code, _)| status_of(code).is_success())
            .map(|(code, r)| (code.to_string(), r));
        let found = successes.chain(default).find_map(|(code, response)| {
            let ReferenceOr::Item(response) = response else {
                return None;
            };
            let (ct, media) = response
                .content
                .iter()
                .find(|(ct, _)| stream_framing(ct).is_some())?;
            // Another form of the body (JSON, audio bytes) stays what `.await` reads.
            let other = (response.content.keys()).any(|ct| stream_framing(ct).is_none());
            Some((code, ct.clone(), media.clone(), other))
        });
        let names = |base: &str, other: &str| {
            let taken = |name: &str| {
                operation.params.iter().any(|p| p.name == name)
                    || matches!(name, "body" | "header" | "timeout" | "send")
            };
            if taken(base) {
                other.to_string()
            } else {
                base.to_string()
            }
        };
        let Some((code, ct, media, other)) = found else {
            if operation.success != TypeRef::Bytes {
                return Ok(None);
            }
            return Ok(Some(Streaming {
                kind: StreamKind::Download,
                item: TypeRef::Bytes,
                accept: operation
                    .accept
                    .clone()
                    .unwrap_or_else(|| "*/*".to_string()),
                exclusive: false,
                method: names("download", "download_body"),
                flag: None,
                events: Vec::new(),
            }));
        };
        let framing = stream_framing(&ct).unwrap_or(Framing::Sse);
        let schema_at = format!("{at}/responses/{code}/content/{}/schema", escape(&ct));
        let hint = format!("{}Event", operation.builder_name);
        let item = match &media.schema {
            None => TypeRef::String,
            Some(schema) => {
                // A JSON Lines document may describe the whole body as an array of its items.
                let schema = match (framing, schema) {
                    (Framing::Sse, _) => schema.clone(),
                    (_, ReferenceOr::Item(s)) => match &s.schema_kind {
                        openapiv3::SchemaKind::Type(openapiv3::Type::Array(a)) => match &a.items {
                            Some(items) => items.clone().unbox(),
                            None => schema.clone(),
                        },
                        _ => schema.clone(),
                    },
                    _ => schema.clone(),
                };
                self.lower_schema((&schema).into(), Slot::Hint(hint), &schema_at)?
            }
        };
        let events = self.sse_events(&media, &item);
        let exclusive = !other && operation.success_statuses.len() <= 1;
        if exclusive {
            operation.success = item.clone();
            for status in &mut operation.success_statuses {
                status.ty = item.clone();
            }
        }
        let flag = self
            .stream_flag(operation.body.as_ref())
            .filter(|_| !exclusive);
        Ok(Some(Streaming {
            kind: StreamKind::Items(framing),
            item,
            accept: ct,
            exclusive,
            method: names("stream", "stream_events"),
            flag,
            events,
        }))
    }

    /// What OpenAPI 3.2's `itemSchema` said of each event's type (see `openapi32::SSE_EVENTS`):
    /// names paired with the variants of the item union, in order.
    fn sse_events(&self, media: &MediaType, item: &TypeRef) -> Vec<(String, String, TypeRef)> {
        let Some(names) = media.extensions.get(crate::openapi32::SSE_EVENTS) else {
            return Vec::new();
        };
        let names: Vec<&str> = names
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n.as_str())
            .collect();
        let TypeRef::Named(name) = item else {
            return Vec::new();
        };
        let Some(ModelKind::Union(union)) = self.models.get(name).map(|m| &m.kind) else {
            return Vec::new();
        };
        if union.variants.len() != names.len() {
            return Vec::new();
        }
        (names.iter().zip(&union.variants))
            .map(|(event, v)| (event.to_string(), v.name.clone(), v.ty.clone()))
            .collect()
    }

    /// A boolean `stream` property of a JSON body model, which asks the server for events.
    fn stream_flag(&self, body: Option<&Body>) -> Option<String> {
        let body = body.filter(|b| b.encoding == BodyEncoding::Json && b.required)?;
        let TypeRef::Named(name) = self.unalias(body.ty.clone()) else {
            return None;
        };
        let ModelKind::Struct(model) = &self.models.get(&name)?.kind else {
            return None;
        };
        let field = model
            .fields
            .iter()
            .find(|f| f.wire == "stream" && f.ty == TypeRef::Bool)?;
        Some(field.wire.clone())
    }

    fn response_body(
        &mut self,
        response: &ReferenceOr<openapiv3::Response>,
        hint: &str,
        at: &str,
    ) -> Result<(TypeRef, Decode)> {
        let ReferenceOr::Item(response) = response else {
            return Err(Error::Unsupported {
                at: self.spec.locate(at),
                what: "a response $ref that did not resolve".into(),
            });
        };
        let Some((content_type, media, encoding)) = pick_media(&response.content, false) else {
            return Ok((TypeRef::Unit, Decode::Empty));
        };
        if any_bytes(content_type, media) {
            return Ok((TypeRef::Bytes, Decode::Bytes));
        }
        match encoding {
            BodyEncoding::Json => {}
            BodyEncoding::Text => return Ok((TypeRef::String, Decode::Text)),
            _ => return Ok((TypeRef::Bytes, Decode::Bytes)),
        }
        let ty = match &media.schema {
            Some(schema) => {
                let schema_at = format!("{at}/content/{}/schema", escape(content_type));
                let ty =
                    self.lower_schema(schema.into(), Slot::Hint(hint.to_string()), &schema_at)?;
                // A body that may be `null` (3.1's `type: [.., "null"]` too) decodes as `Option`.
                self.maybe_null(schema.into(), ty, &schema_at)
            }
            None => TypeRef::Json,
        };
        let media_at = format!("{at}/content/{}", escape(content_type));
        self.media_examples(media, &ty, &media_at);
        Ok((ty, Decode::Json))
    }
}

struct StatusOf(Status);

impl StatusOf {
    fn class(&self) -> u16 {
        match self.0 {
            Status::Code(code) => code / 100,
            Status::Range(class) => class,
        }
    }
    fn is_success(&self) -> bool {
        self.class() == 2
    }
    fn is_error(&self) -> bool {
        self.class() >= 4
    }
}

fn status_of(code: &StatusCode) -> StatusOf {
    StatusOf(match code {
        StatusCode::Code(code) => Status::Code(*code),
        StatusCode::Range(class) => Status::Range(*class),
    })
}

fn status_label(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Range(class) => format!("{class}xx"),
    }
}

/// Parameters must turn into text for paths, queries and headers.
/// The `style` and `explode` of a query parameter.
fn query_style(param: &Parameter) -> QueryStyle {
    let Parameter::Query {
        parameter_data,
        style,
        ..
    } = param
    else {
        return QueryStyle::Exploded;
    };
    match style {
        openapiv3::QueryStyle::Form if parameter_data.explode == Some(false) => {
            QueryStyle::Delimited(',')
        }
        openapiv3::QueryStyle::Form => QueryStyle::Exploded,
        openapiv3::QueryStyle::SpaceDelimited => QueryStyle::Delimited(' '),
        openapiv3::QueryStyle::PipeDelimited => QueryStyle::Delimited('|'),
        openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
    }
}

impl Lowerer<'_> {
    /// Whether `ty` is an object model (after aliases).
    fn is_struct(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(name) => match self.models.get(name).map(|m| &m.kind) {
                Some(ModelKind::Struct(_)) => true,
                Some(ModelKind::Alias(inner)) => self.is_struct(&inner.clone()),
                _ => false,
            },
            _ => false,
        }
    }
}

fn is_plain(ty: &TypeRef, lowerer: &Lowerer<'_>) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Integer { .. }
        | TypeRef::Float
        | TypeRef::Number => true,
        TypeRef::Named(name) => matches!(
            lowerer.models.get(name).map(|m| &m.kind),
            Some(ModelKind::Enum(_))
        ),
        TypeRef::Vec(inner) => !matches!(**inner, TypeRef::Vec(_)) && is_plain(inner, lowerer),
        _ => false,
    }
}

impl Lowerer<'_> {
    /// The type an alias model stands for (the emitters format parameters by their real type).
    fn unalias(&self, ty: TypeRef) -> TypeRef {
        let mut ty = ty;
        // The hop limit stops alias cycles.
        for _ in 0..=self.models.len() {
            match ty {
                TypeRef::Named(ref name) => match self.models.get(name).map(|m| &m.kind) {
                    Some(ModelKind::Alias(inner)) => ty = inner.clone(),
                    _ => return ty,
                },
                TypeRef::Vec(inner) => return TypeRef::Vec(Box::new(self.unalias(*inner))),
                other => return other,
            }
        }
        ty
    }
}

/// A string schema of `format: binary`: a file.
fn is_binary(schema: &openapiv3::Schema) -> bool {
    use openapiv3::{SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
    matches!(&schema.schema_kind, SchemaKind::Type(Type::String(s))
        if s.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary))
}

/// JSON media types first, then (for requests) form-urlencoded; otherwise the first one.
pub(super) fn pick_media(
    content: &indexmap::IndexMap<String, MediaType>,
    request: bool,
) -> Option<(&String, &MediaType, BodyEncoding)> {
    let classified = || {
        content
            .iter()
            .map(|(ct, m)| (ct, m, encoding_of(ct, request)))
    };
    classified()
        .find(|(_, _, e)| *e == BodyEncoding::Json)
        .or_else(|| classified().find(|(_, _, e)| *e == BodyEncoding::Form))
        .or_else(|| classified().next())
}

/// How a media type is sent or read. Form and multipart responses are read as bytes.
fn encoding_of(content_type: &str, request: bool) -> BodyEncoding {
    let ct = content_type
        .split(';')
        .next()
        .unwrap_or(content_type)
        .trim()
        .to_ascii_lowercase();
    match ct.as_str() {
        "application/json" | "*/*" | "application/*" => BodyEncoding::Json,
        _ if ct.ends_with("+json") => BodyEncoding::Json,
        "application/x-www-form-urlencoded" if request => BodyEncoding::Form,
        _ if ct.starts_with("multipart/") && request => BodyEncoding::Multipart,
        _ if ct.starts_with("text/") => BodyEncoding::Text,
        _ => BodyEncoding::Binary,
    }
}

/// The `Accept` header for operations whose success body is read as text or bytes: the media
/// types the client reads, since the runtime otherwise asks for JSON.
fn accept(op: &openapiv3::Operation) -> Option<String> {
    let mut types: Vec<&str> = Vec::new();
    let mut any_raw = false;
    let default = op
        .responses
        .default
        .as_ref()
        .filter(|_| default_is_success(op));
    let successes = op
        .responses
        .responses
        .iter()
        .filter(|(code, _)| status_of(code).is_success());
    for response in successes.map(|(_, r)| r).chain(default) {
        let ReferenceOr::Item(response) = response else {
            continue;
        };
        if let Some((media_type, media, encoding)) = pick_media(&response.content, false) {
            any_raw |= encoding != BodyEncoding::Json || any_bytes(media_type, media);
            if !types.contains(&media_type.as_str()) {
                types.push(media_type);
            }
        }
    }
    any_raw.then(|| types.join(", "))
}

/// With no success or redirect declared, `default` describes the success too (as dropshot
/// writes raw downloads): its body is the 2xx result, and what the call asks for.
fn default_is_success(op: &openapiv3::Operation) -> bool {
    let mut codes = op.responses.responses.keys().map(status_of);
    !codes.any(|s| s.is_success() || s.class() == 3)
}

/// The method of an operation, lower case: its slot's, or the one OpenAPI 3.2 gave a
/// `query` or additional operation (see `openapi32::METHOD`).
fn operation_method(slot: &str, op: &openapiv3::Operation) -> String {
    match op
        .extensions
        .get(crate::openapi32::METHOD)
        .and_then(|m| m.as_str())
    {
        Some(method) => method.to_ascii_lowercase(),
        None => slot.to_string(),
    }
}

/// A wildcard media type (`*/*`, `application/*`) with no schema, an empty one, or a binary
/// string: any bytes, read raw and asked for as the wildcard, not as JSON.
fn any_bytes(content_type: &str, media: &MediaType) -> bool {
    use openapiv3::{SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
    let wildcard = content_type.trim().ends_with("/*");
    let raw = match &media.schema {
        None => true,
        Some(ReferenceOr::Item(schema)) => match &schema.schema_kind {
            SchemaKind::Any(any) => *any == openapiv3::AnySchema::default(),
            SchemaKind::Type(Type::String(s)) => {
                s.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
            }
            _ => false,
        },
        Some(ReferenceOr::Reference { .. }) => false,
    };
    wildcard && raw
}

/// A deterministic id for operations without one: `get /v3/sso/{id}` is `get_v3_sso_id`.
fn synthesized_id(method: &str, path: &str) -> String {
    let words: Vec<String> = path
        .split(['/', '{', '}', '-', '.'])
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    format!("{method}_{}", words.join("_"))
}

fn template_order(path: &str) -> Vec<String> {
    parse_template(path)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| {
            if let PathPart::Param(name) = p {
                Some(name)
            } else {
                None
            }
        })
        .collect()
}

/// Splits `/a/{id}/b` into literals and parameters.
pub fn parse_template(path: &str) -> Result<Vec<PathPart>, String> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| c + open)
            .ok_or_else(|| format!("unclosed `{{` in path template `{path}`"))?;
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_string()));
        }
        parts.push(PathPart::Param(rest[open + 1..close].to_string()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_string()));
    }
    Ok(parts)
}

/// The delimiter that joins a form property's items into one pair, when its `encoding`
/// says so: `style: form` with `explode: false` (commas), or a delimited style, which never
/// explodes. `openapiv3` reads an absent `explode` as `false`, so without a `style` the
/// items repeat the key (OpenAPI's default) whatever `explode` says.
fn form_delimiter(encoding: &openapiv3::Encoding) -> Option<char> {
    use openapiv3::QueryStyle;
    match (&encoding.style, encoding.explode) {
        (Some(QueryStyle::Form), false) => Some(','),
        (Some(QueryStyle::SpaceDelimited), _) => Some(' '),
        (Some(QueryStyle::PipeDelimited), _) => Some('|'),
        _ => None,
    }
}

/// Docs with a paragraph at the end (a servers note, the label tags, response headers).
fn with_paragraph(doc: Option<String>, paragraph: Option<String>) -> Option<String> {
    match (doc, paragraph) {
        (Some(doc), Some(paragraph)) => Some(format!("{doc}\n\n{paragraph}")),
        (doc, paragraph) => doc.or(paragraph),
    }
}

/// The request module of a tag: its snake case, kept clear of keywords, of `mod.rs` and of
/// its parent's name.
pub(super) fn module_name(tag: &str) -> String {
    let name = names::snake_name(tag);
    // `requests::requests` is a module named like its parent (clippy's `module_inception`).
    if name.starts_with("r#") || name == "mod" || name == "requests" {
        format!("{}_requests", names::bare(&name))
    } else {
        name
    }
}

/// The headers that success responses declare, as a doc section: they are read through
/// `send_with_response`, whose `ApiResponse` keeps every header.
fn response_headers(op: &openapiv3::Operation) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for (code, response) in &op.responses.responses {
        let (true, ReferenceOr::Item(response)) = (status_of(code).is_success(), response) else {
            continue;
        };
        for (name, header) in &response.headers {
            if seen.contains(&name.to_ascii_lowercase()) {
                continue;
            }
            seen.push(name.to_ascii_lowercase());
            let text = match header {
                ReferenceOr::Item(h) => doc(h.description.as_deref()),
                ReferenceOr::Reference { .. } => None,
            };
            let name = name.replace('`', "'");
            lines.push(match text {
                Some(text) => format!("- `{name}`: {}", text.replace('\n', " ")),
                None => format!("- `{name}`"),
            });
        }
    }
    (!lines.is_empty()).then(|| {
        format!(
            "Response headers (read them from `send_with_response().await?.headers()`):\n{}",
            lines.join("\n")
        )
    })
}

/// An `example`, else the value of the first of `examples` (a `$ref` left unresolved or an
/// `externalValue` gives none).
fn first_example(
    example: Option<&serde_json::Value>,
    examples: &indexmap::IndexMap<String, ReferenceOr<openapiv3::Example>>,
) -> Option<serde_json::Value> {
    example.cloned().or_else(|| {
        examples.values().find_map(|example| match example {
            ReferenceOr::Item(example) => example.value.clone(),
            ReferenceOr::Reference { .. } => None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::RESERVED_METHODS;

    /// An operation named like one of the runtime's own `Client` methods, private ones
    /// included, would not compile (`token`): each of them must be reserved.
    #[test]
    fn every_runtime_client_method_is_reserved() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let mut inside = false;
            for line in text.lines() {
                if line.starts_with("impl Client {") {
                    inside = true;
                } else if line == "}" {
                    inside = false;
                } else if inside && line.starts_with("    ") && !line.starts_with("     ") {
                    let Some((_, rest)) = line.split_once("fn ") else {
                        continue;
                    };
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    found.push(name);
                }
            }
        }
        assert!(found.len() > 5, "{found:?}");
        let missing: Vec<_> = found
            .iter()
            .filter(|name| !RESERVED_METHODS.contains(&name.as_str()))
            .collect();
        assert!(missing.is_empty(), "not reserved: {missing:?}");
    }
}
