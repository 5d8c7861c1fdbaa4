//! OpenAPI 3.2's `$self`: the URI the document is published at, the base of its refs. A
//! `$ref` written as an absolute URL or path under it (`https://example.com/api/pets.json`,
//! `/api/openapi.json#/components/schemas/Pet`) is read from the local file at the same
//! place relative to the root document, so a document published with such refs generates
//! from a checkout. A relative `$ref` means the same against `$self` as against the file it
//! is written in, so it is left alone; refs elsewhere stay URLs (which are not fetched).

use serde_json::Value;
use std::path::{Path, PathBuf};

/// Where `$self` says the root document is, and where the root document is on disk.
#[derive(Debug, Clone)]
pub struct SelfBase {
    /// `$self` without its fragment.
    document: String,
    /// Its scheme and authority (`https://example.com`), empty for an absolute path.
    origin: String,
    /// The segments of its folder (`["api"]` for `/api/openapi.json`).
    folder: Vec<String>,
    /// The root document's folder on disk.
    root_dir: PathBuf,
}

/// What `$self` gives: a base, or why it cannot be one.
pub enum Declared {
    /// No `$self` (or not a 3.2 document).
    None,
    /// A usable base.
    Base(SelfBase),
    /// A `$self` that is no absolute URL or path, as a warning message.
    Unusable(String),
}

impl SelfBase {
    /// The base a 3.2 document at `root` declares with `$self`.
    pub fn of(doc: &Value, root: &Path) -> Declared {
        if !crate::openapi32::is_32(doc) {
            return Declared::None;
        }
        let Some(declared) = doc.get("$self") else {
            return Declared::None;
        };
        let Some(text) = declared.as_str() else {
            return Declared::Unusable(
                "`$self` is not a string; refs are resolved against the file they are in".into(),
            );
        };
        let document = text.split('#').next().unwrap_or_default();
        let (origin, path) = match document.find("://") {
            Some(at) => {
                let after = at + 3;
                let end = document[after..]
                    .find('/')
                    .map_or(document.len(), |i| after + i);
                (&document[..end], &document[end..])
            }
            None if document.starts_with('/') => ("", document),
            None => {
                return Declared::Unusable(format!(
                    "`$self` (`{text}`) is neither an absolute URL nor an absolute path; refs \
                     are resolved against the file they are in"
                ))
            }
        };
        let mut folder: Vec<String> = path.split('/').map(str::to_owned).collect();
        // The last segment is the document's own name; the first is empty (the leading `/`).
        folder.pop();
        folder.retain(|s| !s.is_empty());
        Declared::Base(SelfBase {
            document: document.to_string(),
            origin: origin.to_string(),
            folder,
            root_dir: root.parent().unwrap_or(Path::new(".")).to_path_buf(),
        })
    }

    /// Points every `$ref` of `doc` (a file of the bundle) under the base at its local file.
    pub fn rewrite(&self, doc: &mut Value) {
        crate::defs::each_ref_mut(doc, "", &mut |reference| {
            if let Some(local) = self.local(reference) {
                *reference = local;
            }
        });
    }

    /// The local form of `reference`, when it is an absolute URL or path under the base:
    /// `#pointer` for the root document itself, else the file's path on disk.
    fn local(&self, reference: &str) -> Option<String> {
        let (target, fragment) = match reference.split_once('#') {
            Some((target, fragment)) => (target, format!("#{fragment}")),
            None => (reference, String::new()),
        };
        let path = if target.contains("://") {
            target
                .strip_prefix(self.origin.as_str())
                .filter(|_| !self.origin.is_empty())?
        } else if target.starts_with('/') && !target.starts_with("//") {
            target
        } else {
            return None;
        };
        if !path.starts_with('/') {
            return None;
        }
        if format!("{}{path}", self.origin) == self.document {
            return Some(if fragment.is_empty() {
                "#".into()
            } else {
                fragment
            });
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let common = self
            .folder
            .iter()
            .zip(&segments)
            .take_while(|(a, b)| a == *b)
            .count();
        // Never above the root document's folder on disk by more than `$self` is.
        let mut local = self.root_dir.clone();
        for _ in common..self.folder.len() {
            local.push("..");
        }
        for segment in &segments[common..] {
            local.push(segment);
        }
        Some(format!("{}{fragment}", local.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn base(declared: &str) -> SelfBase {
        let doc = json!({"openapi": "3.2.0", "$self": declared});
        match SelfBase::of(&doc, Path::new("/specs/v1/openapi.json")) {
            Declared::Base(base) => base,
            _ => panic!("{declared} is a base"),
        }
    }

    #[test]
    fn refs_under_self_are_local_files() {
        let base = base("https://example.com/api/v1/openapi.json");
        let local = |r: &str| base.local(r);
        assert_eq!(
            local("https://example.com/api/v1/openapi.json#/components/schemas/Pet").as_deref(),
            Some("#/components/schemas/Pet")
        );
        assert_eq!(
            local("https://example.com/api/v1/schemas/pet.json#/Pet").as_deref(),
            Some("/specs/v1/schemas/pet.json#/Pet")
        );
        assert_eq!(
            local("/api/common.json").as_deref(),
            Some("/specs/v1/../common.json")
        );
        // Relative refs mean the same against the file; other hosts are not this document's.
        assert_eq!(local("schemas/pet.json"), None);
        assert_eq!(local("#/components/schemas/Pet"), None);
        assert_eq!(local("https://other.example.com/api/v1/pet.json"), None);
    }

    #[test]
    fn an_absolute_path_is_a_base_and_a_relative_one_is_not() {
        let base = base("/api/openapi.json");
        assert_eq!(base.local("/api/openapi.json#/x").as_deref(), Some("#/x"));
        let doc = json!({"openapi": "3.2.0", "$self": "openapi.json"});
        assert!(matches!(
            SelfBase::of(&doc, Path::new("/s/openapi.json")),
            Declared::Unusable(_)
        ));
        let doc = json!({"openapi": "3.1.0", "$self": "https://example.com/openapi.json"});
        assert!(matches!(
            SelfBase::of(&doc, Path::new("/s/openapi.json")),
            Declared::None
        ));
    }

    #[test]
    fn rewriting_leaves_vendor_data_alone() {
        let base = base("https://example.com/api/v1/openapi.json");
        let mut doc = json!({
            "paths": {"/p": {"$ref": "https://example.com/api/v1/paths.json#/p"}},
            "x-sample": {"$ref": "https://example.com/api/v1/openapi.json#/x"}
        });
        base.rewrite(&mut doc);
        assert_eq!(doc["paths"]["/p"]["$ref"], "/specs/v1/paths.json#/p");
        assert_eq!(
            doc["x-sample"]["$ref"],
            "https://example.com/api/v1/openapi.json#/x"
        );
    }
}
