//! Servers of one operation or path item (`servers` beside the document's): Box sends uploads
//! to `upload.box.com`, and the client would send them to its API host.

use super::Lowerer;
use crate::pointer::push;
use crate::warning::Warning;

impl Lowerer<'_> {
    /// The servers an operation is sent to instead of the client's: its own `servers`, else
    /// its path item's; none when they are the document's (every one of them). Variables
    /// take their defaults. A relative or unusable URL is left out with a warning.
    pub(super) fn operation_servers(
        &mut self,
        item: &openapiv3::PathItem,
        op: &openapiv3::Operation,
        item_at: &str,
        at: &str,
    ) -> Vec<String> {
        let (list, list_at) = if !op.servers.is_empty() {
            (&op.servers, push(at, "servers"))
        } else if !item.servers.is_empty() {
            (&item.servers, push(item_at, "servers"))
        } else {
            return Vec::new();
        };
        let mut urls = Vec::new();
        let documents = &self.spec.api.servers;
        let same = |a: &openapiv3::Server, b: &openapiv3::Server| {
            a.url.trim_end_matches('/') == b.url.trim_end_matches('/')
        };
        // A document server with variables, written again, is whatever the client set them
        // to, which a fixed URL cannot say: the client's server then serves.
        let templated = list.iter().any(|s| {
            documents
                .iter()
                .any(|g| same(g, s) && g.variables.as_ref().is_some_and(|v| !v.is_empty()))
        });
        if templated {
            return Vec::new();
        }
        for (i, server) in list.iter().enumerate() {
            let url = with_defaults(server);
            let absolute = url.starts_with("https://") || url.starts_with("http://");
            let problem = if !absolute {
                Some("is not an absolute `http(s)://` URL")
            } else if url.contains(['{', '}', ' ']) {
                Some("has a variable without a default or a space")
            } else {
                None
            };
            match problem {
                Some(problem) => self.warnings.push(Warning {
                    at: self.spec.locate(&push(&list_at, &i.to_string())),
                    message: format!(
                        "this server (`{}`) {problem}; the operation is not sent there",
                        server.url
                    ),
                }),
                None if !urls.contains(&url) => urls.push(url),
                None => {}
            }
        }
        let global: Vec<String> = documents.iter().map(with_defaults).collect();
        if urls.is_empty() || global.iter().all(|g| urls.contains(g)) {
            return Vec::new();
        }
        urls
    }
}

/// What an operation's docs say of its own servers, when it has some.
pub(super) fn servers_note(servers: &[String]) -> Option<String> {
    let (first, others) = servers.split_first()?;
    let base_url = "[`base_url`](crate::ClientBuilder::base_url)";
    Some(if others.is_empty() {
        format!(
            "Sent to `{first}`, this operation's own server, unless the client was given a \
             {base_url}."
        )
    } else {
        let others: Vec<String> = others.iter().map(|s| format!("`{s}`")).collect();
        format!(
            "Sent to the client's server when it is one of this operation's own, `{first}` or \
             {}; else to `{first}`; unless the client was given a {base_url}.",
            others.join(", ")
        )
    })
}

/// A server's URL with each variable at its default, without a trailing `/`.
fn with_defaults(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url.trim_end_matches('/').to_string()
}
