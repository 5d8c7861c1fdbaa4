//! Webhooks: OpenAPI 3.1's `webhooks` and the older `x-webhooks`, each a path item keyed by
//! the event's name, whose request body is what the API sends to the user's server.

use super::docs::join;
use super::operation::pick_media;
use super::{Lowerer, Slot};
use crate::error::Result;
use crate::ir::{BodyEncoding, Decode, Model, ModelKind, TypeRef, Webhook};
use crate::names::{self, Namer};
use crate::normalize::WEBHOOKS_EXTENSION;
use crate::pointer::{escape, push};
use crate::warning::Warning;
use openapiv3::{PathItem, ReferenceOr};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

impl Lowerer<'_> {
    /// One webhook per operation of each event; `webhooks` first, then the `x-webhooks`
    /// events it does not list.
    pub(super) fn lower_webhooks(&mut self) -> Result<Vec<Webhook>> {
        let spec = self.spec;
        let mut events: Vec<(String, String, &Value)> = Vec::new();
        for key in ["webhooks", WEBHOOKS_EXTENSION] {
            let Some(Value::Object(map)) = spec.doc.get(key) else {
                continue;
            };
            for (event, item) in map {
                if !events.iter().any(|(e, _, _)| e == event) {
                    events.push((event.clone(), push(&format!("/{key}"), event), item));
                }
            }
        }
        let mut namer = Namer::default();
        let mut webhooks = Vec::new();
        for (event, item_at, item) in events {
            let item: PathItem = match serde_json::from_value(item.clone()) {
                Ok(item) => item,
                Err(e) => {
                    self.warnings.push(Warning {
                        at: spec.locate(&item_at),
                        message: format!("not a valid path item ({e}); this webhook is left out"),
                    });
                    continue;
                }
            };
            let operations: Vec<_> = item.iter().collect();
            let several = operations.len() > 1;
            for (method, op) in operations {
                let wanted = if several {
                    format!("{event} {method}")
                } else {
                    event.clone()
                };
                let name = namer.claim(names::bare(&names::type_name(&wanted)));
                let at = push(&item_at, method);
                let (payload, decode) = self.webhook_payload(op, &name, &at)?;
                let mut doc = join(op.summary.as_deref(), op.description.as_deref());
                let line = format!("The `{event}` event (`{}`).", method.to_uppercase());
                doc = Some(match doc {
                    Some(d) => format!("{d}\n\n{line}"),
                    None => line,
                });
                webhooks.push(Webhook {
                    name,
                    event: event.clone(),
                    http_method: method.to_uppercase(),
                    doc,
                    payload,
                    decode,
                    tag_value: None,
                });
            }
        }
        Ok(webhooks)
    }

    fn webhook_payload(
        &mut self,
        op: &openapiv3::Operation,
        name: &str,
        at: &str,
    ) -> Result<(TypeRef, Decode)> {
        let Some(ReferenceOr::Item(body)) = &op.request_body else {
            return Ok((TypeRef::Unit, Decode::Empty));
        };
        let Some((content_type, media, encoding)) = pick_media(&body.content, true) else {
            return Ok((TypeRef::Unit, Decode::Empty));
        };
        let media_at = format!("{at}/requestBody/content/{}", escape(content_type));
        Ok(match (&media.schema, encoding) {
            (Some(schema), BodyEncoding::Json) => {
                let ty = self.lower_schema(
                    schema.into(),
                    Slot::Hint(format!("{name}Payload")),
                    &format!("{media_at}/schema"),
                )?;
                (ty, Decode::Json)
            }
            (None, BodyEncoding::Json) => (TypeRef::Json, Decode::Json),
            (_, BodyEncoding::Text) => (TypeRef::String, Decode::Text),
            // Form and multipart payloads are handed over as sent.
            _ => (TypeRef::Bytes, Decode::Bytes),
        })
    }
}

/// Finds the property that tells the events apart: one that every event's payload (a JSON
/// object) requires, typed as a one-value enum, with a different value in each event. The
/// first such property in the first payload's order is taken.
pub(super) fn tag_events(
    models: &BTreeMap<String, Model>,
    mut webhooks: Vec<Webhook>,
) -> (Vec<Webhook>, Option<String>) {
    let constants = |webhook: &Webhook| -> Vec<(String, String)> {
        let (Decode::Json, TypeRef::Named(name)) = (webhook.decode, &webhook.payload) else {
            return Vec::new();
        };
        let Some(ModelKind::Struct(st)) = models.get(name).map(|m| &m.kind) else {
            return Vec::new();
        };
        st.fields
            .iter()
            .filter(|f| f.required && !f.optional)
            .filter_map(|f| match &f.ty {
                TypeRef::Named(en) => match models.get(en).map(|m| &m.kind) {
                    Some(ModelKind::Enum(e)) if e.variants.len() == 1 => {
                        Some((f.wire.clone(), e.variants[0].wire.clone()))
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect()
    };
    let all: Vec<Vec<(String, String)>> = webhooks.iter().map(constants).collect();
    let Some(first) = all.first() else {
        return (webhooks, None);
    };
    let tag = first.iter().map(|(wire, _)| wire).find(|wire| {
        let mut seen = BTreeSet::new();
        all.iter().all(|fields| {
            fields
                .iter()
                .find(|(w, _)| w == *wire)
                .is_some_and(|(_, value)| seen.insert(value.clone()))
        })
    });
    let Some(tag) = tag.cloned() else {
        return (webhooks, None);
    };
    for (webhook, fields) in webhooks.iter_mut().zip(&all) {
        webhook.tag_value = fields
            .iter()
            .find(|(w, _)| *w == tag)
            .map(|(_, v)| v.clone());
    }
    (webhooks, Some(tag))
}
