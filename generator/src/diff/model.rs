//! What a diff reports: the rules that classify changes, the changes, and the report.
//!
//! "Breaking" means breaking for users of the generated Rust crate: code that compiled and
//! worked against the old crate stops compiling, or calls that worked start failing. The
//! generated models have `pub` fields and are not `#[non_exhaustive]`, so strictly (by
//! cargo's semver rules) adding a field or an enum variant is a major change too. The rules
//! below take the crate's documented usage instead: build models with `new(..)` (or
//! `..Default::default()`), read response models rather than build them, and give every
//! `match` on a generated string enum a `_` arm (the catch-all exists because servers add
//! values). Changes that are safe only under that usage carry a [`Rule::caveat`].

use serde::Serialize;

/// Which part of the API a change touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A client method as a whole.
    Operation,
    /// A path, query or header parameter.
    Parameter,
    /// A request body.
    RequestBody,
    /// Success and error responses.
    Response,
    /// A model as a whole.
    Model,
    /// A property of a request or response model.
    Property,
    /// A string enum's values.
    Enum,
    /// A `oneOf`/`anyOf` union's alternatives.
    Union,
    /// The servers (`Region` variants).
    Server,
    /// Security schemes and requirements.
    Auth,
    /// Docs only: the quiet category.
    Description,
}

macro_rules! rules {
    ($( #[doc = $doc:literal] $variant:ident = $name:literal, $category:ident, $breaking:literal; )*) => {
        /// A classification rule. Each change is reported under exactly one rule, and the
        /// rule alone decides whether it is breaking.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $( #[doc = $doc] $variant, )*
        }

        impl Rule {
            /// Every rule, in report order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The rule's kebab-case name (also its fixture folder under `tests/diff/`).
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }

            /// Whether changes under this rule break users of the generated crate.
            pub fn breaking(self) -> bool {
                match self { $(Rule::$variant => $breaking,)* }
            }

            /// The part of the API the rule is about.
            pub fn category(self) -> Category {
                match self { $(Rule::$variant => Category::$category,)* }
            }

            /// Why the rule classifies as it does (its doc comment).
            pub fn rationale(self) -> &'static str {
                match self { $(Rule::$variant => $doc.trim(),)* }
            }
        }
    };
}

rules! {
    /// A new operation is a new client method: nothing existing changes.
    OperationAdded = "operation-added", Operation, false;
    /// A removed operation removes its client method and request builder.
    OperationRemoved = "operation-removed", Operation, true;
    /// A new HTTP method or path keeps the Rust method and its signature; requests go to the new route.
    OperationEndpointChanged = "operation-endpoint-changed", Operation, false;
    /// A new required parameter is a new method argument.
    ParameterAddedRequired = "parameter-added-required", Parameter, true;
    /// A new optional parameter is a new setter on the request builder.
    ParameterAddedOptional = "parameter-added-optional", Parameter, false;
    /// A removed parameter removes a method argument or a setter.
    ParameterRemoved = "parameter-removed", Parameter, true;
    /// Required parameters are arguments and optional ones setters: switching moves it between the two.
    ParameterRequirednessChanged = "parameter-requiredness-changed", Parameter, true;
    /// Path, query or header: the argument or setter stays the same in Rust.
    ParameterLocationChanged = "parameter-location-changed", Parameter, false;
    /// A parameter of another type changes the argument's or setter's type.
    ParameterTypeChanged = "parameter-type-changed", Parameter, true;
    /// Required parameters are positional arguments: a new order silently swaps same-typed values or fails to compile.
    ParameterOrderChanged = "parameter-order-changed", Parameter, true;
    /// A new required body is a new method argument.
    BodyAddedRequired = "body-added-required", RequestBody, true;
    /// A new optional body is a new `body` setter.
    BodyAddedOptional = "body-added-optional", RequestBody, false;
    /// A removed body removes the argument or the `body` setter.
    BodyRemoved = "body-removed", RequestBody, true;
    /// A required body is an argument and an optional one a setter: switching moves it.
    BodyRequirednessChanged = "body-requiredness-changed", RequestBody, true;
    /// A body of another type changes the argument's type.
    BodyTypeChanged = "body-type-changed", RequestBody, true;
    /// Another JSON media type changes the `Content-Type` header, not the Rust types.
    BodyMediaTypeChanged = "body-media-type-changed", RequestBody, false;
    /// A success body of another type changes what the call returns.
    ResponseTypeChanged = "response-type-changed", Response, true;
    /// A newly declared status decodes into the success type or `ErrorBody` instead of the undeclared-status error; types stay.
    ResponseStatusAdded = "response-status-added", Response, false;
    /// A status no longer declared becomes the undeclared-status error at run time; types stay.
    ResponseStatusRemoved = "response-status-removed", Response, false;
    /// `ErrorBody` (the parsed error body) changes type or gains or loses a variant.
    ErrorBodyChanged = "error-body-changed", Response, true;
    /// A new required property in a request model is a new constructor argument and a field users must set.
    RequestPropertyAddedRequired = "request-property-added-required", Property, true;
    /// A new required property in a response-only model is a new field to read.
    ResponsePropertyAddedRequired = "response-property-added-required", Property, false;
    /// A new optional property is a new `Option` field that starts as `None`.
    PropertyAddedOptional = "property-added-optional", Property, false;
    /// A removed property removes a field users read or set.
    PropertyRemoved = "property-removed", Property, true;
    /// A property that becomes required or optional changes its field between `T` and `Option<T>`.
    PropertyRequirednessChanged = "property-requiredness-changed", Property, true;
    /// A property of another type changes its field's type.
    PropertyTypeChanged = "property-type-changed", Property, true;
    /// A nullable property that becomes required or not stays `Option<T>`; only whether `None` is sent as `null` changes.
    PropertySerializationChanged = "property-serialization-changed", Property, false;
    /// Typed `additionalProperties` add a map field that starts empty.
    AdditionalPropertiesAdded = "additional-properties-added", Property, false;
    /// Dropping typed `additionalProperties` removes the map field.
    AdditionalPropertiesRemoved = "additional-properties-removed", Property, true;
    /// A new model is a new type.
    ModelAdded = "model-added", Model, false;
    /// A removed model removes a type users may name.
    ModelRemoved = "model-removed", Model, true;
    /// The type in this place has another name (a renamed schema, or a shifted inline name): code naming it breaks.
    ModelRenamed = "model-renamed", Model, true;
    /// A model that turns from a struct into an enum, alias or union (or back) is another type.
    ModelKindChanged = "model-kind-changed", Model, true;
    /// A type alias that points at another type.
    AliasTypeChanged = "alias-type-changed", Model, true;
    /// A new enum value is a new variant; the old crate decodes it into the catch-all.
    EnumValueAdded = "enum-value-added", Enum, false;
    /// A removed enum value removes a variant users may name.
    EnumValueRemoved = "enum-value-removed", Enum, true;
    /// A new alternative in a union only sent in requests is one more way to build it.
    UnionVariantAddedRequest = "union-variant-added-request", Union, false;
    /// A new alternative in a union users receive breaks their `match` (unions have no catch-all).
    UnionVariantAddedResponse = "union-variant-added-response", Union, true;
    /// A removed union alternative removes a variant users may name.
    UnionVariantRemoved = "union-variant-removed", Union, true;
    /// A union alternative of another type changes the variant's payload.
    UnionVariantTypeChanged = "union-variant-type-changed", Union, true;
    /// A new server is a new `Region` variant.
    ServerAdded = "server-added", Server, false;
    /// A removed server removes a `Region` variant.
    ServerRemoved = "server-removed", Server, true;
    /// The same `Region` variant points at another URL.
    ServerUrlChanged = "server-url-changed", Server, false;
    /// A new security scheme changes nothing for existing calls.
    SecuritySchemeAdded = "security-scheme-added", Auth, false;
    /// A removed security scheme: credentials users pass may no longer be accepted.
    SecuritySchemeRemoved = "security-scheme-removed", Auth, true;
    /// A scheme of another type, location or name: the credentials users pass may no longer be accepted.
    SecuritySchemeChanged = "security-scheme-changed", Auth, true;
    /// Some way to authenticate that worked (including none) is no longer accepted.
    SecurityRequirementTightened = "security-requirement-tightened", Auth, true;
    /// Every way to authenticate that worked still does.
    SecurityRequirementRelaxed = "security-requirement-relaxed", Auth, false;
    /// Docs, summaries, titles and the spec's version: the quiet category.
    DescriptionChanged = "description-changed", Description, false;
}

