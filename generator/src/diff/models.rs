//! Models: paired by where operations use them, then compared field by field, value by
//! value. Models no operation reaches are paired by name.

use super::model::Rule;
use super::operations::Seeds;
use super::types::{kind_name, pair_types, show, show_field, Pair, Uses};
use super::{Sides, Sink};
use crate::ir::{Model, ModelKind, StringEnum, Struct, UnionVariant};
use std::collections::{BTreeMap, BTreeSet};

/// Compares the models reached from `seeds`, then the models nothing reached.
pub fn compare(sides: &Sides<'_>, seeds: Seeds, sink: &mut Sink) {
    let mut pairs: BTreeMap<Pair, Uses> = BTreeMap::new();
    for (pair, uses) in seeds {
        pairs.entry(pair).or_default().merge(&uses);
    }
    // Spread uses to nested models until nothing changes. Uses only grow and are finite, so
    // this ends; a pair waits in the queue at most once at a time.
    let mut queued: BTreeSet<Pair> = pairs.keys().cloned().collect();
    while let Some(pair) = queued.pop_first() {
        let uses = pairs.get(&pair).cloned().unwrap_or_default();
        let mut quiet = Sink::default();
        for child in compare_pair(sides, &pair, &uses, &mut quiet) {
            if pairs.entry(child.clone()).or_default().merge(&uses) {
                queued.insert(child);
            }
        }
    }
    let seen_old: BTreeSet<&String> = pairs.keys().map(|(o, _)| o).collect();
    let seen_new: BTreeSet<&String> = pairs.keys().map(|(_, n)| n).collect();
    let mut by_name: Vec<Pair> = Vec::new();
    for name in sides.old_api.models.keys() {
        if seen_old.contains(name) {
            continue;
        }
        if sides.new_api.models.contains_key(name) {
            by_name.push((name.clone(), name.clone()));
        } else {
            sink.push(
                Rule::ModelRemoved,
                name,
                format!("the type `{name}` is gone"),
            );
        }
    }
    for name in sides.new_api.models.keys() {
        if seen_new.contains(name) || by_name.iter().any(|(o, _)| o == name) {
            continue;
        }
        if sides.old_api.models.contains_key(name)
            && !pairs.contains_key(&(name.clone(), name.clone()))
        {
            by_name.push((name.clone(), name.clone()));
        } else if !sides.old_api.models.contains_key(name) {
            sink.push(Rule::ModelAdded, name, format!("new type `{name}`"));
        }
    }
    // A model nothing reaches is compared as if users both build and read it.
    let mut all: Vec<(Pair, Uses)> = pairs.into_iter().collect();
    all.extend(by_name.into_iter().map(|pair| (pair, Uses::default())));
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all.dedup_by(|a, b| a.0 == b.0);
    for (pair, uses) in &all {
        sink.operations = uses.operations.iter().cloned().collect();
        compare_pair(sides, pair, uses, sink);
    }
    sink.operations.clear();
}

/// Reports the differences of one pair; returns the nested pairs.
fn compare_pair(sides: &Sides<'_>, pair: &Pair, uses: &Uses, sink: &mut Sink) -> Vec<Pair> {
    let (old_name, new_name) = pair;
    let (Some(old), Some(new)) = (
        sides.old_api.models.get(old_name),
        sides.new_api.models.get(new_name),
    ) else {
        return Vec::new();
    };
    let mut nested = Vec::new();
    if old_name != new_name {
        sink.push(
            Rule::ModelRenamed,
            format!("{old_name} → {new_name}"),
            format!("the type here was `{old_name}`, now `{new_name}`"),
        );
    }
    let cx = Cx {
        sides,
        uses,
        subject: new_name,
    };
    match (&old.kind, &new.kind) {
        (ModelKind::Struct(o), ModelKind::Struct(n)) => cx.structs(o, n, sink, &mut nested),
        (ModelKind::Enum(o), ModelKind::Enum(n)) => cx.enums(o, n, sink),
        (ModelKind::Union(o), ModelKind::Union(n)) => {
            cx.unions(&o.variants, &n.variants, sink, &mut nested)
        }
        (ModelKind::Statuses(o), ModelKind::Statuses(n)) => cx.unions(o, n, sink, &mut nested),
        (ModelKind::Alias(o), ModelKind::Alias(n)) => {
            if !pair_types(o, n, sides.old_api, sides.new_api, &mut nested) {
                sink.push(
                    Rule::AliasTypeChanged,
                    new_name,
                    format!("was an alias of `{}`, now of `{}`", show(o), show(n)),
                );
            }
        }
        (o, n) => sink.push(
            Rule::ModelKindChanged,
            new_name,
            format!("was {}, now {}", a(kind_name(o)), a(kind_name(n))),
        ),
    }
    doc(old, new, sink);
    nested
}

