//! The report as text (for a terminal), Markdown (for a pull request) or JSON (for tools).

use super::model::{Change, Report};
use super::semver::Bump;
use std::fmt::Write;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown, to paste into a pull request.
    Markdown,
    /// JSON.
    Json,
}

/// Renders a report between `old` and `new` (labels, usually the paths given).
pub fn render(report: &Report, bump: &Bump, old: &str, new: &str, format: Format) -> String {
    match format {
        Format::Text => text(report, bump, old, new),
        Format::Markdown => markdown(report, bump, old, new),
        Format::Json => json(report, bump, old, new),
    }
}

fn bump_line(bump: &Bump) -> String {
    let versions = match (bump.from, bump.to) {
        (Some(from), Some(to)) if from != to => format!(" ({from} → {to})"),
        _ => String::new(),
    };
    format!("{}{versions}: {}", bump.level.name(), bump.reason)
}

fn operations(change: &Change) -> String {
    const SHOWN: usize = 3;
    match change.operations.as_slice() {
        [] => String::new(),
        ops if ops.len() <= SHOWN => format!("used by {}", ops.join(", ")),
        ops => format!(
            "used by {} and {} more",
            ops[..SHOWN].join(", "),
            ops.len() - SHOWN
        ),
    }
}

fn text(report: &Report, bump: &Bump, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "API changes from {old} to {new}");
    let _ = writeln!(out, "Suggested bump: {}", bump_line(bump));
    let sections: [(&str, Vec<&Change>); 2] = [
        ("Breaking", report.breaking().collect()),
        ("Non-breaking", report.additive().collect()),
    ];
    for (title, changes) in sections {
        let _ = writeln!(out, "\n{title} ({}):", changes.len());
        if changes.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for change in changes {
            let _ = writeln!(
                out,
                "  - {}: {} [{}]",
                change.subject,
                change.detail,
                change.rule.name()
            );
            let used = operations(change);
            if !used.is_empty() {
                let _ = writeln!(out, "      {used}");
            }
            if !change.files.is_empty() {
                let _ = writeln!(out, "      in {}", change.files.join(", "));
            }
            if let Some(caveat) = change.rule.caveat() {
                let _ = writeln!(out, "      note: {caveat}");
            }
        }
    }
    let quiet: Vec<&Change> = report.quiet().collect();
    let _ = writeln!(out, "\nDescriptions ({}):", quiet.len());
    for change in quiet {
        let _ = writeln!(out, "  - {}: {}", change.subject, change.detail);
        if !change.files.is_empty() {
            let _ = writeln!(out, "      in {}", change.files.join(", "));
        }
    }
    out
}

/// Markdown inline code that survives backticks in the text.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// ` → in `src/models/x.rs``, or nothing.
fn files_md(change: &Change) -> String {
    if change.files.is_empty() {
        return String::new();
    }
    let files: Vec<String> = change.files.iter().map(|f| code(f)).collect();
    format!(" → {}", files.join(", "))
}

fn markdown(report: &Report, bump: &Bump, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### API changes: {} → {}\n", code(old), code(new));
    let _ = writeln!(out, "**Suggested bump: {}**\n", bump_line(bump));
    let sections: [(&str, Vec<&Change>); 2] = [
        ("Breaking", report.breaking().collect()),
        ("Non-breaking", report.additive().collect()),
    ];
    for (title, changes) in sections {
        let _ = writeln!(out, "#### {title} ({})\n", changes.len());
        if changes.is_empty() {
            let _ = writeln!(out, "None.\n");
            continue;
        }
        for change in changes {
            let mut line = format!(
                "- {} {} — {}",
                code(change.rule.name()),
                code(&change.subject),
                change.detail
            );
            let used = operations(change);
            if !used.is_empty() {
                let _ = write!(line, " ({used})");
            }
            let _ = write!(line, "{}", files_md(change));
            if let Some(caveat) = change.rule.caveat() {
                let _ = write!(line, "<br>*Note: {caveat}.*");
            }
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    let quiet: Vec<&Change> = report.quiet().collect();
    if quiet.is_empty() {
        let _ = writeln!(out, "#### Descriptions (0)\n\nNone.");
        return out;
    }
    let _ = writeln!(
        out,
        "<details><summary>Descriptions ({})</summary>\n",
        quiet.len()
    );
    for change in quiet {
        let _ = writeln!(
            out,
            "- {} — {}{}",
            code(&change.subject),
            change.detail,
            files_md(change)
        );
    }
    let _ = writeln!(out, "\n</details>");
    out
}

fn json(report: &Report, bump: &Bump, old: &str, new: &str) -> String {
    let changes: Vec<serde_json::Value> = report
        .changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "rule": c.rule,
                "category": c.rule.category(),
                "breaking": c.breaking(),
                "subject": c.subject,
                "detail": c.detail,
                "operations": c.operations,
                "files": c.files,
                "caveat": c.rule.caveat(),
            })
        })
        .collect();
    let value = serde_json::json!({
        "old": old,
        "new": new,
        "breaking": report.has_breaking(),
        "summary": {
            "breaking": report.breaking().count(),
            "non_breaking": report.additive().count(),
            "descriptions": report.quiet().count(),
        },
        "bump": {
            "level": bump.level,
            "from": bump.from.map(|v| v.to_string()),
            "to": bump.to.map(|v| v.to_string()),
            "reason": bump.reason,
        },
        "changes": changes,
    });
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}
