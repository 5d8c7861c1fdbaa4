//! The generator's configuration file: `openapi-client-gen.toml` beside the spec (in the
//! spec's folder, or in the folder of a spec file), or the file `--config` names. It holds the
//! crate's package metadata, pagination per operation, method renames and tag features;
//! command-line flags
//! override it. Errors name the file and the key.

use crate::lower::DeclaredPaging;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file looked for beside the spec.
pub const FILE_NAME: &str = "openapi-client-gen.toml";

/// What the configuration file says; everything is optional.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The generated crate's package metadata.
    #[serde(default)]
    pub package: PackageConfig,
    /// How each operation pages, by operationId (overrides conventions; an extension in
    /// the document wins); `style = "none"` turns its streams off.
    #[serde(default)]
    pub pagination: BTreeMap<String, DeclaredPaging>,
    /// Client method names, by operationId (`list_projects = "projects"`).
    #[serde(default)]
    pub renames: BTreeMap<String, String>,
    /// Cargo features that group tags (`networking = ["system/networking", "system/hardware"]`):
    /// those tags' request modules share the one feature instead of one each.
    #[serde(default)]
    pub features: BTreeMap<String, Vec<String>>,
}

/// The `[package]` table.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageConfig {
    /// The package name (`--name`).
    pub name: Option<String>,
    /// The crate's version.
    pub version: Option<String>,
    /// One line (`--description`).
    pub description: Option<String>,
    /// An SPDX licence expression (`--license`).
    pub license: Option<String>,
    /// A licence file, relative to the configuration file (`--license-file`).
    pub license_file: Option<PathBuf>,
    /// The source repository's URL (`--repository`).
    pub repository: Option<String>,
    /// Authors (`--author`).
    #[serde(default)]
    pub authors: Vec<String>,
    /// crates.io keywords (`--keyword`).
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// Where the configuration of `spec` is by default: `openapi-client-gen.toml` in the spec
/// folder, or beside the spec file; `None` when there is none.
pub fn beside(spec: &Path) -> Option<PathBuf> {
    let folder = if spec.is_dir() { spec } else { spec.parent()? };
    let path = folder.join(FILE_NAME);
    path.is_file().then_some(path)
}

/// Reads a configuration file. The error names the file and, for a wrong value or an
/// unknown key, the key (`pagination.list_items.styel`).
pub fn load(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: cannot read the configuration file: {e}",
            path.display()
        )
    })?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads configuration text.
pub fn parse(text: &str) -> Result<Config, String> {
    let deserializer = toml::Deserializer::parse(text).map_err(|e| one_line(&e.to_string()))?;
    let mut config: Config = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let key = e.path().to_string();
        let message = one_line(&e.inner().to_string());
        if key == "." || key.is_empty() {
            message
        } else {
            format!("key `{key}`: {message}")
        }
    })?;
    for (operation, declared) in &config.pagination {
        if declared.style.is_none() {
            return Err(format!("key `pagination.{operation}.style`: missing (one of cursor, has_more, offset, page, next_link, link_header, none)"));
        }
    }
    config.renames.retain(|_, name| !name.is_empty());
    Ok(config)
}

/// toml's messages span lines (the source line, a caret); a diagnostic here is one line.
fn one_line(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_file_is_read() {
        let config = parse(
            r#"
            [package]
            name = "acme-client"
            version = "0.3.0"
            keywords = ["acme"]

            [pagination.list_items]
            style = "cursor"
            param = "after"
            next = "meta.next"

            [renames]
            list_items = "items_page"

            [features]
            lists = ["items", "events"]
            "#,
        )
        .unwrap();
        assert_eq!(config.package.name.as_deref(), Some("acme-client"));
        assert_eq!(
            config.pagination["list_items"].next.as_deref(),
            Some("meta.next")
        );
        assert_eq!(config.renames["list_items"], "items_page");
        assert_eq!(config.features["lists"], ["items", "events"]);
    }

    #[test]
    fn errors_name_the_key() {
        let error = parse("[pagination.list_items]\nstyel = \"cursor\"\n").unwrap_err();
        assert!(error.contains("pagination.list_items"), "{error}");
        assert!(error.contains("styel"), "{error}");
        let error = parse("[package]\nname = 3\n").unwrap_err();
        assert!(error.contains("key `package.name`"), "{error}");
        let error = parse("[pagination.x]\nparam = \"a\"\n").unwrap_err();
        assert!(error.contains("pagination.x.style"), "{error}");
        assert!(parse("[package\n").is_err());
    }
}
