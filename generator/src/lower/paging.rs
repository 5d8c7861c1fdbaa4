//! Which list operations page, and how: read from a vendor extension of the operation
//! (`x-dropshot-pagination`, `x-speakeasy-pagination`, `x-fern-pagination`, `x-pagination`),
//! else from the generator's configuration file, else from a convention that the request and
//! the response both fit (a note for the user, not a warning: an API with hundreds of lists
//! must pass `--deny-warnings`). Runs on the finished models, so every path is checked against
//! the fields the page type really has.

use crate::ir::{
    FieldStep, Model, ModelKind, Operation, PageStyle, Pagination, PagingOrigin, Param,
    ParamLocation, Struct, TypeRef,
};
use crate::pointer::push;
use crate::resolve::Spec;
use crate::warning::Warning;
use openapiv3::ReferenceOr;
use std::collections::BTreeMap;

/// How an operation pages, as an extension, `x-pagination` or the configuration file says
/// it: wire names of the query parameters, dotted wire paths into the page body.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declared {
    /// `cursor`, `has_more`, `offset`, `page`, `next_link`, `link_header`, or `none` (no
    /// streams, not even by convention).
    pub style: Option<String>,
    /// The query parameter the next page's cursor, last id, offset or number goes in.
    pub param: Option<String>,
    /// The page-size parameter (`limit`, `per_page`): a page shorter than asked is the last.
    pub limit: Option<String>,
    /// The next cursor or next URL in the page body (`next_page`, `links.next`).
    pub next: Option<String>,
    /// The page's array property (`data`); by default the one of the usual names, or the
    /// body when it is an array.
    pub items: Option<String>,
    /// The number of items (offsets) or pages (page numbers) in all.
    pub total: Option<String>,
    /// Stripe's boolean: more items after this page.
    pub has_more: Option<String>,
}

/// Request parameters that name a cursor.
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "page_token",
    "pageToken",
    "after",
    "next_token",
    "nextToken",
    "continuation_token",
    "continuationToken",
];
/// Page properties that hold the next cursor.
const NEXT_CURSORS: &[&str] = &[
    "next_cursor",
    "nextCursor",
    "next_page",
    "nextPage",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
];
/// Page properties that hold the next page's URL.
const NEXT_LINKS: &[&str] = &[
    "next",
    "links.next",
    "_links.next",
    "next_url",
    "nextUrl",
    "next_link",
    "nextLink",
];
/// Page properties that count every item.
const TOTALS: &[&str] = &[
    "total",
    "total_count",
    "totalCount",
    "total_results",
    "totalResults",
    "total_items",
    "totalItems",
    "count",
];
/// Page properties that count the pages.
const PAGE_COUNTS: &[&str] = &[
    "total_pages",
    "totalPages",
    "page_count",
    "pageCount",
    "last_page",
];
/// Parameters that size a page.
const PAGE_SIZES: &[&str] = &[
    "limit",
    "per_page",
    "perPage",
    "page_size",
    "pageSize",
    "size",
];
/// Page properties that usually hold the items.
const ITEM_FIELDS: &[&str] = &[
    "items", "data", "results", "entries", "records", "values", "elements", "list", "nodes",
];

