//! Servers, matched by their `Region` variant.

use super::model::Rule;
use super::{Sides, Sink};
use crate::ir::Server;

/// Compares the servers.
pub fn compare(sides: &Sides<'_>, sink: &mut Sink) {
    let (old, new) = (&sides.old_api.servers, &sides.new_api.servers);
    for o in old {
        let subject = format!("Region::{}", o.name);
        match new.iter().find(|n| n.name == o.name) {
            None => sink.push(
                Rule::ServerRemoved,
                subject,
                format!("server `{}` removed", o.url),
            ),
            Some(n) => {
                if o.url != n.url {
                    sink.push(
                        Rule::ServerUrlChanged,
                        &subject,
                        format!("was `{}`, now `{}`", o.url, n.url),
                    );
                }
                sink.doc(&subject, &described(o), &described(n));
            }
        }
    }
    for n in new {
        if !old.iter().any(|o| o.name == n.name) {
            sink.push(
                Rule::ServerAdded,
                format!("Region::{}", n.name),
                format!("server `{}` added", n.url),
            );
        }
    }
}

/// The server's own description: without one, lowering uses the URL, which is not docs.
fn described(server: &Server) -> Option<String> {
    let url_only = server
        .doc
        .strip_prefix('`')
        .and_then(|d| d.strip_suffix('`'));
    match url_only {
        Some(url) if url.trim_end_matches('/') == server.url => None,
        _ => Some(server.doc.clone()),
    }
}
