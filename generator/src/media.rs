//! Media types that more than one stage reads the same way.

/// How a streamed media type frames its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `text/event-stream`: server-sent events.
    Sse,
    /// JSON Lines (`application/jsonl`, `application/x-ndjson`, ...): a value per line.
    Lines,
    /// `application/json-seq` (RFC 7464).
    JsonSeq,
}

/// The framing of a media type that streams items, `None` for any other.
pub fn stream_framing(content_type: &str) -> Option<Framing> {
    let ct = content_type
        .split(';')
        .next()
        .unwrap_or(content_type)
        .trim();
    match ct.to_ascii_lowercase().as_str() {
        "text/event-stream" => Some(Framing::Sse),
        "application/jsonl"
        | "application/x-ndjson"
        | "application/x-jsonlines"
        | "application/jsonlines"
        | "application/ndjson" => Some(Framing::Lines),
        "application/json-seq" => Some(Framing::JsonSeq),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_known_by_their_media_type() {
        assert_eq!(
            stream_framing("text/event-stream; charset=utf-8"),
            Some(Framing::Sse)
        );
        assert_eq!(stream_framing("Application/X-NDJSON"), Some(Framing::Lines));
        assert_eq!(
            stream_framing("application/json-seq"),
            Some(Framing::JsonSeq)
        );
        assert_eq!(stream_framing("application/json"), None);
    }
}
