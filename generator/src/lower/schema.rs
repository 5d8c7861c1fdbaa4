//! Schemas into models and type references.

use super::docs::doc;
use super::Lowerer;
use crate::error::{Error, Result};
use crate::ir::{
    Field, Model, ModelKind, StringEnum, Struct, Tag, TypeRef, Union, UnionVariant, Variant,
};
use crate::names::{self, Namer};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

/// The wanted name of a catch-all variant (a string enum's unknown value, a tagged union's
/// unknown alternative), claimed before the known ones so that it keeps it.
pub const CATCH_ALL: &str = "Unknown";

/// A schema or a reference to a component schema, whichever box it comes in.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    /// `$ref` text.
    Ref(&'a str),
    /// An inline schema.
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

/// What a model is called: a component's reserved name, or a hint for an inline schema.
#[derive(Clone)]
pub enum Slot {
    /// The name is already claimed (a component schema).
    Reserved(String),
    /// Claim a name like this one.
    Hint(String),
}

impl Slot {
    fn base(&self) -> &str {
        match self {
            Slot::Reserved(name) | Slot::Hint(name) => name,
        }
    }
}

/// The keywords lowering cares about, from whichever `SchemaKind` holds them.
struct View<'a> {
    typ: Option<&'a str>,
    format: Option<String>,
    enumeration: Vec<Value>,
    properties: Vec<(&'a String, SchemaRef<'a>)>,
    required: &'a [String],
    additional: Option<&'a AdditionalProperties>,
    items: Option<SchemaRef<'a>>,
    one_of: &'a [ReferenceOr<Schema>],
    any_of: &'a [ReferenceOr<Schema>],
    all_of: &'a [ReferenceOr<Schema>],
}

const EMPTY: &[ReferenceOr<Schema>] = &[];

fn format_of<T: serde::Serialize>(
    format: &openapiv3::VariantOrUnknownOrEmpty<T>,
) -> Option<String> {
    match format {
        openapiv3::VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string)),
        openapiv3::VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
        openapiv3::VariantOrUnknownOrEmpty::Empty => None,
    }
}

impl<'a> View<'a> {
    fn of(schema: &'a Schema) -> Self {
        let mut view = View {
            typ: None,
            format: None,
            enumeration: Vec::new(),
            properties: Vec::new(),
            required: &[],
            additional: None,
            items: None,
            one_of: EMPTY,
            any_of: EMPTY,
            all_of: EMPTY,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(t)) => {
                view.typ = Some("string");
                view.format = format_of(&t.format);
                view.enumeration = t
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|s| Value::String(s.clone()))
                    .collect();
            }
            SchemaKind::Type(Type::Number(t)) => {
                view.typ = Some("number");
                view.format = format_of(&t.format);
            }
            SchemaKind::Type(Type::Integer(t)) => {
                view.typ = Some("integer");
                view.format = format_of(&t.format);
            }
            SchemaKind::Type(Type::Boolean(_)) => view.typ = Some("boolean"),
            SchemaKind::Type(Type::Object(t)) => {
                view.typ = Some("object");
                view.properties = t.properties.iter().map(|(k, v)| (k, v.into())).collect();
                view.required = &t.required;
                view.additional = t.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(t)) => {
                view.typ = Some("array");
                view.items = t.items.as_ref().map(Into::into);
            }
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::Not { .. } => {}
            SchemaKind::Any(any) => {
                view.typ = any.typ.as_deref();
                view.format = any.format.clone();
                view.enumeration = any.enumeration.clone();
                view.properties = any.properties.iter().map(|(k, v)| (k, v.into())).collect();
                view.required = &any.required;
                view.additional = any.additional_properties.as_ref();
                view.items = any.items.as_ref().map(Into::into);
                view.one_of = &any.one_of;
                view.any_of = &any.any_of;
                view.all_of = &any.all_of;
            }
        }
        view
    }
}

impl<'a> Lowerer<'a> {
    /// The model name of a `#/components/schemas/X` ref (an alias's own name, even when the
    /// alias chain is a cycle, which `cycles` reports).
    fn component_name(&self, reference: &str, at: &str) -> Result<String> {
        let key = reference
            .strip_prefix("#/components/schemas/")
            .map(crate::pointer::unescape);
        match key.as_ref().and_then(|k| self.component_names.get(k)) {
            Some(name) => Ok(name.clone()),
            None => Err(Error::Ref {
                at: self.spec.locate(at),
                reference: reference.to_string(),
                reason: "not a schema under components/schemas".into(),
            }),
        }
    }

