//! RFC 6901 JSON pointers, and the map from bundled pointers back to source files.

use crate::error::Location;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Escapes one reference token.
pub fn escape(token: &str) -> String {
    if !token.contains(['~', '/']) {
        return token.to_string();
    }
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends a token to a pointer.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    push_into(&mut out, token);
    out
}

/// Appends a token to a pointer in place (a walk truncates it back after the child).
pub fn push_into(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        pointer.push_str(&escape(token));
    } else {
        pointer.push_str(token);
    }
}

/// Looks up `pointer` in `value`, decoding percent-escapes as URI fragments carry them.
pub fn get<'a>(value: &'a serde_json::Value, pointer: &str) -> Option<&'a serde_json::Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let pointer = percent_decode(pointer);
    if !pointer.starts_with('/') {
        return None;
    }
    pointer.split('/').skip(1).try_fold(value, |v, token| {
        let token = unescape(token);
        match v {
            serde_json::Value::Object(map) => map.get(&token),
            serde_json::Value::Array(items) => {
                token.parse::<usize>().ok().and_then(|i| items.get(i))
            }
            _ => None,
        }
    })
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Maps pointers in the bundled document back to the file and pointer they came from.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    origins: BTreeMap<String, Location>,
}

impl SourceMap {
    /// Records that the bundled value at `bundled` came from `origin`.
    pub fn insert(&mut self, bundled: String, origin: Location) {
        self.origins.insert(bundled, origin);
    }

    /// The origin of a bundled pointer: the longest recorded prefix, plus the rest.
    pub fn locate(&self, bundled: &str) -> Location {
        let mut prefix = bundled;
        loop {
            if let Some(origin) = self.origins.get(prefix) {
                return Location {
                    file: origin.file.clone(),
                    pointer: format!("{}{}", origin.pointer, &bundled[prefix.len()..]),
                };
            }
            match prefix.rfind('/') {
                Some(cut) => prefix = &prefix[..cut],
                None if !prefix.is_empty() => prefix = "",
                None => {
                    return Location {
                        file: PathBuf::from("<spec>"),
                        pointer: bundled.to_string(),
                    }
                }
            }
        }
    }
}

impl SourceMap {
    /// The map for a document rewritten from this one, given `(new, old)` pointer pairs: each
    /// `new` subtree came from `old`. Origins recorded below an `old` (parts from other
    /// files) follow it; the pairs themselves win over those.
    pub fn remap(&self, moves: &[(String, String)]) -> SourceMap {
        let mut out = SourceMap::default();
        // The root pair is only the root: its subtrees have pairs of their own.
        for (new, old) in moves.iter().filter(|(_, old)| !old.is_empty()) {
            let below = self
                .origins
                .range(old.clone()..)
                .take_while(|(k, _)| k.starts_with(old.as_str()));
            for (key, origin) in below {
                let rest = &key[old.len()..];
                if rest.starts_with('/') {
                    out.origins.insert(format!("{new}{rest}"), origin.clone());
                }
            }
        }
        for (new, old) in moves {
            out.origins.insert(new.clone(), self.locate(old));
        }
        out
    }
}

/// A path as users should read it: relative to the working directory when it is below it.
pub fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn get_follows_escaped_tokens() {
        let doc = json!({"paths": {"/a/{id}": {"get": [1, 2]}}, "x~y": 3});
        assert_eq!(get(&doc, "/paths/~1a~1{id}/get/1"), Some(&json!(2)));
        assert_eq!(get(&doc, "/paths/~1a~1%7Bid%7D/get/0"), Some(&json!(1)));
        assert_eq!(get(&doc, "/x~0y"), Some(&json!(3)));
        assert_eq!(get(&doc, "/nope"), None);
        assert_eq!(get(&doc, "nope"), None);
    }

    #[test]
    fn locate_uses_longest_prefix() {
        let mut map = SourceMap::default();
        let root = Location {
            file: "root.json".into(),
            pointer: String::new(),
        };
        let frag = Location {
            file: "paths/a.json".into(),
            pointer: String::new(),
        };
        map.insert(String::new(), root);
        map.insert("/paths/~1a".into(), frag);
        assert_eq!(
            map.locate("/paths/~1a/post/requestBody").to_string(),
            "paths/a.json#/post/requestBody"
        );
        assert_eq!(
            map.locate("/paths/~1ab").to_string(),
            "root.json#/paths/~1ab"
        );
        assert_eq!(map.locate("/info").to_string(), "root.json#/info");
    }
}
