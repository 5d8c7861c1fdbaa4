//! The intermediate representation: what the emitters see.
//!
//! Every name here is already a sanitised, unique Rust identifier (raw identifiers carry
//! their `r#`), and every doc string is safe for rustdoc. Nothing here refers to `openapiv3`.

use std::collections::BTreeMap;

/// A whole API.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The crate name (`sendgrid-sso`).
    pub crate_name: String,
    /// The spec's `info.title`.
    pub title: String,
    /// The crate-level docs.
    pub doc: Option<String>,
    /// The spec's `info.version`.
    pub version: String,
    /// The servers, in spec order; the first is the default.
    pub servers: Vec<Server>,
    /// The variables of the servers' URLs, in first-use order.
    pub server_variables: Vec<ServerVariable>,
    /// The security schemes some operation requires, in spec order.
    pub security: Vec<SecurityScheme>,
    /// The scheme whose credential `Client::new(..)` takes, when there is one.
    pub primary_scheme: Option<usize>,
    /// Models, keyed by Rust name (ordered for determinism).
    pub models: BTreeMap<String, Model>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
    /// The error body types, distinct, in first-use order.
    pub error_types: Vec<TypeRef>,
    /// Every `example`/`examples` value of the spec, with the type it must decode into.
    pub examples: Vec<SpecExample>,
    /// The Cargo feature of each request module, when there are several (by module name).
    pub tag_features: BTreeMap<String, String>,
    /// The features each feature turns on (a parent tag's turns on its children's), by
    /// feature; a feature listed here and in no `tag_features` is a parent tag's without
    /// operations of its own, made of its children's only.
    pub feature_includes: BTreeMap<String, Vec<String>>,
    /// The tag of each request module that has a declared one, and the parent tags without
    /// operations (by module name).
    pub tags: BTreeMap<String, TagInfo>,
    /// The features that need a model, for models only some features reach (by model name);
    /// other models are always compiled.
    pub model_gates: BTreeMap<String, Vec<String>>,
    /// The events the API sends to the user's server (`webhooks`, `x-webhooks`), in spec order.
    pub webhooks: Vec<Webhook>,
    /// The payload property that names the event (a required one-value enum in each event's
    /// payload, a different value each), when the document has one: the events then decode
    /// from the body alone.
    pub webhook_tag: Option<String>,
    /// What lowering assumed where the spec is incomplete (not emitted; shown to the user).
    pub warnings: Vec<crate::warning::Warning>,
    /// What lowering inferred from conventions (paginated lists), which the user should
    /// know but which is no assumption worth a warning: shown in the summary and the README.
    pub notes: Vec<crate::warning::Warning>,
}

/// A declared tag that groups operations: what the README and its request module's docs say
/// of it.
#[derive(Debug, Clone, PartialEq)]
pub struct TagInfo {
    /// The tag's name, as written.
    pub name: String,
    /// Its summary (OpenAPI 3.2), on one line.
    pub summary: Option<String>,
    /// Its description.
    pub doc: Option<String>,
    /// The module of the tag it is nested under (OpenAPI 3.2's `parent`).
    pub parent: Option<String>,
    /// Whether it has operations (a request module) or only tags under it.
    pub operations: bool,
}

/// A webhook: an event the API sends, and the body it sends with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// The variant of `webhooks::Event` (`CompanyCreated`).
    pub name: String,
    /// The event's name as the spec keys it (`company.created`).
    pub event: String,
    /// The HTTP method the API calls the user's server with, upper case.
    pub http_method: String,
    /// Docs.
    pub doc: Option<String>,
    /// The payload's type (`Unit` without a body), boxed when large.
    pub payload: TypeRef,
    /// How the payload is read from the request body.
    pub decode: Decode,
    /// The payload's value of [`Api::webhook_tag`], when every event has its own.
    pub tag_value: Option<String>,
}

/// An example value from the spec and the type it belongs to (tests check that it decodes).
#[derive(Debug, Clone, PartialEq)]
pub struct SpecExample {
    /// The source file, relative to the spec's root folder (`paths/sso_teammates.json`).
    pub file: String,
    /// The JSON pointer of the value in that file.
    pub pointer: String,
    /// The type it must decode into.
    pub ty: TypeRef,
    /// The value.
    pub value: serde_json::Value,
}

/// A security scheme of `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Its name in the spec (`BearerAuth`).
    pub key: String,
    /// The index constant in the generated `auth` module (`BEARER_AUTH`).
    pub const_name: String,
    /// The builder setter that takes its credential, when the API has several schemes.
    pub setter: String,
    /// How it is sent.
    pub kind: SchemeKind,
    /// Docs.
    pub doc: Option<String>,
}

