//! Servers of one operation or path item (`servers` beside the document's): Box sends uploads
//! to `upload.box.com`, and the client would send them to its API host.

use super::Lowerer;
use crate::pointer::push;
use crate::warning::Warning;

impl Lowerer<'_> {
    /// The server an operation is sent to instead of the client's: the first of its own
    /// `servers`, else of its path item's, when that is none of the document's servers.
    /// Variables take their defaults. A relative or unusable URL is left out with a warning.
    pub(super) fn operation_server(
        &mut self,
        item: &openapiv3::PathItem,
        op: &openapiv3::Operation,
        item_at: &str,
        at: &str,
    ) -> Option<String> {
        let (list, list_at) = if !op.servers.is_empty() {
            (&op.servers, push(at, "servers"))
        } else if !item.servers.is_empty() {
            (&item.servers, push(item_at, "servers"))
        } else {
            return None;
        };
        let server = list.first()?;
        let url = with_defaults(server);
        let global = &self.spec.api.servers;
        if global.iter().any(|g| {
            g.url.trim_end_matches('/') == server.url.trim_end_matches('/')
                || with_defaults(g) == url
        }) {
            return None;
        }
        let absolute = url.starts_with("https://") || url.starts_with("http://");
        let problem = if !absolute {
            Some("is not an absolute `http(s)://` URL")
        } else if url.contains(['{', '}', ' ']) {
            Some("has a variable without a default or a space")
        } else {
            None
        };
        if let Some(problem) = problem {
            self.warnings.push(Warning {
                at: self.spec.locate(&push(&list_at, "0")),
                message: format!(
                    "this server (`{}`) {problem}; the operation is sent to the client's base URL",
                    server.url
                ),
            });
            return None;
        }
        Some(url)
    }
}

/// A server's URL with each variable at its default, without a trailing `/`.
fn with_defaults(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url.trim_end_matches('/').to_string()
}