/// Decides each operation's pagination. Explicit declarations that cannot be used are
/// warnings; conventions are notes.
pub(super) fn detect(
    spec: &Spec,
    operations: &mut [Operation],
    models: &BTreeMap<String, Model>,
    config: &BTreeMap<String, Declared>,
    warnings: &mut Vec<Warning>,
    notes: &mut Vec<Warning>,
) {
    for op in operations.iter_mut() {
        let at = push(
            &push("/paths", &op.path),
            &op.http_method.to_ascii_lowercase(),
        );
        let Some(source) = source_op(spec, op) else {
            continue;
        };
        let context = Context { op, models, source };
        let explicit = extension(source)
            .map(|(name, declared)| (PagingOrigin::Extension(name.to_owned()), declared, name))
            .or_else(|| {
                let declared = config.get(&op.operation_id)?;
                Some((PagingOrigin::Config, Ok(declared.clone()), ""))
            });
        let found = match explicit {
            Some((origin, declared, name)) => {
                let resolved = declared.and_then(|declared| {
                    if declared.style.as_deref() == Some("none") {
                        return Ok(None);
                    }
                    context.resolve(&declared).map(Some)
                });
                match resolved {
                    Ok(found) => found.map(|(style, items, item)| (origin, style, items, item)),
                    Err(reason) => {
                        let (what, pointer) = match &origin {
                            PagingOrigin::Config => (
                                format!(
                                    "`[pagination.{}]` of the configuration file",
                                    op.operation_id
                                ),
                                at.clone(),
                            ),
                            _ => (format!("`{name}`"), push(&at, name)),
                        };
                        // The document's own declaration that does not fit its response
                        // changes nothing (the one-page method stays): a note. The user's
                        // configuration that does not fit is a warning.
                        let list = match origin {
                            PagingOrigin::Config => &mut *warnings,
                            _ => &mut *notes,
                        };
                        list.push(Warning {
                            at: spec.locate(&pointer),
                            message: format!(
                                "{what} cannot be used ({reason}); `{}` gets no stream",
                                op.method_name
                            ),
                        });
                        None
                    }
                }
            }
            None => context
                .convention()
                .map(|(description, style, items, item)| {
                    (PagingOrigin::Convention(description), style, items, item)
                }),
        };
        if let Some((origin, style, items, item)) = found {
            if let PagingOrigin::Convention(description) = &origin {
                notes.push(Warning {
                    at: spec.locate(&at),
                    message: format!(
                        "`{}` pages by convention ({description}): it gets `pages()` and `items()` streams",
                        op.method_name
                    ),
                });
            }
            op.pagination = Some(Pagination {
                style,
                item,
                items,
                origin,
            });
        }
    }
}

/// The spec's operation of `op`.
fn source_op<'s>(spec: &'s Spec, op: &Operation) -> Option<&'s openapiv3::Operation> {
    let ReferenceOr::Item(item) = spec.api.paths.paths.get(&op.path)? else {
        return None;
    };
    let method = op.http_method.to_ascii_lowercase();
    item.iter()
        .find(|(m, _)| *m == method)
        .map(|(_, source)| source)
}

/// The first pagination extension of the operation, read into a [`Declared`].
fn extension(op: &openapiv3::Operation) -> Option<(&'static str, Result<Declared, String>)> {
    for name in [
        "x-dropshot-pagination",
        "x-speakeasy-pagination",
        "x-fern-pagination",
        "x-pagination",
    ] {
        let Some(value) = op.extensions.get(name) else {
            continue;
        };
        let declared = match name {
            "x-dropshot-pagination" => Ok(Declared {
                style: Some("cursor".into()),
                param: Some("page_token".into()),
                limit: Some("limit".into()),
                next: Some("next_page".into()),
                items: Some("items".into()),
                ..Declared::default()
            }),
            "x-speakeasy-pagination" => speakeasy(value),
            "x-fern-pagination" => fern(value),
            _ => serde_json::from_value::<Declared>(value.clone()).map_err(|e| e.to_string()),
        };
        return Some((name, declared));
    }
    None
}

/// `$.data.items` → `data.items`; anything else (filters, indexes) is refused.
fn json_path(path: &str) -> Result<String, String> {
    let dotted = path.strip_prefix("$.").unwrap_or(path);
    if dotted.is_empty() || dotted.contains(['[', '(', '*', '@']) {
        return Err(format!("the path `{path}` is not a plain property path"));
    }
    Ok(dotted.to_owned())
}