impl Rule {
    /// What a non-breaking change can still break, for code that strays from the usage the
    /// classification assumes (see the module docs).
    pub fn caveat(self) -> Option<&'static str> {
        match self {
            Rule::PropertyAddedOptional
            | Rule::ResponsePropertyAddedRequired
            | Rule::AdditionalPropertiesAdded => Some(
                "struct literals without `..` stop compiling; build models with `new(..)` or `..Default::default()`",
            ),
            Rule::EnumValueAdded => Some(
                "the value decoded as the catch-all before and now decodes as its own variant; a `match` without a `_` arm needs the new arm",
            ),
            Rule::UnionVariantAddedRequest => {
                Some("a `match` on the union without a `_` arm needs the new arm")
            }
            Rule::ServerAdded => Some("a `match` on `Region` without a `_` arm needs the new arm"),
            Rule::ResponseStatusAdded | Rule::ResponseStatusRemoved => Some(
                "code that checks for the undeclared-status error on this status sees a different error case",
            ),
            _ => None,
        }
    }

    /// Looks a rule up by its name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.name() == name)
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// One change between the two specs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The rule that classifies it.
    pub rule: Rule,
    /// What changed, named as the Rust API names it (`create_sso_integration`,
    /// `SsoIntegration.name`, `Persona`).
    pub subject: String,
    /// One sentence on the change.
    pub detail: String,
    /// The client methods that reach the changed model (empty for other changes).
    pub operations: Vec<String>,
    /// The generated files it touches, relative to the crate (`src/models/persona.rs`).
    pub files: Vec<String>,
}

impl Change {
    /// Whether it breaks users of the generated crate.
    pub fn breaking(&self) -> bool {
        self.rule.breaking()
    }

    /// Whether it is a docs-only change.
    pub fn quiet(&self) -> bool {
        self.rule.category() == Category::Description
    }
}

/// The changes between two specs, in a stable order (operations in spec order, then
/// models by name, servers, auth).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every change found.
    pub changes: Vec<Change>,
}

impl Report {
    /// The breaking changes.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.breaking())
    }

    /// The non-breaking changes that are not docs-only.
    pub fn additive(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| !c.breaking() && !c.quiet())
    }

    /// The docs-only changes.
    pub fn quiet(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.quiet())
    }

    /// Whether anything breaks.
    pub fn has_breaking(&self) -> bool {
        self.breaking().next().is_some()
    }

    /// The rules the changes fall under, each once, in report order.
    pub fn rules(&self) -> Vec<Rule> {
        let mut rules: Vec<Rule> = Vec::new();
        for change in &self.changes {
            if !rules.contains(&change.rule) {
                rules.push(change.rule);
            }
        }
        rules
    }
}