fn doc(old: &Model, new: &Model, sink: &mut Sink) {
    sink.doc(&new.name, &old.doc, &new.doc);
}

struct Cx<'a> {
    sides: &'a Sides<'a>,
    uses: &'a Uses,
    subject: &'a str,
}

impl Cx<'_> {
    fn structs(&self, old: &Struct, new: &Struct, sink: &mut Sink, nested: &mut Vec<Pair>) {
        let model = self.subject;
        for o in &old.fields {
            let subject = format!("{model}.{}", o.wire);
            let Some(n) = new.fields.iter().find(|n| n.wire == o.wire) else {
                match new.constants.iter().find(|n| n.wire == o.wire) {
                    Some(n) => sink.push(
                        Rule::PropertyTypeChanged,
                        subject,
                        format!(
                            "was `{}`, now always \"{}\": the field is gone, `{model}::{}` is its value",
                            show_field(o),
                            n.value,
                            n.name
                        ),
                    ),
                    None => sink.push(
                        Rule::PropertyRemoved,
                        subject,
                        format!("removed: the field `{}` is gone", o.name),
                    ),
                }
                continue;
            };
            let same = pair_types(&o.ty, &n.ty, self.sides.old_api, self.sides.new_api, nested);
            if !same || o.boxed != n.boxed {
                sink.push(
                    Rule::PropertyTypeChanged,
                    &subject,
                    format!("was `{}`, now `{}`", show_field(o), show_field(n)),
                );
            } else if o.optional != n.optional {
                sink.push(
                    Rule::PropertyRequirednessChanged,
                    &subject,
                    format!(
                        "now {}: the field was `{}`, now `{}`",
                        if n.optional { "optional" } else { "required" },
                        show_field(o),
                        show_field(n)
                    ),
                );
            } else if o.required != n.required {
                sink.push(
                    Rule::PropertySerializationChanged,
                    &subject,
                    if n.required {
                        "now required and nullable: `None` is sent as `null`"
                    } else {
                        "now optional: `None` is left out instead of sent as `null`"
                    },
                );
            }
            sink.doc(&subject, &o.doc, &n.doc);
        }
        for n in &new.fields {
            if old.fields.iter().any(|o| o.wire == n.wire) {
                continue;
            }
            let subject = format!("{model}.{}", n.wire);
            let ty = show_field(n);
            if let Some(o) = old.constants.iter().find(|o| o.wire == n.wire) {
                sink.push(
                    Rule::PropertyTypeChanged,
                    subject,
                    format!(
                        "was always \"{}\", now a field `{}: {ty}` (`{model}::{}` is gone)",
                        o.value, n.name, o.name
                    ),
                );
                continue;
            }
            if n.optional {
                sink.push(
                    Rule::PropertyAddedOptional,
                    subject,
                    format!("new optional field `{}: {ty}`", n.name),
                );
            } else if self.uses.built() {
                sink.push(
                    Rule::RequestPropertyAddedRequired,
                    subject,
                    format!(
                        "new required field `{}: {ty}` in a model users build: a new `new(..)` argument",
                        n.name
                    ),
                );
            } else {
                sink.push(
                    Rule::ResponsePropertyAddedRequired,
                    subject,
                    format!("new required field `{}: {ty}` in a response model", n.name),
                );
            }
        }
        self.constants(old, new, sink);
        match (&old.additional, &new.additional) {
            (None, Some((name, ty))) => sink.push(
                Rule::AdditionalPropertiesAdded,
                format!("{model}.{name}"),
                format!("new map field `{name}: BTreeMap<String, {}>`", show(ty)),
            ),
            (Some((name, _)), None) => sink.push(
                Rule::AdditionalPropertiesRemoved,
                format!("{model}.{name}"),
                "removed: other properties are no longer kept",
            ),
            (Some((name, o)), Some((_, n))) => {
                if !pair_types(o, n, self.sides.old_api, self.sides.new_api, nested) {
                    sink.push(
                        Rule::PropertyTypeChanged,
                        format!("{model}.{name}"),
                        format!("other properties were `{}`, now `{}`", show(o), show(n)),
                    );
                }
            }
            (None, None) => {}
        }
    }

    /// Properties of one value (`lower/constants.rs`); those that became fields or stopped
    /// being ones are reported with the fields.
    fn constants(&self, old: &Struct, new: &Struct, sink: &mut Sink) {
        let model = self.subject;
        for o in &old.constants {
            let subject = format!("{model}.{}", o.wire);
            match new.constants.iter().find(|n| n.wire == o.wire) {
                Some(n) if n.value != o.value => sink.push(
                    Rule::PropertyTypeChanged,
                    subject,
                    format!("was always \"{}\", now always \"{}\"", o.value, n.value),
                ),
                Some(n) => sink.doc(&subject, &o.doc, &n.doc),
                None if new.fields.iter().any(|n| n.wire == o.wire) => {}
                None => sink.push(
                    Rule::PropertyRemoved,
                    subject,
                    format!("removed: `{model}::{}` is gone", o.name),
                ),
            }
        }
        for n in &new.constants {
            let wires = old.constants.iter().map(|o| &o.wire);
            if wires
                .chain(old.fields.iter().map(|o| &o.wire))
                .any(|w| *w == n.wire)
            {
                continue;
            }
            let subject = format!("{model}.{}", n.wire);
            let what = format!(
                "new property, always \"{}\" (`{model}::{}`)",
                n.value, n.name
            );
            // Sent by the client without an argument; required when read.
            let rule = if self.uses.built() {
                Rule::PropertyAddedOptional
            } else {
                Rule::ResponsePropertyAddedRequired
            };
            sink.push(rule, subject, what);
        }
    }

    fn enums(&self, old: &StringEnum, new: &StringEnum, sink: &mut Sink) {
        let model = self.subject;
        for o in &old.variants {
            if !new.variants.iter().any(|n| n.wire == o.wire) {
                sink.push(
                    Rule::EnumValueRemoved,
                    model,
                    format!("value `{}` removed: `{model}::{}` is gone", o.wire, o.name),
                );
            }
        }
        for n in &new.variants {
            if !old.variants.iter().any(|o| o.wire == n.wire) {
                sink.push(
                    Rule::EnumValueAdded,
                    model,
                    format!("value `{}` added as `{model}::{}`", n.wire, n.name),
                );
            }
        }
    }

    fn unions(
        &self,
        old: &[UnionVariant],
        new: &[UnionVariant],
        sink: &mut Sink,
        nested: &mut Vec<Pair>,
    ) {
        let model = self.subject;
        for o in old {
            let Some(n) = new.iter().find(|n| n.name == o.name) else {
                sink.push(
                    Rule::UnionVariantRemoved,
                    model,
                    format!("variant `{model}::{}` removed", o.name),
                );
                continue;
            };
            if !pair_types(&o.ty, &n.ty, self.sides.old_api, self.sides.new_api, nested) {
                sink.push(
                    Rule::UnionVariantTypeChanged,
                    model,
                    format!(
                        "variant `{model}::{}` held `{}`, now `{}`",
                        n.name,
                        show(&o.ty),
                        show(&n.ty)
                    ),
                );
            }
        }
        for n in new {
            if old.iter().any(|o| o.name == n.name) {
                continue;
            }
            let rule = if self.uses.read() {
                Rule::UnionVariantAddedResponse
            } else {
                Rule::UnionVariantAddedRequest
            };
            sink.push(
                rule,
                model,
                format!("variant `{model}::{}({})` added", n.name, show(&n.ty)),
            );
        }
    }
}

fn a(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}
