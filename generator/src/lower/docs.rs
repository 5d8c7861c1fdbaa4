//! Spec descriptions into rustdoc-safe markdown.
//!
//! Spec text is written for web pages. In rustdoc, indented lines become doctests, `[x]`
//! becomes an intra-doc link, `<cert>` an HTML tag and bare URLs a lint: all of which fail
//! `cargo doc -D warnings`. This keeps the words and defuses those.

/// Cleans a description; `None` for empty text.
pub fn doc(text: Option<&str>) -> Option<String> {
    // Tabs: clippy's `tabs_in_doc_comments` asks for four spaces.
    let text = text?.replace("\r\n", "\n").replace('\t', "    ");
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut in_fence = false;
    // The block a line continues without a blank line between: markdown carries the text
    // on into it (a "lazy continuation"), which clippy's `doc_lazy_continuation` asks to make
    // explicit, by indenting under a list item or repeating a quote's `>`.
    let mut open = Open::None;
    for line in text.lines() {
        let line = line.trim_start();
        if !in_fence && !line.starts_with("```") {
            if line.is_empty() {
                open = Open::None;
            } else if let Some(width) = list_marker(line) {
                open = Open::List(width);
            } else if line.starts_with('>') {
                open = Open::Quote;
            } else {
                match open {
                    Open::List(width) => {
                        out.push(format!("{}{}", " ".repeat(width), escape_line(line)));
                        continue;
                    }
                    Open::Quote => {
                        out.push(format!("> {}", escape_line(line)));
                        continue;
                    }
                    Open::None => {}
                }
            }
        }
        if line.starts_with("```") {
            open = Open::None;
            out.push(if in_fence {
                "```".to_string()
            } else {
                "```text".to_string()
            });
            in_fence = !in_fence;
        } else if in_fence {
            out.push(line.to_string());
        } else {
            out.push(escape_line(line));
        }
    }
    if in_fence {
        out.push("```".into());
    }
    Some(out.join("\n").trim_end().to_string())
}

/// What an unindented line would lazily continue.
#[derive(Clone, Copy)]
enum Open {
    None,
    /// A list item whose text starts this many columns in.
    List(usize),
    Quote,
}

/// The width of a list item's marker and the space after it (`- `, `* `, `+ `, `12. `, `3) `).
fn list_marker(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// Joins a summary and a description into one doc.
pub fn join(summary: Option<&str>, description: Option<&str>) -> Option<String> {
    match (doc(summary), doc(description)) {
        (Some(s), Some(d)) if s != d => Some(format!("{s}\n\n{d}")),
        (Some(s), _) => Some(s),
        (None, d) => d,
    }
}

fn escape_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => {
                let close = chars[i..].iter().position(|&x| x == ']').map(|p| p + i);
                match close {
                    Some(end) if chars.get(end + 1) == Some(&'(') => {
                        // A markdown link: keep it.
                        out.extend(&chars[i..=end]);
                        i = end + 1;
                        continue;
                    }
                    _ => out.push_str("\\["),
                }
            }
            ']' => out.push_str("\\]"),
            '<' => {
                let rest: String = chars[i + 1..].iter().collect();
                let close = chars[i..].iter().position(|&x| x == '>').map(|p| p + i);
                match close {
                    // An autolink: keep it whole.
                    Some(end) if rest.starts_with("http://") || rest.starts_with("https://") => {
                        out.extend(&chars[i..=end]);
                        i = end + 1;
                        continue;
                    }
                    _ => out.push_str("&lt;"),
                }
            }
            '>' if i > 0 => out.push_str("&gt;"),
            'h' if starts_url(&chars[i..]) && !after_link_opener(&out) => {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>' | '<'))
                    .map_or(chars.len(), |p| p + i);
                let mut url: String = chars[i..end].iter().collect();
                let mut trailing = String::new();
                while url.ends_with(['.', ',', ';', ':', '!', '?']) {
                    trailing.insert(0, url.pop().unwrap_or_default());
                }
                out.push_str(&format!("<{url}>{trailing}"));
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    head.starts_with("http://") || head.starts_with("https://")
}

/// URLs right after `(` (markdown link targets) or `<` (autolinks) are already fine.
fn after_link_opener(out: &str) -> bool {
    out.ends_with('(') || out.ends_with('<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defuses_rustdoc_hazards() {
        assert_eq!(doc(Some("  ")), None);
        assert_eq!(
            doc(Some("See https://x.io/a.")).unwrap(),
            "See <https://x.io/a>."
        );
        assert_eq!(
            doc(Some("[link](https://x.io) and <https://y.io>")).unwrap(),
            "[link](https://x.io) and <https://y.io>"
        );
        assert_eq!(
            doc(Some("an [array] of <your cert>")).unwrap(),
            "an \\[array\\] of &lt;your cert&gt;"
        );
        assert_eq!(doc(Some("`a[0] <b>`")).unwrap(), "`a[0] <b>`");
        assert_eq!(
            doc(Some("x:\n    indented code")).unwrap(),
            "x:\nindented code"
        );
        assert_eq!(
            doc(Some("```\nlet x = 1;\n```")).unwrap(),
            "```text\nlet x = 1;\n```"
        );
    }

    #[test]
    fn lazy_continuations_are_made_explicit() {
        assert_eq!(
            doc(Some(
                "Options:\n- one\nmore of one\n  10. ten\n  still ten\n\nafter"
            ))
            .unwrap(),
            "Options:\n- one\n  more of one\n10. ten\n    still ten\n\nafter"
        );
        assert_eq!(
            doc(Some("> quoted\ngoes on")).unwrap(),
            "> quoted\n> goes on"
        );
        assert_eq!(
            doc(Some("-1 is not a list\nline")).unwrap(),
            "-1 is not a list\nline"
        );
        assert_eq!(doc(Some("| a |\tb |")).unwrap(), "| a |    b |");
    }

    #[test]
    fn joins_summary_and_description() {
        assert_eq!(
            join(Some("Get it"), Some("Gets it.")).unwrap(),
            "Get it\n\nGets it."
        );
        assert_eq!(join(Some("Same"), Some("Same")).unwrap(), "Same");
        assert_eq!(join(None, None), None);
    }
}
