//! The document's declared tags as OpenAPI 3.2 shapes them: `kind` tells the tags that group
//! operations into request modules (no kind, or `nav`) from labels (`badge`, `audience`, ...),
//! and `parent` nests a tag under another (see `openapi32` for the extensions that carry them).

use super::docs::doc;
use crate::ir::TagInfo;
use crate::openapi32::{TAG_KIND, TAG_PARENT, TAG_SUMMARY};
use std::collections::{BTreeMap, BTreeSet};

/// One declared tag.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Declared {
    /// Its name.
    pub name: String,
    /// Its summary (3.2).
    pub summary: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its kind (3.2); `None` or `nav` for a tag that groups operations.
    pub kind: Option<String>,
    /// The tag it is nested under, once checked: a declared tag, on no cycle.
    pub parent: Option<String>,
}

impl Declared {
    /// Whether the tag groups operations into a module (a label otherwise).
    fn groups(&self) -> bool {
        self.kind.as_deref().is_none_or(|kind| kind == "nav")
    }
}

/// The declared tags, in document order.
#[derive(Debug, Default)]
pub struct TagTree {
    tags: Vec<Declared>,
}

/// A parent left out, as (the tag's index in `tags`, why).
pub type Ignored = (usize, String);

/// Where the parent of the tag at `index` was written (the pointer `openapi32` moved it to,
/// which the source map traces back to `/tags/<index>/parent`).
pub fn parent_pointer(index: usize) -> String {
    crate::pointer::push(&format!("/tags/{index}"), TAG_PARENT)
}

impl TagTree {
    /// Reads the document's tags; the parents that cannot be used are left out and returned.
    pub fn read(tags: &[openapiv3::Tag]) -> (TagTree, Vec<Ignored>) {
        let text = |tag: &openapiv3::Tag, key: &str| {
            tag.extensions
                .get(key)
                .and_then(serde_json::Value::as_str)
                .map(str::to_string)
        };
        let declared = tags
            .iter()
            .map(|tag| Declared {
                name: tag.name.clone(),
                summary: text(tag, TAG_SUMMARY),
                description: tag.description.clone(),
                kind: text(tag, TAG_KIND),
                parent: text(tag, TAG_PARENT),
            })
            .collect();
        TagTree::new(declared)
    }

    /// Checks each parent: one naming no declared tag, one whose tag is a label under a
    /// grouping tag (or the other way round), and every parent on a cycle are left out.
    pub fn new(mut tags: Vec<Declared>) -> (TagTree, Vec<Ignored>) {
        let mut ignored = Vec::new();
        let index: BTreeMap<String, usize> = (tags.iter().enumerate().rev())
            .map(|(i, tag)| (tag.name.clone(), i))
            .collect();
        for i in 0..tags.len() {
            let Some(parent) = tags[i].parent.clone() else {
                continue;
            };
            let why = match index.get(&parent) {
                None => Some(format!(
                    "the parent `{parent}` of tag `{}` is no declared tag; the tag is read as a top-level one",
                    tags[i].name
                )),
                Some(&p) if tags[p].groups() != tags[i].groups() => Some(format!(
                    "the parent `{parent}` of tag `{}` is of another kind (a label under a group or a group under a label); the tag is read as a top-level one",
                    tags[i].name
                )),
                Some(_) => None,
            };
            if let Some(why) = why {
                tags[i].parent = None;
                ignored.push((i, why));
            }
        }
        // A tag is on a cycle when its chain of parents comes back to it.
        let on_cycle: Vec<usize> = (0..tags.len())
            .filter(|&start| {
                let mut at = start;
                for _ in 0..tags.len() {
                    let next = tags[at].parent.as_ref().and_then(|p| index.get(p));
                    match next {
                        Some(&next) if next == start => return true,
                        Some(&next) => at = next,
                        None => return false,
                    }
                }
                false
            })
            .collect();
        for i in on_cycle {
            let parent = tags[i].parent.take().unwrap_or_default();
            ignored.push((
                i,
                format!(
                    "the parents of tag `{}` come back to it (through `{parent}`); the tag is read as a top-level one",
                    tags[i].name
                ),
            ));
        }
        ignored.sort();
        (TagTree { tags }, ignored)
    }

    fn get(&self, name: &str) -> Option<&Declared> {
        self.tags.iter().find(|tag| tag.name == name)
    }

    /// The request module of an operation with these tags: its first tag that groups
    /// operations (an undeclared tag does), or `default`.
    pub fn module_of(&self, op_tags: &[String]) -> String {
        op_tags
            .iter()
            .find(|tag| self.get(tag).is_none_or(Declared::groups))
            .map_or_else(
                || "default".to_string(),
                |tag| super::operation::module_name(tag),
            )
    }

    /// The line an operation's docs get for its label tags (``Labels: `beta` (badge).``),
    /// with each one's summary when it has one.
    pub fn labels_line(&self, op_tags: &[String]) -> Option<String> {
        let labels: Vec<String> = (op_tags.iter())
            .filter_map(|name| self.get(name))
            .filter(|tag| !tag.groups())
            .map(|tag| {
                let name = tag.name.replace('`', "'");
                let kind = tag.kind.as_deref().unwrap_or_default().replace('`', "'");
                match one_line(tag.summary.as_deref()) {
                    // The line ends with its own period.
                    Some(summary) => {
                        format!("`{name}` ({kind}): {}", summary.trim_end_matches('.'))
                    }
                    None => format!("`{name}` ({kind})"),
                }
            })
            .collect();
        (!labels.is_empty()).then(|| format!("Labels: {}.", labels.join("; ")))
    }

