//! Security schemes and requirements: what each call sends, and what `Client::new` takes.

use super::docs::doc;
use super::Lowerer;
use crate::ir::{Operation, ParamLocation, SchemeKind, SecurityScheme};
use crate::names::{self, Namer};
use crate::pointer::push;
use crate::warning::Warning;
use heck::ToShoutySnakeCase;
use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement};

/// Builder methods a scheme's setter must not shadow.
pub(super) const RESERVED_SETTERS: &[&str] = &[
    "server_variable",
    "new",
    "build",
    "credential",
    "region",
    "base_url",
    "timeout",
    "total_timeout",
    "connect_timeout",
    "response_body_limit",
    "proxy",
    "no_proxy",
    "add_root_certificate",
    "transport",
    "retry_policy",
    "user_agent",
    "default_header",
    "clone",
    "fmt",
];

/// A scheme the spec declares, before lowering knows whether any operation uses it.
#[derive(Debug, Clone)]
pub(super) struct Declared {
    key: String,
    kind: SchemeKind,
    doc: Option<String>,
}

impl Lowerer<'_> {
    /// The schemes of `components.securitySchemes` that can be sent; the others are left out
    /// with a warning.
    pub(super) fn declared_schemes(&mut self) -> Vec<Declared> {
        let Some(components) = self.spec.api.components.as_ref() else {
            return Vec::new();
        };
        let mut declared = Vec::new();
        for (key, scheme) in &components.security_schemes {
            let at = push("/components/securitySchemes", key);
            let ReferenceOr::Item(scheme) = scheme else {
                self.warn(
                    &at,
                    "a security scheme $ref is not followed; the scheme is left out",
                );
                continue;
            };
            let (kind, description) = match scheme {
                openapiv3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } => {
                    let kind = match scheme.to_ascii_lowercase().as_str() {
                        "bearer" => SchemeKind::Http("Bearer".into()),
                        "basic" => SchemeKind::Basic,
                        _ if is_token(scheme) => SchemeKind::Http(scheme.clone()),
                        _ => {
                            self.warn(&at, "an http scheme that is not an HTTP token cannot be sent; the scheme is left out");
                            continue;
                        }
                    };
                    (kind, description)
                }
                openapiv3::SecurityScheme::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => {
                    if !is_token(name) {
                        self.warn(
                            &at,
                            &format!(
                                "the API key name {name:?} cannot be sent; the scheme is left out"
                            ),
                        );
                        continue;
                    }
                    let (location, name) = match location {
                        APIKeyLocation::Header => {
                            (ParamLocation::Header, name.to_ascii_lowercase())
                        }
                        APIKeyLocation::Query => (ParamLocation::Query, name.clone()),
                        APIKeyLocation::Cookie => (ParamLocation::Cookie, name.clone()),
                    };
                    (SchemeKind::ApiKey(location, name), description)
                }
                openapiv3::SecurityScheme::OAuth2 {
                    flows, description, ..
                } => {
                    let url = flows
                        .client_credentials
                        .as_ref()
                        .map(|f| f.token_url.clone());
                    (SchemeKind::OAuth2(url), description)
                }
                openapiv3::SecurityScheme::OpenIDConnect { description, .. } => {
                    (SchemeKind::OAuth2(None), description)
                }
            };
            declared.push(Declared {
                key: key.clone(),
                kind,
                doc: doc(description.as_deref()),
            });
        }
        declared
    }

    /// An operation's requirement (its own, else the document's), as indexes into
    /// `declared`; alternatives naming an undeclared scheme are left out with a warning.
    pub(super) fn requirement(
        &mut self,
        declared: &[Declared],
        own: Option<&Vec<SecurityRequirement>>,
        at: &str,
    ) -> Vec<Vec<usize>> {
        let (list, at) = match own {
            Some(list) => (list, push(at, "security")),
            None => match self.spec.api.security.as_ref() {
                Some(list) => (list, "/security".to_string()),
                None => return Vec::new(),
            },
        };
        let mut alternatives: Vec<Vec<usize>> = Vec::new();
        for (i, alternative) in list.iter().enumerate() {
            let indexes: Option<Vec<usize>> = alternative
                .keys()
                .map(|key| declared.iter().position(|d| d.key == *key))
                .collect();
            match indexes {
                Some(indexes) if !alternatives.contains(&indexes) => alternatives.push(indexes),
                Some(_) => {}
                None => {
                    let at = push(&at, &i.to_string());
                    self.warn(&at, "this alternative names a security scheme that is not declared (or cannot be sent); it is left out");
                }
            }
        }
        alternatives
    }

    fn warn(&mut self, pointer: &str, message: &str) {
        let at = self.spec.locate(pointer);
        // One warning per place: a document default is read by every operation.
        if !self
            .warnings
            .iter()
            .any(|w| w.at == at && w.message == message)
        {
            self.warnings.push(Warning {
                at,
                message: message.to_string(),
            });
        }
    }
}

/// Keeps the schemes some operation uses, renumbers the operations' requirements, and picks
/// the scheme `Client::new` takes.
pub(super) fn finish(
    declared: Vec<Declared>,
    operations: &mut [Operation],
    default: Option<&Vec<SecurityRequirement>>,
    setters: &mut Namer,
) -> (Vec<SecurityScheme>, Option<usize>) {
    let used: Vec<usize> = (0..declared.len())
        .filter(|i| {
            let mut all = operations
                .iter()
                .flat_map(|op| op.security.iter().flatten());
            all.any(|j| j == i)
        })
        .collect();
    for op in operations.iter_mut() {
        for alternative in &mut op.security {
            for index in alternative.iter_mut() {
                *index = used.iter().position(|u| u == index).unwrap_or(0);
            }
        }
    }
    let mut consts = Namer::default();
    let schemes: Vec<SecurityScheme> = used
        .iter()
        .map(|&i| {
            let d = &declared[i];
            let snake = names::snake_name(&d.key);
            SecurityScheme {
                key: d.key.clone(),
                const_name: consts.claim(&names::bare(&snake).to_shouty_snake_case()),
                setter: setters.claim(&snake),
                kind: d.kind.clone(),
                doc: d.doc.clone(),
            }
        })
        .collect();
    let primary = primary(&schemes, operations, default);
    (schemes, primary)
}

/// The scheme `Client::new` takes: the only one; else the first that alone satisfies every
/// operation that needs credentials; else the document default's first alternative when it
/// is one scheme. With none, `Client::new()` takes nothing and each scheme has a setter.
fn primary(
    schemes: &[SecurityScheme],
    operations: &[Operation],
    default: Option<&Vec<SecurityRequirement>>,
) -> Option<usize> {
    match schemes.len() {
        0 => return None,
        1 => return Some(0),
        _ => {}
    }
    let needing: Vec<&Operation> = operations
        .iter()
        .filter(|op| !op.security.is_empty() && op.security.iter().all(|a| !a.is_empty()))
        .collect();
    let alone = |i: usize| {
        needing
            .iter()
            .all(|op| op.security.iter().any(|a| a == &[i]))
    };
    let mut order: Vec<usize> = Vec::new();
    for op in &needing {
        for &i in op.security.iter().flatten() {
            if !order.contains(&i) {
                order.push(i);
            }
        }
    }
    if let Some(&i) = order.iter().find(|&&i| alone(i)) {
        return Some(i);
    }
    let first = default?.first()?;
    let mut keys = first.keys();
    let (Some(key), None) = (keys.next(), keys.next()) else {
        return None;
    };
    schemes.iter().position(|s| s.key == *key)
}

/// An HTTP token (RFC 9110 §5.6.2): what header names and auth schemes are made of.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
