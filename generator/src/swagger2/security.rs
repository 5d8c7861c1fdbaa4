//! `securityDefinitions` → `components.securitySchemes`.

use super::{copy_extensions, Converter};
use crate::pointer::push;
use serde_json::{json, Map, Value};

/// 2.0's OAuth2 `flow` names, their 3.0 names, and the URLs each needs.
const FLOWS: [(&str, &str, &[&str]); 4] = [
    ("implicit", "implicit", &["authorizationUrl"]),
    ("password", "password", &["tokenUrl"]),
    ("application", "clientCredentials", &["tokenUrl"]),
    (
        "accessCode",
        "authorizationCode",
        &["authorizationUrl", "tokenUrl"],
    ),
];

impl Converter<'_> {
    /// Each scheme in its 3.0 form; one that cannot be read is left out, with a warning.
    pub(super) fn security_schemes(
        &mut self,
        definitions: &Map<String, Value>,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for (name, definition) in definitions {
            let old = push("/securityDefinitions", name);
            let Some(definition) = definition.as_object() else {
                self.warn(
                    &old,
                    "a security definition that is not an object is left out",
                );
                continue;
            };
            let Some(mut scheme) = self.scheme(definition, &old) else {
                continue;
            };
            if let Some(description) = definition.get("description") {
                scheme.insert("description".into(), description.clone());
            }
            let new = push("/components/securitySchemes", name);
            copy_extensions(definition, &mut scheme, &new, &old, self);
            self.moved(&new, &old);
            out.insert(name.clone(), Value::Object(scheme));
        }
        out
    }

    fn scheme(&mut self, definition: &Map<String, Value>, old: &str) -> Option<Map<String, Value>> {
        let text = |key: &str| definition.get(key).and_then(Value::as_str);
        let scheme = match text("type") {
            Some("basic") => json!({"type": "http", "scheme": "basic"}),
            Some("apiKey") => json!({"type": "apiKey", "name": text("name"), "in": text("in")}),
            Some("oauth2") => {
                let flow = text("flow").unwrap_or_default();
                let Some((_, flow_name, urls)) = FLOWS.iter().find(|(f, _, _)| *f == flow) else {
                    self.warn(
                        &push(old, "flow"),
                        format!("unknown OAuth2 flow `{flow}` (implicit, password, application or accessCode); the scheme is left out"),
                    );
                    return None;
                };
                let mut body = Map::new();
                for url in *urls {
                    let Some(value) = text(url) else {
                        self.warn(
                            old,
                            format!(
                                "an OAuth2 `{flow}` flow needs `{url}`; the scheme is left out"
                            ),
                        );
                        return None;
                    };
                    body.insert((*url).into(), value.into());
                }
                let scopes = definition.get("scopes").filter(|s| s.is_object());
                body.insert(
                    "scopes".into(),
                    scopes.cloned().unwrap_or_else(|| json!({})),
                );
                json!({"type": "oauth2", "flows": { *flow_name: body }})
            }
            other => {
                let shown = other.unwrap_or("none");
                self.warn(
                    &push(old, "type"),
                    format!("unknown security type `{shown}` (basic, apiKey or oauth2); the scheme is left out"),
                );
                return None;
            }
        };
        scheme.as_object().cloned()
    }
}
