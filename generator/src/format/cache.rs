//! Formatted files of the previous run, by a hash of their tokens: regenerating after a
//! small spec change formats only the files whose tokens changed.
//!
//! One file holds the cache: a header naming the generator and its formatter, then per entry
//! a 128-bit key, a length and the text. A missing, stale or damaged cache is ignored (the
//! run formats everything), and saving it is best effort: a cache only ever saves time.

use proc_macro2::TokenStream;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The hash of a file's tokens and header: equal keys format to equal text.
pub type Key = u128;

/// What was formatted before, and what this run formatted or reused.
#[derive(Debug, Default)]
pub struct Cache {
    old: HashMap<Key, String>,
    /// This run's entries, which replace `old` when saved (so the cache never outgrows one
    /// crate's files): the text formatted now, or `None` for one of `old` reused.
    new: Mutex<HashMap<Key, Option<String>>>,
}

impl Cache {
    /// Reads the cache at `path`; anything unreadable makes an empty cache.
    pub fn load(path: &Path) -> Cache {
        let old = std::fs::read(path)
            .ok()
            .and_then(|bytes| parse(&bytes))
            .unwrap_or_default();
        Cache {
            old,
            new: Mutex::default(),
        }
    }

    /// The text formatted before for `key`, remembered for this run's save.
    pub fn get(&self, key: Key) -> Option<String> {
        let text = self.old.get(&key)?;
        self.keep(key, None);
        Some(text.clone())
    }

    /// Remembers the text formatted for `key`.
    pub fn remember(&self, key: Key, text: &str) {
        self.keep(key, Some(text.to_string()));
    }

    fn keep(&self, key: Key, text: Option<String>) {
        if let Ok(mut new) = self.new.lock() {
            new.insert(key, text);
        }
    }