    /// The component name a `#/components/schemas/X` ref stands for.
    pub(super) fn component(&self, reference: &str, at: &str) -> Result<(String, &'a Schema)> {
        let key = reference
            .strip_prefix("#/components/schemas/")
            .map(crate::pointer::unescape);
        let components: &'a indexmap::IndexMap<String, ReferenceOr<Schema>> = self.components;
        let mut found = key
            .as_ref()
            .and_then(|k| Some((self.component_names.get(k)?, components.get(k)?)));
        // A component that is itself a `$ref` (an alias) stands for its target's schema; the
        // hop limit stops alias cycles.
        for _ in 0..=components.len() {
            let Some((name, ReferenceOr::Reference { reference })) = found else {
                break;
            };
            found = reference
                .strip_prefix("#/components/schemas/")
                .map(crate::pointer::unescape)
                .and_then(|k| components.get(&k))
                .map(|target| (name, target));
        }
        match found {
            Some((name, ReferenceOr::Item(schema))) => Ok((name.clone(), schema)),
            _ => Err(Error::Ref {
                at: self.spec.locate(at),
                reference: reference.to_string(),
                reason: "not a schema under components/schemas".into(),
            }),
        }
    }

    /// Lowers a schema into a type, adding models for objects, enums and unions.
    /// (`lower_schema`, in `examples.rs`, wraps it to record the schema's examples.)
    pub(super) fn lower_schema_uncollected(
        &mut self,
        schema: SchemaRef<'_>,
        slot: Slot,
        at: &str,
    ) -> Result<TypeRef> {
        let schema = match schema {
            SchemaRef::Ref(reference) => {
                return Ok(TypeRef::Named(self.component_name(reference, at)?))
            }
            SchemaRef::Inline(schema) => schema,
        };
        // A safety net: nesting comes from the document, which `resolve` bounds, so deeper
        // recursion than that is a loop this stage failed to see.
        if at.matches('/').count() > 4 * crate::resolve::MAX_DEPTH {
            return Err(Error::Unsupported {
                at: self.spec.locate(at),
                what: "schemas nested too deeply (a loop through allOf?)".into(),
            });
        }
        let view = View::of(schema);
        let description = doc(schema
            .schema_data
            .description
            .as_deref()
            .or(schema.schema_data.title.as_deref()));
        // An inline schema identical to one already lowered is the same model.
        let dedupe_key = match &slot {
            Slot::Hint(_) => serde_json::to_string(schema).ok(),
            Slot::Reserved(_) => None,
        };
        if let Some(name) = dedupe_key.as_ref().and_then(|k| self.inline_models.get(k)) {
            return Ok(TypeRef::Named(name.clone()));
        }
        let ty = if !view.all_of.is_empty() {
            self.lower_all_of(schema, &view, slot.clone(), description.clone(), at)?
        } else if !view.one_of.is_empty() || !view.any_of.is_empty() {
            let (options, key) = if view.one_of.is_empty() {
                (view.any_of, "anyOf")
            } else {
                (view.one_of, "oneOf")
            };
            self.lower_union(
                schema,
                options,
                slot.clone(),
                description.clone(),
                &format!("{at}/{key}"),
            )?
        } else if !view.enumeration.is_empty()
            && view.enumeration.iter().all(Value::is_string)
            && matches!(view.typ, None | Some("string"))
        {
            let values: Vec<EnumValue> = view
                .enumeration
                .iter()
                .filter_map(|v| v.as_str().map(|v| (v.to_string(), None)))
                .collect();
            self.add_model(
                slot.clone(),
                description.clone(),
                ModelKind::Enum(string_enum(&values)),
                at,
            )
        } else {
            // `items` without `type` is still an array.
            match view.typ.or(view.items.map(|_| "array")) {
                Some("string") => TypeRef::String,
                Some("boolean") => TypeRef::Bool,
                Some("integer") => TypeRef::Integer {
                    small: view.format.as_deref() == Some("int32"),
                },
                Some("number") if matches!(view.format.as_deref(), Some("float" | "double")) => {
                    TypeRef::Float
                }
                Some("number") => TypeRef::Number,
                Some("array") => {
                    let item_slot = Slot::Hint(format!("{}Item", slot.base()));
                    let item = match view.items {
                        Some(items) => {
                            let item =
                                self.lower_schema(items, item_slot, &format!("{at}/items"))?;
                            self.maybe_null(items, item, &format!("{at}/items"))
                        }
                        None => TypeRef::Json,
                    };
                    TypeRef::Vec(Box::new(item))
                }
                _ if !view.properties.is_empty() => {
                    let st = self.lower_struct(
                        slot.base(),
                        &view.properties,
                        view.required,
                        view.additional,
                        at,
                    )?;
                    self.add_model(slot.clone(), description.clone(), ModelKind::Struct(st), at)
                }
                _ => match view.additional {
                    Some(AdditionalProperties::Schema(inner)) => {
                        let value = self.lower_schema(
                            inner.as_ref().into(),
                            Slot::Hint(format!("{}Value", slot.base())),
                            &format!("{at}/additionalProperties"),
                        )?;
                        let value = self.maybe_null(
                            inner.as_ref().into(),
                            value,
                            &format!("{at}/additionalProperties"),
                        );
                        TypeRef::Map(Box::new(value))
                    }
                    _ if view.typ == Some("object") => TypeRef::Map(Box::new(TypeRef::Json)),
                    _ => TypeRef::Json,
                },
            }
        };
        if let (Some(key), TypeRef::Named(name)) = (dedupe_key, &ty) {
            self.inline_models.insert(key, name.clone());
        }
        // A component that is not itself a model (an array, a primitive) becomes an alias.
        match slot {
            Slot::Reserved(name) if ty != TypeRef::Named(name.clone()) => {
                self.insert_model(Model {
                    module: String::new(),
                    name: name.clone(),
                    doc: description,
                    kind: ModelKind::Alias(ty),
                    origin: at.to_string(),
                });
                Ok(TypeRef::Named(name))
            }
            // A component that is only itself (`X: {allOf: [{$ref: X}]}`) says nothing: any JSON.
            Slot::Reserved(name) if !self.models.contains_key(&name) => {
                self.insert_model(Model {
                    module: String::new(),
                    name: name.clone(),
                    doc: description,
                    kind: ModelKind::Alias(TypeRef::Json),
                    origin: at.to_string(),
                });
                Ok(TypeRef::Named(name))
            }
            _ => Ok(ty),
        }
    }

