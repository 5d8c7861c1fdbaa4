//! FastAPI's default operationIds: `<function>_<path>_<method>`, the path with every
//! character but letters, digits and `_` written `_` (`read_item_items__item_id__get` for
//! `read_item` at `GET /items/{item_id}`). The suffix repeats what the method's docs already
//! say and can run to 100 characters, so such an operation is named after its function.

use crate::names;
use std::collections::HashMap;

/// The function part of `operation_id` when it is exactly FastAPI's default for `path` and
/// `method`.
pub fn function_name<'a>(operation_id: &'a str, path: &str, method: &str) -> Option<&'a str> {
    // FastAPI writes `re.sub(r"\W", "_", name + path) + "_" + method`; the path's leading `/`
    // is the `_` after the function.
    if !path.starts_with('/') {
        return None;
    }
    let mut suffix: String = path
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    suffix.push('_');
    suffix.push_str(method);
    let function = operation_id.strip_suffix(&suffix)?;
    (!function.is_empty()).then_some(function)
}

/// One operation as the naming pass sees it.
pub struct Named<'a> {
    pub operation_id: &'a str,
    pub path: &'a str,
    pub method: &'a str,
}

/// For each operation (in order), the name its method and builder are made from: the
/// function's for FastAPI's form, unless another operation (or a reserved name) would then
/// share it; the operationId otherwise. `true` marks a shortened one.
pub fn names_from<'a>(ops: &[Named<'a>], reserved: &[&str]) -> Vec<(&'a str, bool)> {
    let wanted: Vec<(&'a str, bool)> = ops
        .iter()
        .map(
            |op| match function_name(op.operation_id, op.path, op.method) {
                Some(function) => (function, true),
                None => (op.operation_id, false),
            },
        )
        .collect();
    // Two names clash when their method or their builder would (case aside, as `Namer` does).
    let keys = |name: &str| {
        let mut keys = vec![
            names::snake_name(name).to_lowercase(),
            names::type_name(name).to_lowercase(),
        ];
        keys.dedup();
        keys
    };
    let mut uses: HashMap<String, usize> = HashMap::new();
    for (name, _) in &wanted {
        for key in keys(name) {
            *uses.entry(key).or_default() += 1;
        }
    }
    let reserved: Vec<String> = reserved.iter().map(|r| r.to_lowercase()).collect();
    ops.iter()
        .zip(wanted)
        .map(|(op, (name, short))| {
            let clashes = keys(name)
                .iter()
                .any(|key| uses[key] > 1 || reserved.contains(key));
            if short && clashes {
                (op.operation_id, false)
            } else {
                (name, short)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_default_form_is_recognised() {
        let path = "/block_types/slug/{slug}/block_documents/name/{block_document_name}";
        let id = "read_block_document_by_name_for_block_type_block_types_slug__slug__block_documents_name__block_document_name__get";
        assert_eq!(
            function_name(id, path, "get"),
            Some("read_block_document_by_name_for_block_type")
        );
        assert_eq!(function_name(id, path, "post"), None);
        assert_eq!(function_name("root__get", "/", "get"), Some("root"));
        assert_eq!(
            function_name("health_health-check_get", "/health-check", "get"),
            None
        );
        assert_eq!(function_name("_items_get", "/items", "get"), None);
        assert_eq!(function_name("listItems", "/items", "get"), None);
    }

    #[test]
    fn a_shared_function_name_keeps_the_full_ids() {
        let op = |operation_id, path, method| Named {
            operation_id,
            path,
            method,
        };
        let ops = [
            op("get_item_items__id__get", "/items/{id}", "get"),
            op("get_item_things__id__get", "/things/{id}", "get"),
            op("list_items_items_get", "/items", "get"),
            op("new_items_post", "/items", "post"),
            op("ListItems", "/other", "get"),
        ];
        let names: Vec<_> = names_from(&ops, &["new"]);
        assert_eq!(
            names,
            [
                ("get_item_items__id__get", false),
                ("get_item_things__id__get", false),
                ("list_items_items_get", false),
                ("new_items_post", false),
                ("ListItems", false),
            ]
        );
        let names: Vec<_> = names_from(&ops[2..4], &[]);
        assert_eq!(names, [("list_items", true), ("new", true)]);
    }
}