    /// Writes this run's entries to `path` (through a temporary file and a rename, so a
    /// concurrent reader sees the old cache or the new one), unless they are what was read.
    pub fn save(self, path: &Path) {
        let Ok(new) = self.new.into_inner() else {
            return;
        };
        if new.len() == self.old.len() && new.keys().all(|key| self.old.contains_key(key)) {
            return;
        }
        let mut entries: Vec<(&Key, &String)> = new
            .iter()
            .filter_map(|(key, text)| Some((key, text.as_ref().or_else(|| self.old.get(key))?)))
            .collect();
        entries.sort_unstable_by_key(|(key, _)| **key);
        let mut bytes = signature().into_bytes();
        for (key, text) in entries {
            bytes.extend_from_slice(&key.to_le_bytes());
            bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
            bytes.extend_from_slice(text.as_bytes());
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&tmp, &bytes))
            .and_then(|()| std::fs::rename(&tmp, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

thread_local! {
    /// The cache of the job running on this thread, for the snippets its emitter formats.
    static CURRENT: RefCell<Option<Arc<Cache>>> = const { RefCell::new(None) };
}

/// Runs `make` (an emitter) with `cache` as the one [`current`] gives on this thread.
pub fn with_current<R>(cache: Option<&Arc<Cache>>, make: impl FnOnce() -> R) -> R {
    let previous = CURRENT.with(|current| current.replace(cache.cloned()));
    let out = make();
    CURRENT.with(|current| *current.borrow_mut() = previous);
    out
}

/// The cache of the job running on this thread, if it has one.
pub fn current() -> Option<Arc<Cache>> {
    CURRENT.with(|current| current.borrow().clone())
}

/// Formats `tokens` with `format`, or takes the text from the cache when it has formatted
/// the same header and tokens before.
pub fn cached<E>(
    cache: Option<&Cache>,
    header: &str,
    tokens: TokenStream,
    format: impl FnOnce(TokenStream) -> Result<String, E>,
) -> Result<String, E> {
    let Some(cache) = cache else {
        return format(tokens);
    };
    let key = key(header, &tokens);
    if let Some(text) = cache.get(key) {
        return Ok(text);
    }
    let text = format(tokens)?;
    cache.remember(key, &text);
    Ok(text)
}

/// The key of a file: its header and its tokens as the formatter sees them (spacing aside).
pub fn key(header: &str, tokens: &TokenStream) -> Key {
    // Two SipHashes told apart by a leading byte: 128 bits, so a collision (which would put
    // one file's text in another) is out of reach for any number of files a crate has.
    let mut hashers = Hashers([DefaultHasher::new(), DefaultHasher::new()]);
    hashers.0[1].write_u8(1);
    // The tokens' text (what a proc-macro hands the compiler) writes each tree with its
    // delimiters and joint punctuation, without copying the tokens as iterating them would.
    let _ = write!(hashers, "{header}\0{tokens}");
    let [low, high] = hashers.0.map(|hasher| hasher.finish());
    (u128::from(high) << 64) | u128::from(low)
}

/// Text written to both hashers.
struct Hashers([DefaultHasher; 2]);

impl std::fmt::Write for Hashers {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0
            .iter_mut()
            .for_each(|hasher| hasher.write(text.as_bytes()));
        Ok(())
    }
}

/// The first line of a cache file: entries made by another generator build or formatter
/// are not reused. `format/mod.rs` is hashed in, so changing how tokens become text retires
/// the cache even without a version bump.
fn signature() -> String {
    let mut hasher = DefaultHasher::new();
    include_str!("mod.rs").hash(&mut hasher);
    format!(
        "openapi-client-gen format cache {} {:016x}\n",
        env!("CARGO_PKG_VERSION"),
        hasher.finish()
    )
}

fn parse(bytes: &[u8]) -> Option<HashMap<Key, String>> {
    let mut rest = bytes.strip_prefix(signature().as_bytes())?;
    let mut entries = HashMap::new();
    while !rest.is_empty() {
        let (key, after) = rest.split_first_chunk::<16>()?;
        let (len, after) = after.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let text = after.get(..len)?;
        entries.insert(
            u128::from_le_bytes(*key),
            String::from_utf8(text.to_vec()).ok()?,
        );
        rest = &after[len..];
    }
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn k(header: &str, tokens: TokenStream) -> Key {
        key(header, &tokens)
    }

    #[test]
    fn keys_tell_tokens_apart_and_ignore_spacing() {
        let a = k("// h\n", quote! { pub struct A { x: u8 } });
        assert_eq!(a, k("// h\n", quote! { pub struct A{x:u8} }));
        assert_ne!(a, k("// h\n", quote! { pub struct A { x: u16 } }));
        assert_ne!(a, k("// other\n", quote! { pub struct A { x: u8 } }));
        // Same characters, different tree: `(a) b` against `(a b)`.
        assert_ne!(k("", quote! { (a) b }), k("", quote! { (a b) }));
        assert_ne!(k("", quote! { "x" }), k("", quote! { x }));
        assert_ne!(k("", quote! { a::b }), k("", quote! { a: :b }));
    }

    #[test]
    fn saved_entries_load_back_and_damage_is_ignored() {
        let dir = std::env::temp_dir().join(format!("format-cache-{}", std::process::id()));
        let path = dir.join("cache");
        let cache = Cache::load(&path);
        assert!(cache.get(1).is_none());
        cache.remember(1, "one");
        cache.remember(u128::MAX, "two\nlines");
        cache.save(&path);

        let cache = Cache::load(&path);
        assert_eq!(cache.get(1).as_deref(), Some("one"));
        assert_eq!(cache.get(u128::MAX).as_deref(), Some("two\nlines"));
        // Only what this run used is kept.
        cache.save(&path);
        let cache = Cache::load(&path);
        assert_eq!(cache.get(1).as_deref(), Some("one"));
        cache.save(&path);
        assert!(Cache::load(&path).get(u128::MAX).is_none());

        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() - 1);
        std::fs::write(&path, &bytes).unwrap();
        assert!(
            Cache::load(&path).get(1).is_none(),
            "a truncated cache is not read"
        );
        std::fs::write(&path, b"openapi-client-gen format cache 0.0.0 0\n").unwrap();
        assert!(
            Cache::load(&path).get(1).is_none(),
            "another generator's cache is not read"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