    /// What the README and the request files show of each module's tag: the first grouping
    /// tag declared for each module that has operations (`modules`), and every tag above
    /// one, with or without operations of its own (by module).
    pub fn infos(&self, modules: &BTreeSet<String>) -> BTreeMap<String, TagInfo> {
        let mut by_module: BTreeMap<String, &Declared> = BTreeMap::new();
        for tag in self.tags.iter().filter(|tag| tag.groups()) {
            let module = super::operation::module_name(&tag.name);
            by_module.entry(module).or_insert(tag);
        }
        let parent_of = |tag: &Declared| -> Option<String> {
            let parent = super::operation::module_name(tag.parent.as_deref()?);
            // Two tags of one module (`Pets` under `pets`) are one module, not nested.
            let own = super::operation::module_name(&tag.name);
            (parent != own && by_module.contains_key(&parent)).then_some(parent)
        };
        // The modules with operations and their ancestors; the walk is bounded, since
        // tags of one module could still loop where their tags do not.
        let mut kept: BTreeSet<String> = BTreeSet::new();
        for module in modules {
            let mut at = module.clone();
            for _ in 0..=by_module.len() {
                let Some(tag) = by_module.get(&at) else {
                    break;
                };
                if !kept.insert(at.clone()) {
                    break;
                }
                match parent_of(tag) {
                    Some(parent) => at = parent,
                    None => break,
                }
            }
        }
        let mut infos: BTreeMap<String, TagInfo> = kept
            .into_iter()
            .filter_map(|module| {
                let tag = by_module.get(&module)?;
                let info = TagInfo {
                    name: tag.name.clone(),
                    summary: one_line(tag.summary.as_deref()),
                    doc: doc(tag.description.as_deref()),
                    parent: parent_of(tag),
                    operations: modules.contains(&module),
                };
                Some((module, info))
            })
            .collect();
        // A loop of modules (tags whose names make one module) keeps no parent.
        let looped: Vec<String> = (infos.keys())
            .filter(|module| {
                let mut at = infos[*module].parent.as_ref();
                for _ in 0..infos.len() {
                    match at {
                        Some(parent) if parent == *module => return true,
                        Some(parent) => at = infos.get(parent).and_then(|i| i.parent.as_ref()),
                        None => return false,
                    }
                }
                false
            })
            .cloned()
            .collect();
        for module in looped {
            if let Some(info) = infos.get_mut(&module) {
                info.parent = None;
            }
        }
        infos
    }
}

/// A summary as one line of rustdoc-safe text.
fn one_line(text: Option<&str>) -> Option<String> {
    let text = doc(text)?;
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(name: &str, kind: Option<&str>, parent: Option<&str>) -> Declared {
        Declared {
            name: name.into(),
            kind: kind.map(Into::into),
            parent: parent.map(Into::into),
            ..Declared::default()
        }
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_operation_goes_to_its_first_grouping_tag() {
        let (tree, ignored) = TagTree::new(vec![
            tag("beta", Some("badge"), None),
            tag("pets", Some("nav"), None),
            tag("cats", None, Some("pets")),
        ]);
        assert!(ignored.is_empty());
        assert_eq!(tree.module_of(&strings(&["beta", "cats", "pets"])), "cats");
        assert_eq!(
            tree.module_of(&strings(&["beta", "Pet Store"])),
            "pet_store"
        );
        assert_eq!(tree.module_of(&strings(&["beta"])), "default");
        assert_eq!(tree.module_of(&[]), "default");
        assert_eq!(
            tree.labels_line(&strings(&["beta", "cats"])).as_deref(),
            Some("Labels: `beta` (badge).")
        );
        assert_eq!(tree.labels_line(&strings(&["cats"])), None);
    }

    #[test]
    fn a_label_shows_its_summary() {
        let mut beta = tag("beta", Some("badge"), None);
        beta.summary = Some("Beta\nfeature.".into());
        let (tree, _) = TagTree::new(vec![beta, tag("internal", Some("audience"), None)]);
        assert_eq!(
            tree.labels_line(&strings(&["beta", "internal"])).as_deref(),
            Some("Labels: `beta` (badge): Beta feature; `internal` (audience).")
        );
    }

    #[test]
    fn unknown_parents_and_cycles_are_left_out() {
        let (tree, ignored) = TagTree::new(vec![
            tag("a", None, Some("b")),
            tag("b", None, Some("a")),
            tag("c", None, Some("a")),
            tag("d", None, Some("nowhere")),
            tag("e", None, Some("e")),
            tag("f", None, Some("beta")),
            tag("beta", Some("badge"), None),
        ]);
        let at: Vec<usize> = ignored.iter().map(|(i, _)| *i).collect();
        assert_eq!(at, [0, 1, 3, 4, 5]);
        assert!(ignored[2].1.contains("`nowhere`"));
        let parents: Vec<Option<&str>> = tree.tags.iter().map(|t| t.parent.as_deref()).collect();
        // `c` hangs under a tag of the cycle, which is itself fine.
        assert_eq!(parents, [None, None, Some("a"), None, None, None, None]);
    }

    #[test]
    fn parents_without_operations_are_kept_above_their_children() {
        let (tree, _) = TagTree::new(vec![
            tag("animals", None, None),
            tag("pets", None, Some("animals")),
            tag("cats", None, Some("pets")),
            tag("lonely", None, None),
            tag("beta", Some("badge"), None),
        ]);
        let modules: BTreeSet<String> = ["cats", "default"].map(String::from).into();
        let infos = tree.infos(&modules);
        let kept: Vec<(&str, Option<&str>, bool)> = (infos.iter())
            .map(|(m, i)| (m.as_str(), i.parent.as_deref(), i.operations))
            .collect();
        assert_eq!(
            kept,
            [
                ("animals", None, false),
                ("cats", Some("pets"), true),
                ("pets", Some("animals"), false),
            ]
        );
    }
}