/// Speakeasy's `{type, inputs: [{name, in, type}], outputs: {results, nextCursor, nextUrl, numPages}}`.
fn speakeasy(value: &serde_json::Value) -> Result<Declared, String> {
    let text =
        |v: &serde_json::Value, key: &str| v.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let kind = text(value, "type").ok_or("it has no `type`")?;
    let inputs = value
        .get("inputs")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let input = |kind: &str| {
        inputs
            .iter()
            .find(|input| text(input, "type").as_deref() == Some(kind))
            .and_then(|input| text(input, "name"))
    };
    let outputs = value.get("outputs").cloned().unwrap_or_default();
    let output = |key: &str| text(&outputs, key).map(|path| json_path(&path)).transpose();
    let mut declared = Declared {
        items: output("results")?,
        limit: input("limit"),
        ..Declared::default()
    };
    match kind.as_str() {
        "cursor" => {
            declared.style = Some("cursor".into());
            declared.param = Some(input("cursor").ok_or("no input of type `cursor`")?);
            declared.next = Some(output("nextCursor")?.ok_or("no `outputs.nextCursor`")?);
        }
        "offsetLimit" => match (input("page"), input("offset")) {
            (Some(page), _) => {
                declared.style = Some("page".into());
                declared.param = Some(page);
                declared.total = output("numPages")?;
            }
            (None, Some(offset)) => {
                declared.style = Some("offset".into());
                declared.param = Some(offset);
            }
            (None, None) => return Err("no input of type `page` or `offset`".into()),
        },
        "url" => {
            declared.style = Some("next_link".into());
            declared.next = Some(output("nextUrl")?.ok_or("no `outputs.nextUrl`")?);
        }
        other => return Err(format!("its type `{other}` is not one the generator knows")),
    }
    Ok(declared)
}

/// Fern's `{cursor: $request.x, next_cursor: $response.y, results: $response.data}` or
/// `{offset: $request.page, results: ..., step: $request.limit}`.
fn fern(value: &serde_json::Value) -> Result<Declared, String> {
    let text = |key: &str| value.get(key).and_then(|v| v.as_str());
    let request = |key: &str| -> Result<Option<String>, String> {
        text(key)
            .map(|path| {
                path.strip_prefix("$request.")
                    .filter(|name| !name.contains('.'))
                    .map(str::to_owned)
                    .ok_or(format!(
                        "`{key}: {path}` is not a query parameter (`$request.<name>`)"
                    ))
            })
            .transpose()
    };
    let response = |key: &str| -> Result<Option<String>, String> {
        text(key)
            .map(|path| {
                path.strip_prefix("$response.")
                    .map(str::to_owned)
                    .ok_or(format!(
                        "`{key}: {path}` is not in the response (`$response.<path>`)"
                    ))
            })
            .transpose()
    };
    let mut declared = Declared {
        items: response("results")?,
        limit: request("step")?,
        ..Declared::default()
    };
    if let Some(cursor) = request("cursor")? {
        declared.style = Some("cursor".into());
        declared.param = Some(cursor);
        declared.next = Some(response("next_cursor")?.ok_or("it has no `next_cursor`")?);
    } else if let Some(offset) = request("offset")? {
        // Fern's `offset` is a page number as often as an offset.
        let style = if offset.to_ascii_lowercase().contains("page") {
            "page"
        } else {
            "offset"
        };
        declared.style = Some(style.into());
        declared.param = Some(offset);
    } else {
        return Err("it has neither `cursor` nor `offset`".into());
    }
    Ok(declared)
}

/// The operation being decided, and what it is checked against.
struct Context<'c> {
    op: &'c Operation,
    models: &'c BTreeMap<String, Model>,
    source: &'c openapiv3::Operation,
}

type Found = (PageStyle, Option<FieldStep>, TypeRef);

