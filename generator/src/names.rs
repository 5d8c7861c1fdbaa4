//! Rust identifiers from spec names: casing, keywords, digits, punctuation and collisions.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Keywords that work as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a `_` suffix.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `name` is a Rust keyword, raw-able or not.
pub fn is_keyword(name: &str) -> bool {
    RAW_KEYWORDS.contains(&name) || NON_RAW_KEYWORDS.contains(&name)
}

/// Turns arbitrary text into word characters heck can case: punctuation becomes a separator,
/// and `+`/`-` at the start keep their meaning (`+1` is `plus_1`).
fn words(raw: &str) -> String {
    let raw = raw.trim();
    let (prefix, rest) = match raw.chars().next() {
        Some('-') if raw.len() > 1 => ("minus ", &raw[1..]),
        Some('+') if raw.len() > 1 => ("plus ", &raw[1..]),
        _ => ("", raw),
    };
    let cleaned: String = rest
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    format!("{prefix}{cleaned}")
}

/// Makes a cased word a valid identifier: keywords, a leading digit, emptiness.
fn legal(name: String, fallback: &str) -> String {
    let name = if name.is_empty() {
        fallback.to_string()
    } else {
        name
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    };
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A type or variant name: `UpperCamelCase`, e.g. `sso-integration` → `SsoIntegration`.
pub fn type_name(raw: &str) -> String {
    let cased = words(raw).to_upper_camel_case();
    // A leading digit cannot start a type; `_2fa` would warn, so spell it as a word.
    let cased = if cased.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{cased}")
    } else {
        cased
    };
    legal(cased, "Value")
}

/// A function, field, module or argument name: `snake_case`.
pub fn snake_name(raw: &str) -> String {
    legal(words(raw).to_snake_case(), "value")
}

/// The identifier text without a raw prefix (for building derived names).
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Hands out unique names in one namespace, deterministically: the first comer keeps a name,
/// later ones get `1`, `2`, ... appended. Names that differ only in case collide too, since
/// they would clash as file names on case-insensitive file systems.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: BTreeSet<String>,
}

impl Namer {
    /// A namer with some names reserved.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Namer {
            taken: reserved.iter().map(|s| s.to_lowercase()).collect(),
        }
    }

    /// Claims `wanted`, or the first free `wanted1`, `wanted2`, ...
    pub fn claim(&mut self, wanted: &str) -> String {
        let base = bare(wanted);
        let mut candidate = wanted.to_string();
        let mut n = 1;
        while !self.taken.insert(bare(&candidate).to_lowercase()) {
            candidate = legal_suffixed(base, n);
            n += 1;
        }
        candidate
    }
}

fn legal_suffixed(base: &str, n: usize) -> String {
    // A type or variant kept off a keyword (`Self_`) drops its `_` before the number:
    // `Self_1` is not UpperCamelCase to rustc (a letter next to `_`), `Self1` is.
    let base = match base.strip_suffix('_') {
        Some(stem) if base.starts_with(|c: char| c.is_ascii_uppercase()) => stem,
        _ => base,
    };
    let joined = if base.ends_with(|c: char| c.is_ascii_digit()) {
        format!("{base}_{n}")
    } else {
        format!("{base}{n}")
    };
    legal(joined, "value")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_keywords_use_r_hash() {
        for kw in [
            "type", "ref", "match", "async", "await", "dyn", "try", "gen",
        ] {
            assert_eq!(snake_name(kw), format!("r#{kw}"));
        }
    }

    #[test]
    fn numbered_names_stay_in_their_case() {
        let mut types = Namer::default();
        assert_eq!(types.claim(&type_name("self")), "Self_");
        assert_eq!(types.claim(&type_name("Self")), "Self1");
        assert_eq!(types.claim("V1"), "V1");
        assert_eq!(types.claim("V1"), "V1_1");
        let mut fields = Namer::default();
        assert_eq!(fields.claim(&snake_name("self")), "self_");
        assert_eq!(fields.claim(&snake_name("Self")), "self_1");
    }

    #[test]
    fn non_raw_keywords_get_a_suffix() {
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("super"), "super_");
        assert_eq!(snake_name("crate"), "crate_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(snake_name("_"), "value");
    }

    #[test]
    fn leading_digits() {
        assert_eq!(snake_name("2fa_required"), "_2fa_required");
        assert_eq!(type_name("2fa_required"), "V2faRequired");
        assert_eq!(type_name("200"), "V200");
    }

    #[test]
    fn punctuation_and_case() {
        assert_eq!(type_name("SSO Settings"), "SsoSettings");
        assert_eq!(snake_name("SSO Settings"), "sso_settings");
        assert_eq!(snake_name("X-RateLimit-Reset"), "x_rate_limit_reset");
        assert_eq!(
            type_name("application/vnd.api+json"),
            "ApplicationVndApiJson"
        );
        assert_eq!(type_name("-1"), "Minus1");
        assert_eq!(type_name("+1"), "Plus1");
        assert_eq!(type_name("!!!"), "Value");
        assert_eq!(snake_name("ListSsoIntegration"), "list_sso_integration");
        assert_eq!(type_name("intergration_id"), "IntergrationId");
    }

    #[test]
    fn collisions_are_deterministic() {
        let mut namer = Namer::default();
        assert_eq!(namer.claim("PermissionType"), "PermissionType");
        assert_eq!(namer.claim("PermissionType1"), "PermissionType1");
        assert_eq!(namer.claim("PermissionType"), "PermissionType2");
        assert_eq!(namer.claim("permissiontype"), "permissiontype3");
        let mut fields = Namer::default();
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type1");
        assert_eq!(fields.claim("v1"), "v1");
        assert_eq!(fields.claim("v1"), "v1_1");
    }
}