    /// An array item, map value or body that may be `null` decodes into `Option` (`Value` already
    /// holds `null`).
    pub(super) fn maybe_null(&self, schema: SchemaRef<'_>, ty: TypeRef, at: &str) -> TypeRef {
        let nullable = match schema {
            SchemaRef::Inline(s) => s.schema_data.nullable,
            SchemaRef::Ref(reference) => self
                .component(reference, at)
                .is_ok_and(|(_, target)| target.schema_data.nullable),
        };
        if nullable && ty != TypeRef::Json {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        }
    }

    fn lower_struct(
        &mut self,
        owner: &str,
        properties: &[(&String, SchemaRef<'_>)],
        required: &[String],
        additional: Option<&AdditionalProperties>,
        at: &str,
    ) -> Result<Struct> {
        let mut namer = Namer::default();
        let mut fields = Vec::new();
        for (wire, prop) in properties {
            let prop_at = format!("{at}/properties/{}", crate::pointer::escape(wire));
            let hint = format!("{owner}{}", names::bare(&names::type_name(wire)));
            let ty = self.lower_schema(*prop, Slot::Hint(hint), &prop_at)?;
            let (nullable, field_doc) = match prop {
                SchemaRef::Inline(s) => (
                    s.schema_data.nullable,
                    doc(s
                        .schema_data
                        .description
                        .as_deref()
                        .or(s.schema_data.title.as_deref())),
                ),
                // A nullable component makes every property that refers to it nullable.
                SchemaRef::Ref(reference) => (
                    self.component(reference, &prop_at)
                        .is_ok_and(|(_, target)| target.schema_data.nullable),
                    None,
                ),
            };
            let is_required = required.iter().any(|r| r == *wire);
            fields.push(Field {
                name: namer.claim(&names::snake_name(wire)),
                wire: wire.to_string(),
                doc: field_doc,
                ty,
                optional: !is_required || nullable,
                required: is_required,
                boxed: false,
            });
        }
        let additional = match additional {
            Some(AdditionalProperties::Schema(inner)) => Some(self.lower_schema(
                inner.as_ref().into(),
                Slot::Hint(format!("{owner}Value")),
                &format!("{at}/additionalProperties"),
            )?),
            _ => None,
        };
        // The map of other properties takes a name no property has.
        let additional = additional.map(|ty| (namer.claim("additional_properties"), ty));
        Ok(Struct {
            fields,
            additional,
            constants: Vec::new(),
        })
    }

    /// `allOf`: one wrapped ref is that type; anything else merges properties into a struct.
    fn lower_all_of(
        &mut self,
        schema: &Schema,
        view: &View<'_>,
        slot: Slot,
        description: Option<String>,
        at: &str,
    ) -> Result<TypeRef> {
        if let ([single], true) = (view.all_of, view.properties.is_empty()) {
            return self.lower_schema(single.into(), slot, &format!("{at}/allOf/0"));
        }
        let mut properties: Vec<(String, SchemaRef<'_>)> = Vec::new();
        let mut required: Vec<String> = view.required.to_vec();
        let mut additional = view.additional;
        let mut stack: Vec<(SchemaRef<'_>, String)> = view
            .all_of
            .iter()
            .enumerate()
            .rev()
            .map(|(i, s)| (s.into(), format!("{at}/allOf/{i}")))
            .collect();
        let mut seen = Vec::new();
        while let Some((part, part_at)) = stack.pop() {
            let part_schema = match part {
                SchemaRef::Ref(reference) => {
                    if seen.contains(&reference.to_string()) {
                        continue;
                    }
                    seen.push(reference.to_string());
                    self.component(reference, &part_at)?.1
                }
                SchemaRef::Inline(s) => s,
            };
            let part_view = View::of(part_schema);
            for (i, nested) in part_view.all_of.iter().enumerate().rev() {
                stack.push((nested.into(), format!("{part_at}/allOf/{i}")));
            }
            for (name, prop) in part_view.properties {
                properties.retain(|(existing, _)| existing != name);
                properties.push((name.clone(), prop));
            }
            required.extend(part_view.required.iter().cloned());
            additional = additional.or(part_view.additional);
        }
        for (name, prop) in &view.properties {
            properties.retain(|(existing, _)| existing != *name);
            properties.push(((*name).clone(), *prop));
        }
        if properties.is_empty() {
            return Ok(TypeRef::Json);
        }
        // Merged properties can hold this very inline schema again (`B.x: allOf [B, {...}]`):
        // name it before lowering them, so that occurrence refers to it instead of recursing.
        let slot = match slot {
            Slot::Hint(hint) => {
                let name = self.type_names.claim(&hint);
                if let Ok(key) = serde_json::to_string(schema) {
                    self.inline_models.insert(key, name.clone());
                }
                Slot::Reserved(name)
            }
            reserved => reserved,
        };
        let borrowed: Vec<(&String, SchemaRef<'_>)> =
            properties.iter().map(|(k, v)| (k, *v)).collect();
        let st = self.lower_struct(slot.base(), &borrowed, &required, additional, at)?;
        Ok(self.add_model(slot, description, ModelKind::Struct(st), at))
    }

    fn lower_union(
        &mut self,
        schema: &Schema,
        options: &[ReferenceOr<Schema>],
        slot: Slot,
        description: Option<String>,
        at: &str,
    ) -> Result<TypeRef> {
        let discriminator = schema.schema_data.discriminator.as_ref();
        // The model comes from the schema, not from its `oneOf`/`anyOf` list.
        let schema_at = at.rsplit_once('/').map_or(at, |(schema_at, _)| schema_at);
        if let Some(values) = self.enum_alternatives(options, at)? {
            let en = ModelKind::Enum(string_enum(&values));
            return Ok(self.add_model(slot, description, en, schema_at));
        }
        let mut namer = Namer::default();
        // The catch-all of a tagged union, named before the alternatives.
        let other = discriminator.map(|_| namer.claim(CATCH_ALL));
        let mut variants = Vec::new();
        for (i, option) in options.iter().enumerate() {
            let option_at = format!("{at}/{i}");
            let ty = self.lower_schema(
                option.into(),
                Slot::Hint(format!("{}Variant{i}", slot.base())),
                &option_at,
            )?;
            let mut tag_values = Vec::new();
            if let (Some(d), ReferenceOr::Reference { reference }) = (discriminator, option) {
                let short = reference
                    .rsplit('/')
                    .next()
                    .unwrap_or(reference)
                    .to_string();
                tag_values = d
                    .mapping
                    .iter()
                    .filter(|(_, target)| *target == reference || **target == short)
                    .map(|(value, _)| value.clone())
                    .collect();
                if tag_values.is_empty() {
                    tag_values.push(short);
                }
            }
            let name = match (&ty, tag_values.first()) {
                (_, Some(tag)) => names::type_name(tag),
                (TypeRef::Named(n), _) => n.clone(),
                (other, _) => type_ref_word(other),
            };
            variants.push(UnionVariant {
                name: namer.claim(&name),
                tag_values,
                ty,
            });
        }
        // Duplicate alternatives (same Rust type) cannot be told apart when decoding.
        let mut unique: Vec<UnionVariant> = Vec::new();
        for v in variants {
            if !unique
                .iter()
                .any(|u| u.ty == v.ty && u.tag_values.is_empty() && v.tag_values.is_empty())
            {
                unique.push(v);
            }
        }
        let tag = discriminator
            .zip(other)
            .filter(|_| unique.iter().all(|v| !v.tag_values.is_empty()))
            .map(|(d, other)| Tag {
                property: d.property_name.clone(),
                other,
            });
        Ok(self.add_model(
            slot,
            description,
            ModelKind::Union(Union {
                tag,
                variants: unique,
            }),
            schema_at,
        ))
    }

    /// A union of string enums is one enum of all their values (each documented by its
    /// alternative): as a union, the first alternative would keep every value as unknown.
    fn enum_alternatives(
        &self,
        options: &[ReferenceOr<Schema>],
        at: &str,
    ) -> Result<Option<Vec<EnumValue>>> {
        let mut values: Vec<EnumValue> = Vec::new();
        for (i, option) in options.iter().enumerate() {
            let schema = match option {
                ReferenceOr::Reference { reference } => {
                    self.component(reference, &format!("{at}/{i}"))?.1
                }
                ReferenceOr::Item(schema) => schema,
            };
            let view = View::of(schema);
            let plain = view.all_of.is_empty()
                && view.one_of.is_empty()
                && view.any_of.is_empty()
                && view.properties.is_empty()
                && matches!(view.typ, None | Some("string"));
            if !plain
                || view.enumeration.is_empty()
                || !view.enumeration.iter().all(Value::is_string)
            {
                return Ok(None);
            }
            let text = doc(schema
                .schema_data
                .description
                .as_deref()
                .or(schema.schema_data.title.as_deref()));
            for value in view.enumeration.iter().filter_map(Value::as_str) {
                values.push((value.to_string(), text.clone()));
            }
        }
        Ok((!values.is_empty()).then_some(values))
    }

    /// Adds a model under its slot's name and returns a reference to it.
    pub fn add_model(
        &mut self,
        slot: Slot,
        doc: Option<String>,
        kind: ModelKind,
        at: &str,
    ) -> TypeRef {
        let name = match slot {
            Slot::Reserved(name) => name,
            Slot::Hint(hint) => self.type_names.claim(&hint),
        };
        self.insert_model(Model {
            module: String::new(),
            name: name.clone(),
            doc,
            kind,
            origin: at.to_string(),
        });
        TypeRef::Named(name)
    }

    fn insert_model(&mut self, model: Model) {
        self.models.insert(model.name.clone(), model);
    }
}

/// A string enum's value on the wire and its docs.
pub type EnumValue = (String, Option<String>);

/// A one-word name for a type, for union variants and error bodies.
pub fn type_ref_word(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "Bool".into(),
        TypeRef::Integer { .. } => "Integer".into(),
        TypeRef::Float | TypeRef::Number => "Number".into(),
        TypeRef::Json => "Json".into(),
        TypeRef::Bytes => "Bytes".into(),
        TypeRef::File => "File".into(),
        TypeRef::Unit => "Empty".into(),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Vec(inner) => format!("{}List", type_ref_word(inner)),
        TypeRef::Nullable(inner) => format!("Nullable{}", type_ref_word(inner)),
        TypeRef::Map(inner) => format!("{}Map", type_ref_word(inner)),
        TypeRef::Boxed(inner) => type_ref_word(inner),
    }
}

/// An enum with one variant per value (the first of repeated values, with its docs) and a
/// catch-all whose name no value takes.
pub fn string_enum(values: &[EnumValue]) -> StringEnum {
    let mut namer = Namer::default();
    let mut variants: Vec<Variant> = Vec::new();
    for (value, doc) in values {
        if variants.iter().any(|v| v.wire == *value) {
            continue;
        }
        variants.push(Variant {
            name: namer.claim(&names::type_name(value)),
            wire: value.clone(),
            doc: doc.clone(),
        });
    }
    StringEnum {
        variants,
        other: namer.claim(CATCH_ALL),
    }
}