impl Context<'_> {
    /// The type behind aliases.
    fn unalias<'t>(&'t self, mut ty: &'t TypeRef) -> &'t TypeRef {
        for _ in 0..32 {
            match ty {
                TypeRef::Named(name) => match self.models.get(name).map(|m| &m.kind) {
                    Some(ModelKind::Alias(inner)) => ty = inner,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }

    fn struct_of<'t>(&'t self, ty: &'t TypeRef) -> Option<&'t Struct> {
        match self.unalias(ty) {
            TypeRef::Named(name) => match &self.models.get(name)?.kind {
                ModelKind::Struct(s) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// The fields from `root` along a dotted wire path (`links.next`).
    fn path(&self, root: &TypeRef, dotted: &str) -> Result<Vec<FieldStep>, String> {
        let mut steps = Vec::new();
        let mut ty = root.clone();
        for part in dotted.split('.') {
            let Some(s) = self.struct_of(&ty) else {
                return Err(match self.unalias(&ty) {
                    TypeRef::Vec(_) if steps.is_empty() => {
                        format!("the response is an array, with no property `{dotted}`")
                    }
                    _ => format!("`{part}` of `{dotted}` is not inside an object"),
                });
            };
            let Some(field) = s.fields.iter().find(|f| f.wire == part) else {
                return Err(format!("the page has no property `{dotted}`"));
            };
            if field.boxed {
                return Err(format!("`{dotted}` is boxed"));
            }
            steps.push(FieldStep {
                name: field.name.clone(),
                optional: field.optional,
                ty: field.ty.clone(),
            });
            ty = field.ty.clone();
        }
        Ok(steps)
    }

    /// A path whose value has the wanted kind (`what` names it in the error).
    fn typed_path(
        &self,
        dotted: &str,
        what: &str,
        fits: fn(&TypeRef) -> bool,
    ) -> Result<Vec<FieldStep>, String> {
        let steps = self.path(&self.op.success, dotted)?;
        let leaf = steps.last().map(|s| self.unalias(&s.ty).clone());
        match leaf {
            Some(leaf) if fits(&leaf) => Ok(steps),
            _ => Err(format!("`{dotted}` is not {what}")),
        }
    }

    /// The first of `candidates` that is a path of the wanted kind.
    fn first_path(
        &self,
        candidates: &[&str],
        fits: fn(&TypeRef) -> bool,
    ) -> Option<Vec<FieldStep>> {
        candidates
            .iter()
            .find_map(|dotted| self.typed_path(dotted, "", fits).ok())
    }

    /// Like [`Self::first_path`], also one object deep (`meta.next_cursor`,
    /// `response_metadata.next_cursor`).
    fn find_path(&self, candidates: &[&str], fits: fn(&TypeRef) -> bool) -> Option<Vec<FieldStep>> {
        if let Some(found) = self.first_path(candidates, fits) {
            return Some(found);
        }
        let page = self.struct_of(&self.op.success)?;
        page.fields.iter().filter(|f| !f.boxed).find_map(|outer| {
            let inner = self.struct_of(&outer.ty)?;
            let field = inner.fields.iter().find(|f| {
                !f.boxed && candidates.contains(&f.wire.as_str()) && fits(self.unalias(&f.ty))
            })?;
            Some(vec![
                FieldStep {
                    name: outer.name.clone(),
                    optional: outer.optional,
                    ty: outer.ty.clone(),
                },
                FieldStep {
                    name: field.name.clone(),
                    optional: field.optional,
                    ty: field.ty.clone(),
                },
            ])
        })
    }

    /// Whether the page's `next` property says it holds a URL.
    fn next_is_link(&self) -> bool {
        let field = self
            .struct_of(&self.op.success)
            .and_then(|page| page.fields.iter().find(|f| f.wire == "next"));
        let doc = field
            .and_then(|f| f.doc.as_deref())
            .unwrap_or("")
            .to_ascii_lowercase();
        ["url", "uri", "link", "href"]
            .iter()
            .any(|w| doc.contains(w))
    }

    /// The query parameter with this wire name.
    fn param(&self, wire: &str) -> Option<&Param> {
        (self.op.params.iter()).find(|p| p.location == ParamLocation::Query && p.wire == wire)
    }

    fn first_param(&self, candidates: &[&str]) -> Option<&Param> {
        candidates.iter().find_map(|wire| self.param(wire))
    }

    /// A declared parameter, which must exist (and, for `numeric`, be a number).
    fn declared_param(
        &self,
        wire: Option<&str>,
        defaults: &[&str],
        what: &str,
        numeric: bool,
    ) -> Result<String, String> {
        let param = match wire {
            Some(wire) => self
                .param(wire)
                .ok_or(format!("the operation has no query parameter `{wire}`"))?,
            None => self
                .first_param(defaults)
                .ok_or(format!("no {what} parameter (`param`) is given or found"))?,
        };
        if numeric && !is_count(self.unalias(&param.ty)) {
            return Err(format!("the parameter `{}` is not an integer", param.wire));
        }
        Ok(param.name.clone())
    }

    /// The page's items: the declared property, a usual one, the only array, or the body.
    fn items(&self, declared: Option<&str>) -> Result<(Option<FieldStep>, TypeRef), String> {
        if let Some(dotted) = declared {
            let steps = self.path(&self.op.success, dotted)?;
            let [step] = steps.as_slice() else {
                return Err(format!(
                    "the items `{dotted}` are not a property of the page itself"
                ));
            };
            return match self.unalias(&step.ty) {
                TypeRef::Vec(item) => Ok((Some(step.clone()), (**item).clone())),
                _ => Err(format!("`{dotted}` is not an array")),
            };
        }
        if let TypeRef::Vec(item) = self.unalias(&self.op.success) {
            return Ok((None, (**item).clone()));
        }
        let page = self
            .struct_of(&self.op.success)
            .ok_or("the response is neither an object nor an array")?;
        let arrays: Vec<_> = (page.fields.iter())
            .filter(|f| !f.boxed && matches!(self.unalias(&f.ty), TypeRef::Vec(_)))
            .collect();
        let field = ITEM_FIELDS
            .iter()
            .find_map(|name| arrays.iter().find(|f| f.wire == *name))
            .or(match arrays.as_slice() {
                [only] => Some(only),
                _ => None,
            })
            .ok_or("the page has no array of items (`items`)")?;
        let TypeRef::Vec(item) = self.unalias(&field.ty) else {
            return Err("the items are not an array".into());
        };
        let step = FieldStep {
            name: field.name.clone(),
            optional: field.optional,
            ty: field.ty.clone(),
        };
        Ok((Some(step), (**item).clone()))
    }

    /// The item's `id` string, for Stripe's `starting_after`.
    fn item_id(&self, item: &TypeRef) -> Option<FieldStep> {
        let s = self.struct_of(item)?;
        let field = s
            .fields
            .iter()
            .find(|f| f.wire == "id" && *self.unalias(&f.ty) == TypeRef::String)?;
        Some(FieldStep {
            name: field.name.clone(),
            optional: field.optional,
            ty: field.ty.clone(),
        })
    }

    /// The first page's number: the parameter's default or minimum, else 1.
    fn first_page(&self, wire: &str) -> u64 {
        let schema = self.source.parameters.iter().find_map(|p| match p {
            ReferenceOr::Item(p) if p.parameter_data_ref().name == wire => {
                match &p.parameter_data_ref().format {
                    openapiv3::ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => Some(s),
                    _ => None,
                }
            }
            _ => None,
        });
        let Some(schema) = schema else {
            return 1;
        };
        let minimum = match &schema.schema_kind {
            openapiv3::SchemaKind::Type(openapiv3::Type::Integer(i)) => i.minimum,
            _ => None,
        };
        (schema.schema_data.default.as_ref())
            .and_then(serde_json::Value::as_u64)
            .or(minimum.and_then(|m| u64::try_from(m).ok()))
            .unwrap_or(1)
    }

    /// Whether the success response declares a `Link` header.
    fn declares_link_header(&self) -> bool {
        self.source.responses.responses.iter().any(|(code, response)| {
            let success = matches!(code, openapiv3::StatusCode::Code(c) if (200..300).contains(c))
                || matches!(code, openapiv3::StatusCode::Range(2));
            success
                && matches!(response, ReferenceOr::Item(r) if r.headers.keys().any(|h| h.eq_ignore_ascii_case("link")))
        })
    }

    /// An explicit declaration, checked.
    fn resolve(&self, declared: &Declared) -> Result<Found, String> {
        let style = declared.style.as_deref().ok_or("it names no `style`")?;
        let (items, item) = self.items(declared.items.as_deref())?;
        let limit = |defaults: &[&str]| -> Result<Option<String>, String> {
            match declared.limit.as_deref() {
                Some(_) => self
                    .declared_param(declared.limit.as_deref(), &[], "limit", true)
                    .map(Some),
                None => Ok(self
                    .first_param(defaults)
                    .filter(|p| is_count(self.unalias(&p.ty)))
                    .map(|p| p.name.clone())),
            }
        };
        let style = match style {
            "cursor" => PageStyle::Cursor {
                param: self.declared_param(declared.param.as_deref(), CURSOR_PARAMS, "cursor", false)?,
                next: match declared.next.as_deref() {
                    Some(next) => self.typed_path(next, "a string", is_string)?,
                    None => self.find_path(NEXT_CURSORS, is_string).ok_or("no next cursor (`next`) is given or found")?,
                },
            },
            "has_more" => PageStyle::HasMore {
                param: self.declared_param(declared.param.as_deref(), &["starting_after"], "last id", false)?,
                has_more: self.typed_path(declared.has_more.as_deref().unwrap_or("has_more"), "a boolean", is_bool)?,
                id: self.item_id(&item).ok_or("the items have no string `id`")?,
            },
            "offset" => PageStyle::Offset {
                param: self.declared_param(declared.param.as_deref(), &["offset", "skip"], "offset", true)?,
                limit: limit(PAGE_SIZES)?,
                total: match declared.total.as_deref() {
                    Some(total) => Some(self.typed_path(total, "an integer", is_count)?),
                    None => self.find_path(TOTALS, is_count),
                },
            },
            "page" => {
                let param = self.declared_param(declared.param.as_deref(), &["page", "page_number", "pageNumber"], "page", true)?;
                let wire = self.op.params.iter().find(|p| p.name == param).map_or("", |p| p.wire.as_str());
                PageStyle::Page {
                    first: self.first_page(wire),
                    param,
                    size: limit(PAGE_SIZES)?,
                    total: match declared.total.as_deref() {
                        Some(total) => Some(self.typed_path(total, "an integer", is_count)?),
                        None => self.find_path(PAGE_COUNTS, is_count),
                    },
                }
            }
            "next_link" => PageStyle::NextLink {
                next: match declared.next.as_deref() {
                    Some(next) => self.typed_path(next, "a string", is_string)?,
                    None => self.find_path(NEXT_LINKS, is_string).ok_or("no next link (`next`) is given or found")?,
                },
            },
            "link_header" => PageStyle::LinkHeader,
            other => return Err(format!("the style `{other}` is not one of cursor, has_more, offset, page, next_link, link_header, none")),
        };
        Ok((style, items, item))
    }

    /// The first convention that both the request and the response fit, described.
    fn convention(&self) -> Option<(String, PageStyle, Option<FieldStep>, TypeRef)> {
        if self.op.http_method != "GET" {
            return None;
        }
        let (items, item) = self.items(None).ok()?;
        let names = |steps: &[FieldStep], root: &TypeRef| self.wire_path(root, steps);
        let success = &self.op.success;
        // Stripe: `starting_after` the last id, while `has_more`.
        if let (Some(param), Some(has_more), Some(id)) = (
            self.param("starting_after"),
            self.first_path(&["has_more"], is_bool),
            self.item_id(&item),
        ) {
            let description = format!(
                "`{}` takes the last item's `id` while `has_more`",
                param.wire
            );
            let style = PageStyle::HasMore {
                param: param.name.clone(),
                has_more,
                id,
            };
            return Some((description, style, items, item));
        }
        // A plain `next` beside a cursor parameter is the cursor (OpenAI's `after` takes
        // `next`), unless its docs say it is a URL.
        let next_cursor = || {
            self.find_path(NEXT_CURSORS, is_string).or_else(|| {
                self.first_path(&["next"], is_string)
                    .filter(|_| !self.next_is_link())
            })
        };
        // The cursor goes back as it came: a text parameter (Figma's numeric `after` is a
        // timestamp, not the page's `next_page`).
        let cursor_param = self
            .first_param(CURSOR_PARAMS)
            .filter(|p| is_string(self.unalias(&p.ty)));
        if let (Some(param), Some(next)) = (cursor_param, next_cursor()) {
            let description = format!("cursor: `{}` takes `{}`", param.wire, names(&next, success));
            let style = PageStyle::Cursor {
                param: param.name.clone(),
                next,
            };
            return Some((description, style, items, item));
        }
        let paged = self.op.params.iter().any(|p| {
            p.location == ParamLocation::Query
                && (PAGE_SIZES.contains(&p.wire.as_str())
                    || CURSOR_PARAMS.contains(&p.wire.as_str())
                    || ["page", "offset"].contains(&p.wire.as_str()))
        });
        if paged && self.declares_link_header() {
            let description = "the `Link` header's `rel=\"next\"`".to_owned();
            return Some((description, PageStyle::LinkHeader, items, item));
        }
        if let (true, Some(next)) = (paged, self.find_path(NEXT_LINKS, is_string)) {
            let description = format!("the next page's URL in `{}`", names(&next, success));
            return Some((description, PageStyle::NextLink { next }, items, item));
        }
        let number = |wire: &str| self.param(wire).filter(|p| is_count(self.unalias(&p.ty)));
        if let (Some(param), Some(total)) = (number("offset"), self.find_path(TOTALS, is_count)) {
            let limit = self
                .first_param(PAGE_SIZES)
                .filter(|p| is_count(self.unalias(&p.ty)));
            let description = format!(
                "`{}` counts the items read, up to `{}`",
                param.wire,
                names(&total, success)
            );
            let style = PageStyle::Offset {
                param: param.name.clone(),
                limit: limit.map(|p| p.name.clone()),
                total: Some(total),
            };
            return Some((description, style, items, item));
        }
        let size = PAGE_SIZES.iter().find_map(|w| number(w));
        if let (Some(param), Some(size)) = (number("page"), size) {
            let description = format!(
                "`{}` numbers the pages of `{}` items",
                param.wire, size.wire
            );
            let style = PageStyle::Page {
                param: param.name.clone(),
                first: self.first_page(&param.wire),
                size: Some(size.name.clone()),
                total: self.find_path(PAGE_COUNTS, is_count),
            };
            return Some((description, style, items, item));
        }
        None
    }

    /// The dotted wire path of `steps`, for notes.
    fn wire_path(&self, root: &TypeRef, steps: &[FieldStep]) -> String {
        let mut ty = root.clone();
        let mut parts = Vec::new();
        for step in steps {
            let wire = self
                .struct_of(&ty)
                .and_then(|s| s.fields.iter().find(|f| f.name == step.name))
                .map_or(step.name.clone(), |f| f.wire.clone());
            parts.push(wire);
            ty = step.ty.clone();
        }
        parts.join(".")
    }
}

fn is_string(ty: &TypeRef) -> bool {
    *ty == TypeRef::String
}

fn is_bool(ty: &TypeRef) -> bool {
    *ty == TypeRef::Bool
}

/// An integer (or an exact JSON number): a count, an offset, a page number.
fn is_count(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Integer { .. } | TypeRef::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn speakeasy_styles_are_read() {
        let page = speakeasy(&json!({
            "type": "offsetLimit",
            "inputs": [{"name": "p", "in": "parameters", "type": "page"}, {"name": "n", "in": "parameters", "type": "limit"}],
            "outputs": {"results": "$.data", "numPages": "$.meta.pages"}
        }))
        .unwrap();
        assert_eq!(page.style.as_deref(), Some("page"));
        assert_eq!(
            (page.param.as_deref(), page.limit.as_deref()),
            (Some("p"), Some("n"))
        );
        assert_eq!(page.total.as_deref(), Some("meta.pages"));
        let cursor = speakeasy(&json!({
            "type": "cursor",
            "inputs": [{"name": "after", "in": "parameters", "type": "cursor"}],
            "outputs": {"nextCursor": "$.next"}
        }))
        .unwrap();
        assert_eq!(
            (cursor.param.as_deref(), cursor.next.as_deref()),
            (Some("after"), Some("next"))
        );
        let last_id = speakeasy(&json!({
            "type": "cursor",
            "inputs": [{"name": "after", "in": "parameters", "type": "cursor"}],
            "outputs": {"nextCursor": "$.data[(@.length-1)].id"}
        }));
        assert!(last_id.unwrap_err().contains("not a plain property path"));
        assert!(speakeasy(&json!({"type": "graphql"})).is_err());
    }

    #[test]
    fn fern_styles_are_read() {
        let cursor = fern(&json!({
            "cursor": "$request.starting_after",
            "next_cursor": "$response.page.next",
            "results": "$response.data"
        }))
        .unwrap();
        assert_eq!(cursor.style.as_deref(), Some("cursor"));
        assert_eq!(cursor.next.as_deref(), Some("page.next"));
        let page = fern(&json!({"offset": "$request.page", "results": "$response.items"})).unwrap();
        assert_eq!(page.style.as_deref(), Some("page"));
        let offset = fern(&json!({"offset": "$request.skip", "step": "$request.limit"})).unwrap();
        assert_eq!(
            (offset.style.as_deref(), offset.limit.as_deref()),
            (Some("offset"), Some("limit"))
        );
        assert!(fern(&json!({"cursor": "$request.body.cursor"})).is_err());
    }
}
