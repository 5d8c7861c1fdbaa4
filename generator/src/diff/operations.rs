//! Operations, matched by client method name: parameters, request bodies and responses.

use super::types::{body_shape, pair_types, show, Pair, Uses};
use super::{Sides, Sink};
use crate::diff::model::Rule;
use crate::ir::{Operation, Param, ParamLocation, Status, StatusBody, TypeRef};

/// Model pairs met in operations, with how they are used.
pub type Seeds = Vec<(Pair, Uses)>;

/// Compares the operations; returns the model pairs their types lead to.
pub fn compare(sides: &Sides<'_>, sink: &mut Sink) -> Seeds {
    let mut seeds = Seeds::new();
    let (old_api, new_api) = (sides.old_api, sides.new_api);
    for old in &old_api.operations {
        match find(&new_api.operations, &old.method_name) {
            Some(new) => operation(sides, old, new, sink, &mut seeds),
            None => sink.push(
                Rule::OperationRemoved,
                &old.method_name,
                format!(
                    "`{} {}` removed: `Client::{}` is gone",
                    old.http_method, old.path, old.method_name
                ),
            ),
        }
    }
    for new in &new_api.operations {
        if find(&old_api.operations, &new.method_name).is_none() {
            sink.push(
                Rule::OperationAdded,
                &new.method_name,
                format!(
                    "`{} {}` added as `Client::{}`",
                    new.http_method, new.path, new.method_name
                ),
            );
        }
    }
    error_body(sides, sink, &mut seeds);
    seeds
}

/// The operation named `method` in `ops`.
pub fn find<'a>(ops: &'a [Operation], method: &str) -> Option<&'a Operation> {
    ops.iter().find(|op| op.method_name == method)
}

fn operation(
    sides: &Sides<'_>,
    old: &Operation,
    new: &Operation,
    sink: &mut Sink,
    seeds: &mut Seeds,
) {
    let name = &old.method_name;
    if old.http_method != new.http_method || old.path != new.path {
        sink.push(
            Rule::OperationEndpointChanged,
            name,
            format!(
                "`{} {}` is now `{} {}`",
                old.http_method, old.path, new.http_method, new.path
            ),
        );
    }
    if old.servers != new.servers {
        let server = |s: &[String]| match s {
            [] => "the client's base URL".to_string(),
            list => list
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        sink.push(
            Rule::OperationEndpointChanged,
            name,
            format!(
                "is sent to {} instead of {}",
                server(&new.servers),
                server(&old.servers)
            ),
        );
    }
    sink.doc(name, &old.doc, &new.doc);
    params(sides, old, new, sink, seeds);
    body(sides, old, new, sink, seeds);
    responses(sides, old, new, sink, seeds);
}

fn location(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

fn role(param: &Param) -> &'static str {
    if param.required {
        "argument"
    } else {
        "setter"
    }
}

/// Parameters match by wire name and location, then by wire name alone (a moved parameter).
fn match_params<'a>(
    old: &'a [Param],
    new: &'a [Param],
) -> Vec<(Option<&'a Param>, Option<&'a Param>)> {
    let mut taken = vec![false; new.len()];
    let mut pairs = Vec::new();
    let mut unmatched = Vec::new();
    for o in old {
        let found = new
            .iter()
            .enumerate()
            .find(|(i, n)| !taken[*i] && n.wire == o.wire && n.location == o.location);
        match found {
            Some((i, n)) => {
                taken[i] = true;
                pairs.push((Some(o), Some(n)));
            }
            None => unmatched.push(o),
        }
    }
    for o in unmatched {
        let found = new
            .iter()
            .enumerate()
            .find(|(i, n)| !taken[*i] && n.wire == o.wire);
        match found {
            Some((i, n)) => {
                taken[i] = true;
                pairs.push((Some(o), Some(n)));
            }
            None => pairs.push((Some(o), None)),
        }
    }
    for (i, n) in new.iter().enumerate() {
        if !taken[i] {
            pairs.push((None, Some(n)));
        }
    }
    pairs
}

