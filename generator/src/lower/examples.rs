//! The spec's `example`/`examples` values, each with the type it must decode into, so the
//! generated crate can test them (see `emit/examples.rs`).

use super::schema::{SchemaRef, Slot};
use super::Lowerer;
use crate::error::Result;
use crate::ir::{SpecExample, TypeRef};
use crate::pointer;
use indexmap::IndexMap;
use openapiv3::{Example, MediaType, ParameterData, ReferenceOr};
use serde_json::Value;
use std::path::{Component, Path};

impl Lowerer<'_> {
    /// Lowers a schema like `lower_schema_uncollected`, then records its examples.
    pub fn lower_schema(&mut self, schema: SchemaRef<'_>, slot: Slot, at: &str) -> Result<TypeRef> {
        let ty = self.lower_schema_uncollected(schema, slot, at)?;
        if let SchemaRef::Inline(schema) = schema {
            let data = &schema.schema_data;
            // `normalize` turned a 3.1 `examples` array into `x-examples` (and its first item
            // into `example`), so the source pointers say `examples/<i>`.
            let listed = match data.extensions.get("x-examples") {
                Some(Value::Array(items)) => items.as_slice(),
                _ => &[],
            };
            if let Some(example) = &data.example {
                if listed.first() != Some(example) {
                    self.record_example(&format!("{at}/example"), &ty, example, data.nullable);
                }
            }
            for (i, example) in listed.iter().enumerate() {
                self.record_example(&format!("{at}/examples/{i}"), &ty, example, data.nullable);
            }
        }
        Ok(ty)
    }

    /// A media type's `example` and `examples`, for the body type `ty`.
    pub(super) fn media_examples(&mut self, media: &MediaType, ty: &TypeRef, at: &str) {
        self.named_examples(media.example.as_ref(), &media.examples, ty, at);
    }

    /// A parameter's `example` and `examples`.
    pub(super) fn param_examples(&mut self, data: &ParameterData, ty: &TypeRef, at: &str) {
        self.named_examples(data.example.as_ref(), &data.examples, ty, at);
    }

    fn named_examples(
        &mut self,
        example: Option<&Value>,
        examples: &IndexMap<String, ReferenceOr<Example>>,
        ty: &TypeRef,
        at: &str,
    ) {
        if let Some(example) = example {
            self.record_example(&format!("{at}/example"), ty, example, false);
        }
        for (name, example) in examples {
            // `resolve` inlined `$ref`s; an `externalValue` is not in the spec to check.
            if let ReferenceOr::Item(Example {
                value: Some(value), ..
            }) = example
            {
                let value_at = format!("{}/value", pointer::push(&format!("{at}/examples"), name));
                self.record_example(&value_at, ty, value, false);
            }
        }
    }

    fn record_example(&mut self, at: &str, ty: &TypeRef, value: &Value, nullable: bool) {
        // `null` is valid for a nullable schema, and not a value of the non-null type.
        if (nullable && value.is_null())
            || matches!(ty, TypeRef::Bytes | TypeRef::File | TypeRef::Unit)
        {
            return;
        }
        let location = self.spec.locate(at);
        // Once per file: `relative_to_root` canonicalizes, a syscall per path component.
        let root = &self.spec.bundle.root;
        let file = (self.example_files)
            .entry(location.file.clone())
            .or_insert_with(|| relative_to_root(&location.file, root))
            .clone();
        let example = SpecExample {
            file,
            pointer: location.pointer,
            ty: ty.clone(),
            value: value.clone(),
        };
        // One shared response or schema is lowered once per use: keep one of each.
        let key = (
            example.file.clone(),
            example.pointer.clone(),
            example.ty.clone(),
        );
        if self.example_keys.insert(key) {
            self.examples.push(example);
        }
    }
}

/// Examples sorted by where they are, so the output does not depend on lowering order.
pub(super) fn sorted(mut examples: Vec<SpecExample>) -> Vec<SpecExample> {
    examples.sort_by(|a, b| (&a.file, &a.pointer, &a.ty).cmp(&(&b.file, &b.pointer, &b.ty)));
    examples
}

/// `file` relative to the root document's folder, with `/` separators, so the generated
/// test names the same file on every machine and from any working directory.
fn relative_to_root(file: &Path, root: &Path) -> String {
    let folder = root.parent().unwrap_or(Path::new(""));
    let relative = match (std::fs::canonicalize(file), std::fs::canonicalize(folder)) {
        (Ok(file), Ok(folder)) => file.strip_prefix(&folder).map(Path::to_path_buf).ok(),
        _ => None,
    };
    let shown = relative.as_deref().unwrap_or(file);
    shown
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}