/// How a security scheme sends its credential.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `Authorization: <scheme> <key>` (`Bearer` for `http` bearer).
    Http(String),
    /// `Authorization: Basic ...` from a user and password.
    Basic,
    /// An API key in a header (lower case), query parameter or cookie.
    ApiKey(ParamLocation, String),
    /// An OAuth2 or OpenID Connect access token, and the client-credentials flow's token URL.
    OAuth2(Option<String>),
}

impl SchemeKind {
    /// What the user gives: `Key` (a string), `Basic` or `Token`.
    pub fn credential(&self) -> Credential {
        match self {
            Self::Basic => Credential::Basic,
            Self::OAuth2(_) => Credential::Token,
            Self::Http(_) | Self::ApiKey(..) => Credential::Key,
        }
    }
}

/// The kind of credential a scheme takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// A key or token string.
    Key,
    /// A user and password.
    Basic,
    /// An access token, fixed or fetched.
    Token,
}

/// One server: a `Region` variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// Variant name (`Global`, `Eu`).
    pub name: String,
    /// Base URL, without a trailing slash; may hold `{variable}`s, or be relative (`/api`):
    /// a path prefix under the builder's base URL.
    pub url: String,
    /// Docs.
    pub doc: String,
    /// The defaults of the variables its URL uses, by wire name.
    pub defaults: Vec<(String, String)>,
}

/// A server variable (`{region}`), a builder setting shared by the servers that use it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// The name in the URL template.
    pub wire: String,
    /// The builder setter.
    pub setter: String,
    /// The enum type of its values (`ServerRegion`) and its variants (Rust name, value),
    /// when the document lists them.
    pub values: Option<(String, Vec<(String, String)>)>,
    /// Docs.
    pub doc: String,
}

/// A named type in the `models` module.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Rust name.
    pub name: String,
    /// The module file it lives in (snake case, unique).
    pub module: String,
    /// Docs.
    pub doc: Option<String>,
    /// What it is.
    pub kind: ModelKind,
    /// The spec name or inline path it came from, for docs and diagnostics.
    pub origin: String,
}

/// The shapes a model takes.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum with a catch-all variant.
    Enum(StringEnum),
    /// A type alias (`pub type X = Vec<Y>;`).
    Alias(TypeRef),
    /// `oneOf`/`anyOf`: an untagged or tagged union.
    Union(Union),
    /// The success of an operation with several success bodies, one variant per status
    /// (decoded by status, so it has no serde impls).
    Statuses(Vec<UnionVariant>),
}

/// An object model.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Properties, in spec order.
    pub fields: Vec<Field>,
    /// The field name and value type of the map that keeps other properties, when the
    /// schema types `additionalProperties`.
    pub additional: Option<(String, TypeRef)>,
    /// Required properties with one possible value (`enum: ["disk"]`, a union's tag): sent
    /// with every value, and no field (see `lower/constants.rs`).
    pub constants: Vec<Constant>,
}

/// A required property that can hold one value only.
#[derive(Debug, Clone, PartialEq)]
pub struct Constant {
    /// The associated const's name (`TYPE`).
    pub name: String,
    /// Name on the wire.
    pub wire: String,
    /// The value.
    pub value: String,
    /// Docs.
    pub doc: Option<String>,
}

/// A property.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust field name.
    pub name: String,
    /// Name on the wire.
    pub wire: String,
    /// Docs.
    pub doc: Option<String>,
    /// The type, without the `Option` that `optional` adds.
    pub ty: TypeRef,
    /// `true` when the field is `Option<ty>` (not required, or nullable).
    pub optional: bool,
    /// `true` when the spec requires the property (it is always serialized).
    pub required: bool,
    /// `true` when the field is held in a `Box`, which breaks a cycle of types that would
    /// otherwise contain themselves.
    pub boxed: bool,
}

/// A string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    /// Known values.
    pub variants: Vec<Variant>,
    /// Name of the catch-all variant holding unknown values.
    pub other: String,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub wire: String,
    /// Docs (from the alternative of a union of enums that held the value).
    pub doc: Option<String>,
}

/// A `oneOf`/`anyOf` union.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// How a tagged union picks its alternative; `None`: the first that decodes.
    pub tag: Option<Tag>,
    /// The alternatives.
    pub variants: Vec<UnionVariant>,
}

/// The tag of a union: the property that names the alternative, and the catch-all variant
/// for a value no alternative claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// The property, on the wire.
    pub property: String,
    /// The catch-all variant's name (it holds the value as sent).
    pub other: String,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    /// The discriminator values that select it (tagged unions only).
    pub tag_values: Vec<String>,
    /// Its type.
    pub ty: TypeRef,
}

