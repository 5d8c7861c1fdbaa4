//! Front end for Swagger 2.0: rewrites a 2.0 document into the OpenAPI 3.0 form the later
//! stages read, before them.
//!
//! Every moved part is recorded as a `(new pointer, old pointer)` pair, and the bundle's
//! source map is rebuilt from those pairs, so errors and warnings of every later stage name
//! the place in the 2.0 document (and its file) that the part came from.

mod params;
mod paths;
mod requests;
mod responses;
mod schema;
mod security;
mod servers;
#[cfg(test)]
mod tests;

use crate::error::{Error, Location, Result};
use crate::load::Bundle;
use crate::pointer::{self, SourceMap};
use crate::warning::Warning;
use serde_json::{Map, Value};

/// Whether the bundled document declares `swagger` (any version: [`convert`] checks it).
pub fn is_swagger(doc: &Value) -> bool {
    doc.get("swagger").is_some()
}

/// Rewrites a Swagger 2.0 bundle into OpenAPI 3.0 in place: its document, its source map
/// (pointing into the 2.0 files) and its warnings.
pub fn convert(bundle: &mut Bundle) -> Result<()> {
    let version = bundle.doc.get("swagger");
    if version.and_then(Value::as_str) != Some("2.0") {
        let shown = version.map_or_else(String::new, Value::to_string);
        return Err(Error::Unsupported {
            at: bundle.locate("/swagger"),
            what: format!("Swagger version {shown}; 2.0 is supported (and OpenAPI 3.0, 3.1, 3.2)"),
        });
    }
    check_refs(&bundle.doc, &bundle.sources)?;
    let doc = std::mem::take(&mut bundle.doc);
    let mut converter = Converter {
        doc: &doc,
        sources: &bundle.sources,
        moves: vec![(String::new(), String::new())],
        warnings: Vec::new(),
    };
    let converted = converter.document()?;
    let Converter {
        moves, warnings, ..
    } = converter;
    bundle.sources = bundle.sources.remap(&moves);
    bundle.warnings.extend(warnings);
    bundle.doc = converted;
    Ok(())
}

/// Checks that every internal `$ref` leads somewhere, so that a dangling one is reported as
/// written in the 2.0 document (`#/definitions/X`), not as rewritten.
fn check_refs(doc: &Value, sources: &SourceMap) -> Result<()> {
    let mut dangling = None;
    crate::defs::refs_with_positions(doc, &mut |at, reference| {
        let target = reference.strip_prefix('#');
        if dangling.is_none() && target.is_some_and(|t| pointer::get(doc, t).is_none()) {
            dangling = Some((at.to_string(), reference.to_string()));
        }
    });
    match dangling {
        Some((at, reference)) => Err(Error::Ref {
            at: sources.locate(&format!("{at}/$ref")),
            reference,
            reason: "nothing at this pointer".into(),
        }),
        None => Ok(()),
    }
}

/// The conversion's state: the 2.0 document, where its parts came from, and what was moved
/// or assumed so far.
pub(crate) struct Converter<'a> {
    doc: &'a Value,
    sources: &'a SourceMap,
    /// `(new pointer, old pointer)`: the subtree at `new` came from `old`.
    moves: Vec<(String, String)>,
    warnings: Vec<Warning>,
}

impl<'a> Converter<'a> {
    /// Records that the value at `new` came from `old`.
    fn moved(&mut self, new: &str, old: &str) {
        self.moves.push((new.to_string(), old.to_string()));
    }