fn params(sides: &Sides<'_>, old: &Operation, new: &Operation, sink: &mut Sink, seeds: &mut Seeds) {
    let op = &old.method_name;
    let subject = |p: &Param| format!("{op}: {} parameter `{}`", location(p.location), p.wire);
    for pair in match_params(&old.params, &new.params) {
        match pair {
            (Some(o), None) => sink.push(
                Rule::ParameterRemoved,
                subject(o),
                format!("removed: the `{}` {} is gone", o.name, role(o)),
            ),
            (None, Some(n)) if n.required => sink.push(
                Rule::ParameterAddedRequired,
                subject(n),
                format!("added as a required argument `{}: {}`", n.name, show(&n.ty)),
            ),
            (None, Some(n)) => sink.push(
                Rule::ParameterAddedOptional,
                subject(n),
                format!("added as an optional setter `.{}(..)`", n.name),
            ),
            (Some(o), Some(n)) => {
                let subject = subject(n);
                if o.location != n.location {
                    sink.push(
                        Rule::ParameterLocationChanged,
                        &subject,
                        format!(
                            "moved from the {} to the {}",
                            location(o.location),
                            location(n.location)
                        ),
                    );
                }
                if o.required != n.required {
                    sink.push(
                        Rule::ParameterRequirednessChanged,
                        &subject,
                        format!(
                            "was {}, now {}: the {} becomes a{}",
                            if o.required { "required" } else { "optional" },
                            if n.required { "required" } else { "optional" },
                            role(o),
                            if n.required { "n argument" } else { " setter" }
                        ),
                    );
                }
                let mut pairs = Vec::new();
                if pair_types(&o.ty, &n.ty, sides.old_api, sides.new_api, &mut pairs) {
                    seed(seeds, pairs, true, op);
                } else {
                    sink.push(
                        Rule::ParameterTypeChanged,
                        &subject,
                        format!("was `{}`, now `{}`", show(&o.ty), show(&n.ty)),
                    );
                }
                sink.doc(&subject, &o.doc, &n.doc);
            }
            (None, None) => {}
        }
    }
    // Required parameters are positional: compare the order of those required on both sides.
    let kept = |from: &[Param], other: &[Param]| -> Vec<String> {
        from.iter()
            .filter(|p| p.required && other.iter().any(|q| q.required && q.wire == p.wire))
            .map(|p| p.wire.clone())
            .collect()
    };
    let (before, after) = (
        kept(&old.params, &new.params),
        kept(&new.params, &old.params),
    );
    if before != after {
        sink.push(
            Rule::ParameterOrderChanged,
            format!("{op}: arguments"),
            format!(
                "required arguments were ({}), now ({})",
                before.join(", "),
                after.join(", ")
            ),
        );
    }
}

fn body(sides: &Sides<'_>, old: &Operation, new: &Operation, sink: &mut Sink, seeds: &mut Seeds) {
    let op = &old.method_name;
    let subject = format!("{op}: request body");
    match (&old.body, &new.body) {
        (None, None) => {}
        (None, Some(n)) if n.required => sink.push(
            Rule::BodyAddedRequired,
            subject,
            format!("added as a required argument `body: &{}`", show(&n.ty)),
        ),
        (None, Some(n)) => sink.push(
            Rule::BodyAddedOptional,
            subject,
            format!("added as an optional `.body(&{})` setter", show(&n.ty)),
        ),
        (Some(o), None) => sink.push(
            Rule::BodyRemoved,
            subject,
            format!("removed: the `{}` body is gone", show(&o.ty)),
        ),
        (Some(o), Some(n)) => {
            if o.required != n.required {
                sink.push(
                    Rule::BodyRequirednessChanged,
                    &subject,
                    if n.required {
                        "now required: the `body` setter becomes an argument"
                    } else {
                        "now optional: the `body` argument becomes a setter"
                    },
                );
            }
            let mut pairs = Vec::new();
            if body_shape(o) == body_shape(n)
                && pair_types(&o.ty, &n.ty, sides.old_api, sides.new_api, &mut pairs)
            {
                seed(seeds, pairs, true, op);
                if o.content_type != n.content_type {
                    sink.push(
                        Rule::BodyMediaTypeChanged,
                        &subject,
                        format!(
                            "sent as `{}` instead of `{}`",
                            n.content_type, o.content_type
                        ),
                    );
                }
            } else {
                sink.push(
                    Rule::BodyTypeChanged,
                    &subject,
                    format!(
                        "was `{}` ({}), now `{}` ({})",
                        show(&o.ty),
                        o.content_type,
                        show(&n.ty),
                        n.content_type
                    ),
                );
            }
            sink.doc(&subject, &o.doc, &n.doc);
        }
    }
}