/// A reference to a Rust type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32` or `i64`.
    Integer {
        /// `true` for `i32`.
        small: bool,
    },
    /// `f64` (`format: float/double`).
    Float,
    /// `serde_json::Number`: exact for integers, including above 2^53.
    Number,
    /// `serde_json::Value`: any JSON.
    Json,
    /// `bytes::Bytes`: a binary body.
    Bytes,
    /// `FilePart`: a file part of a multipart body.
    File,
    /// `()`: no body.
    Unit,
    /// A model.
    Named(String),
    /// `Vec<T>`.
    Vec(Box<TypeRef>),
    /// `Option<T>`: an array item or map value that may be `null` (a nullable property is an
    /// optional field instead).
    Nullable(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `Box<T>`: a large union alternative held on the heap, so the enum stays small.
    Boxed(Box<TypeRef>),
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The client method (`create_sso_integration`).
    pub method_name: String,
    /// The request builder type (`CreateSsoIntegration`).
    pub builder_name: String,
    /// The operationId or the synthesized one.
    pub operation_id: String,
    /// HTTP method, upper case.
    pub http_method: String,
    /// The path template as written (`/v3/sso/integrations/{id}`).
    pub path: String,
    /// The path split into literals and parameters.
    pub path_parts: Vec<PathPart>,
    /// The module file (snake case of the first tag, or `default`).
    pub module: String,
    /// The operation's own servers (absolute, variables at their defaults, the default
    /// first); empty when it has none of its own or is on every server of the API's.
    pub servers: Vec<String>,
    /// Docs.
    pub doc: Option<String>,
    /// Parameters: path ones in template order, then the others in spec order.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<Body>,
    /// The success type (a model for several distinct success bodies).
    pub success: TypeRef,
    /// Per-status decoding of success responses (`200` → type).
    pub success_statuses: Vec<StatusBody>,
    /// Declared error statuses and their bodies; `default` covers any other status.
    pub error_statuses: Vec<StatusBody>,
    /// The body of the `default` response, when it is an error shape.
    pub default_error: Option<TypeRef>,
    /// The `Accept` header, when a success body is not JSON (the runtime's default).
    pub accept: Option<String>,
    /// The security requirement: alternatives of scheme sets (indexes into
    /// [`Api::security`]); empty for none, an empty alternative for optional.
    pub security: Vec<Vec<usize>>,
    /// How the success body can be read as it arrives (events, a download), when it can.
    pub streaming: Option<Streaming>,
    /// How the operation's list pages, when it does (see `lower/paging.rs`).
    pub pagination: Option<Pagination>,
}

/// A success body read as it arrives.
#[derive(Debug, Clone, PartialEq)]
pub struct Streaming {
    /// How the body is framed.
    pub kind: StreamKind,
    /// The type of each item (`Bytes` for a download).
    pub item: TypeRef,
    /// The media type asked for.
    pub accept: String,
    /// The stream is the operation's only success form: `.await` returns it. Otherwise the
    /// builder gains a method (`method`) that asks for it.
    pub exclusive: bool,
    /// The builder method that returns the stream (`stream`, `download`), when not exclusive.
    pub method: String,
    /// A boolean body property that asks the server for the stream (`stream`, on the wire),
    /// sent as `true` by that method.
    pub flag: Option<String>,
    /// Server-sent events whose `event` names their type: each name, the variant of the item
    /// union it decodes into, and that variant's type. Other events decode as the union does.
    pub events: Vec<(String, String, TypeRef)>,
}

/// How a streamed success body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamKind {
    /// Items, framed as the media type says (events, JSON Lines, JSON text sequences).
    Items(crate::media::Framing),
    /// Any other body: chunks of bytes.
    Download,
}

/// A paginated list operation: how to walk its pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// How the next page is asked for.
    pub style: PageStyle,
    /// The type of one item.
    pub item: TypeRef,
    /// The page's property that holds the items (`data`); `None`: the page is the list.
    pub items: Option<FieldStep>,
    /// What declared it: an extension, the configuration file, or the convention it fits
    /// (then a note for the user, in the summary and the README).
    pub origin: PagingOrigin,
}

/// Where an operation's pagination comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum PagingOrigin {
    /// A vendor extension of the operation (`x-dropshot-pagination`).
    Extension(String),
    /// The generator's configuration file.
    Config,
    /// A convention its request and response both fit, described (`cursor: ...`).
    Convention(String),
}

/// One property on the way from a page body to a value.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldStep {
    /// The Rust field name.
    pub name: String,
    /// `true` when the field is an `Option`.
    pub optional: bool,
    /// The field's type (without the `Option`).
    pub ty: TypeRef,
}