    /// A warning at `old`, a pointer into the 2.0 document.
    fn warn(&mut self, old: &str, message: impl Into<String>) {
        let warning = Warning {
            at: self.sources.locate(old),
            message: message.into(),
        };
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    fn locate(&self, old: &str) -> Location {
        self.sources.locate(old)
    }

    /// The whole document.
    fn document(&mut self) -> Result<Value> {
        let Some(root) = self.doc.as_object() else {
            return Err(Error::Invalid {
                at: self.locate(""),
                message: "a Swagger document must be an object".into(),
            });
        };
        let mut out = Map::new();
        out.insert("openapi".into(), "3.0.3".into());
        for key in ["info", "tags", "externalDocs"] {
            if let Some(value) = root.get(key) {
                out.insert(key.into(), value.clone());
                self.moved(&format!("/{key}"), &format!("/{key}"));
            }
        }
        out.insert("servers".into(), self.servers(root));
        out.insert("paths".into(), self.paths(root)?);
        let mut components = Map::new();
        let mut schemas = Map::new();
        // The loader hoists recursive schemas of other files to `components/schemas`, the
        // 3.0 place, even in a 2.0 bundle.
        let hoisted = root.get("components").and_then(|c| c.get("schemas"));
        for (place, found) in [
            ("/definitions", root.get("definitions")),
            ("/components/schemas", hoisted),
        ] {
            for (name, schema) in found.and_then(Value::as_object).into_iter().flatten() {
                let old = pointer::push(place, name);
                self.moved(&pointer::push("/components/schemas", name), &old);
                schemas.insert(name.clone(), schema::schema(schema));
            }
        }
        if !schemas.is_empty() {
            components.insert("schemas".into(), Value::Object(schemas));
        }
        if let Some(definitions) = root.get("securityDefinitions").and_then(Value::as_object) {
            components.insert(
                "securitySchemes".into(),
                Value::Object(self.security_schemes(definitions)),
            );
        }
        if !components.is_empty() {
            out.insert("components".into(), Value::Object(components));
        }
        if let Some(security) = root.get("security") {
            out.insert("security".into(), security.clone());
            self.moved("/security", "/security");
        }
        copy_extensions(root, &mut out, "", "", self);
        Ok(Value::Object(out))
    }

    /// Follows `$ref`s (`#/parameters/X`, `#/responses/X`) from `value` (at `at`) to the
    /// object they lead to, and its pointer.
    fn follow<'v>(&self, value: &'v Value, at: &str) -> Result<(&'v Map<String, Value>, String)>
    where
        'a: 'v,
    {
        let mut current = value;
        let mut ptr = at.to_string();
        // A loop of refs ends here instead of running forever.
        for _ in 0..MAX_REF_CHAIN {
            let Some(map) = current.as_object() else {
                return Err(Error::Invalid {
                    at: self.locate(&ptr),
                    message: "expected an object".into(),
                });
            };
            let Some(reference) = map.get("$ref").and_then(Value::as_str) else {
                return Ok((map, ptr));
            };
            let fail = |reason: &str| Error::Ref {
                at: self.locate(&format!("{ptr}/$ref")),
                reference: reference.to_string(),
                reason: reason.to_string(),
            };
            let Some(target_ptr) = reference.strip_prefix('#') else {
                return Err(fail("only `#/...` refs are supported here"));
            };
            let Some(target) = pointer::get(self.doc, target_ptr) else {
                return Err(fail("nothing at this pointer"));
            };
            current = target;
            ptr = target_ptr.to_string();
        }
        Err(Error::Ref {
            at: self.locate(&format!("{at}/$ref")),
            reference: value["$ref"].as_str().unwrap_or_default().to_string(),
            reason: format!("more than {MAX_REF_CHAIN} refs in a row (a loop?)"),
        })
    }
}

/// How many refs in a row [`Converter::follow`] follows.
const MAX_REF_CHAIN: usize = 32;

/// Copies the `x-` members of `from` (at `old`) into `to` (at `new`), as vendor data.
fn copy_extensions(
    from: &Map<String, Value>,
    to: &mut Map<String, Value>,
    new: &str,
    old: &str,
    converter: &mut Converter<'_>,
) {
    for (key, value) in from.iter().filter(|(k, _)| k.starts_with("x-")) {
        to.insert(key.clone(), value.clone());
        converter.moved(&pointer::push(new, key), &pointer::push(old, key));
    }
}

/// A list of strings (`consumes`, `produces`, `schemes`), if `value` is one.
fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    let items = value?.as_array()?;
    Some(
        items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
    )
}