fn status_label(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Range(class) => format!("{class}XX"),
    }
}

fn responses(
    sides: &Sides<'_>,
    old: &Operation,
    new: &Operation,
    sink: &mut Sink,
    seeds: &mut Seeds,
) {
    let op = &old.method_name;
    let mut pairs = Vec::new();
    if pair_types(
        &old.success,
        &new.success,
        sides.old_api,
        sides.new_api,
        &mut pairs,
    ) {
        seed(seeds, pairs, false, op);
    } else {
        sink.push(
            Rule::ResponseTypeChanged,
            format!("{op}: success body"),
            format!(
                "returned `{}`, now returns `{}`",
                show(&old.success),
                show(&new.success)
            ),
        );
    }
    let statuses = |op: &Operation| -> Vec<(String, bool, TypeRef)> {
        let entry = |s: &StatusBody, success: bool| (status_label(s.status), success, s.ty.clone());
        op.success_statuses
            .iter()
            .map(|s| entry(s, true))
            .chain(op.error_statuses.iter().map(|s| entry(s, false)))
            .chain(
                op.default_error
                    .iter()
                    .map(|ty| ("default".to_string(), false, ty.clone())),
            )
            .collect()
    };
    let (before, after) = (statuses(old), statuses(new));
    let kind = |success: bool| if success { "success" } else { "error" };
    for (label, success, ty) in &before {
        match after.iter().find(|(l, _, _)| l == label) {
            None => sink.push(
                Rule::ResponseStatusRemoved,
                format!("{op}: status {label}"),
                format!(
                    "the {} status {label} is no longer declared",
                    kind(*success)
                ),
            ),
            // An error body of another shape decodes into another `ErrorBody`; when the
            // crate-wide `ErrorBody` changed, that change is reported once instead.
            Some((_, false, new_ty)) if !*success && !sides.error_body_changed => {
                let mut pairs = Vec::new();
                if pair_types(ty, new_ty, sides.old_api, sides.new_api, &mut pairs) {
                    seed(seeds, pairs, false, op);
                } else {
                    sink.push(
                        Rule::ErrorBodyChanged,
                        format!("{op}: status {label}"),
                        format!("the error body was `{}`, now `{}`", show(ty), show(new_ty)),
                    );
                }
            }
            Some(_) => {}
        }
    }
    for (label, success, ty) in &after {
        if !before.iter().any(|(l, _, _)| l == label) {
            sink.push(
                Rule::ResponseStatusAdded,
                format!("{op}: status {label}"),
                format!(
                    "the {} status {label} is now declared (body `{}`)",
                    kind(*success),
                    show(ty)
                ),
            );
        }
    }
}

/// Whether the crate-wide `ErrorBody` type changes shape (another type, or other variants).
pub fn error_body_changed(sides: &Sides<'_>) -> bool {
    let (old, new) = (&sides.old_api.error_types, &sides.new_api.error_types);
    old.len() != new.len()
        || old
            .iter()
            .zip(new)
            .any(|(o, n)| !pair_types(o, n, sides.old_api, sides.new_api, &mut Vec::new()))
}

fn error_body(sides: &Sides<'_>, sink: &mut Sink, seeds: &mut Seeds) {
    let (old, new) = (&sides.old_api.error_types, &sides.new_api.error_types);
    let list = |types: &[TypeRef]| match types {
        [] => "`serde_json::Value`".to_string(),
        [single] => format!("`{}`", show(single)),
        many => format!(
            "an enum of {}",
            many.iter()
                .map(|t| format!("`{}`", show(t)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    if sides.error_body_changed {
        sink.push(
            Rule::ErrorBodyChanged,
            "ErrorBody",
            format!("was {}, now {}", list(old), list(new)),
        );
        return;
    }
    for (o, n) in old.iter().zip(new) {
        let mut pairs = Vec::new();
        pair_types(o, n, sides.old_api, sides.new_api, &mut pairs);
        seed(seeds, pairs, false, "");
    }
}

fn seed(seeds: &mut Seeds, pairs: Vec<Pair>, request: bool, op: &str) {
    let op = (!op.is_empty()).then_some(op);
    seeds.extend(pairs.into_iter().map(|pair| (pair, Uses::one(request, op))));
}