/// How a paginated operation asks for its next page. Parameters are named by their Rust
/// names in [`Operation::params`].
#[derive(Debug, Clone, PartialEq)]
pub enum PageStyle {
    /// Each page holds the next page's cursor (`next_page`), sent as a query parameter.
    Cursor {
        /// The cursor parameter.
        param: String,
        /// The path to the next cursor, a string.
        next: Vec<FieldStep>,
    },
    /// Stripe's: the next request starts after the last item's `id`, while `has_more` is true.
    HasMore {
        /// The parameter that takes the last id (`starting_after`).
        param: String,
        /// The path to the boolean.
        has_more: Vec<FieldStep>,
        /// The item's id field, a string.
        id: FieldStep,
    },
    /// An offset parameter, advanced by the items read, until `total` (when given).
    Offset {
        /// The offset parameter.
        param: String,
        /// The limit parameter: a page shorter than the limit asked for is the last.
        limit: Option<String>,
        /// The path to the number of items in all.
        total: Option<Vec<FieldStep>>,
    },
    /// A page-number parameter, advanced by one, until an empty page (or the page count).
    Page {
        /// The page parameter.
        param: String,
        /// The first page's number, when the call does not set it.
        first: u64,
        /// The page-size parameter: a page shorter than the size asked for is the last.
        size: Option<String>,
        /// The path to the number of pages.
        total: Option<Vec<FieldStep>>,
    },
    /// Each page's body holds the next page's URL (`next`, `links.next`).
    NextLink {
        /// The path to the URL, a string.
        next: Vec<FieldStep>,
    },
    /// The `Link` response header's `rel="next"` (RFC 8288).
    LinkHeader,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// The path parameter with this wire name.
    Param(String),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie: one `name=value` pair of the request's `Cookie` header.
    Cookie,
}

/// An operation parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Rust name (argument or setter).
    pub name: String,
    /// Wire name.
    pub wire: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Required parameters are method arguments; the others are setters.
    pub required: bool,
    /// Its type.
    pub ty: TypeRef,
    /// Docs.
    pub doc: Option<String>,
    /// The spec's example value, for the docs' code example.
    pub example: Option<serde_json::Value>,
    /// How a query parameter's array or object value is written.
    pub style: QueryStyle,
}

/// How a query parameter's array or object value is written (OpenAPI `style`/`explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form` with `explode: true`, the default: arrays repeat the name, objects are one
    /// pair per property.
    Exploded,
    /// One pair, items (or an object's names and values) joined: `form` without `explode`
    /// (`,`), `spaceDelimited` (` `), `pipeDelimited` (`|`).
    Delimited(char),
    /// `deepObject`: `name[property]=value`.
    DeepObject,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Its type (`Bytes` for raw bodies).
    pub ty: TypeRef,
    /// Required bodies are method arguments; optional ones are a `body` setter.
    pub required: bool,
    /// The media type.
    pub content_type: String,
    /// `true` for JSON, `false` for raw bytes.
    pub json: bool,
    /// How the body is sent (`Json` exactly when `json` is `true`).
    pub encoding: BodyEncoding,
    /// Docs.
    pub doc: Option<String>,
    /// The spec's example value (the media type's, else its first named one), for the docs'
    /// code example.
    pub example: Option<serde_json::Value>,
    /// The content type of each part whose `encoding` declares one, by property wire name.
    pub part_types: Vec<(String, String)>,
    /// The array properties of a form-urlencoded body sent as one pair, their items joined
    /// by the delimiter (`encoding` with `explode: false`), by property wire name.
    pub delimited: Vec<(String, char)>,
}

/// How a request body goes on the wire, by media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json` and `+json`: a model serialized as JSON.
    Json,
    /// `application/x-www-form-urlencoded`: a model's top-level properties as form pairs.
    Form,
    /// `text/*`: a string.
    Text,
    /// Any other media type: `bytes::Bytes`, sent as is.
    Binary,
    /// `multipart/form-data` without an object schema: bytes the caller encodes, with the
    /// content type (and boundary) the caller gives.
    Multipart,
    /// `multipart/form-data` of an object schema: a model, one part per property (files as
    /// `FilePart`s), with the client's boundary.
    Parts,
}

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// One status code.
    Code(u16),
    /// A class: `Range(4)` is `4XX`.
    Range(u16),
}

/// A status and the type its body decodes into.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusBody {
    /// The status or status class.
    pub status: Status,
    /// The body type (`Unit` for none).
    pub ty: TypeRef,
    /// How the body is read.
    pub decode: Decode,
    /// The enum variant for operations with several success bodies.
    pub variant: Option<String>,
}

/// How a response body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decode {
    /// JSON.
    Json,
    /// Raw bytes.
    Bytes,
    /// UTF-8 text (`text/*`).
    Text,
    /// Nothing to read.
    Empty,
}
