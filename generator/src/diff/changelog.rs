//! The report as a Keep a Changelog section (<https://keepachangelog.com/en/1.1.0/>), and
//! its place at the top of a `CHANGELOG.md`.

use super::model::{Change, Report};
use super::semver::Bump;
use std::fmt::Write;

/// What a new `CHANGELOG.md` starts with.
const PREAMBLE: &str =
    "# Changelog\n\nAll notable changes to this crate are listed here. The format follows \
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/); versions follow \
[Semantic Versioning](https://semver.org/). Sections are written by \
`openapi-client-gen diff --format changelog` from the changes between two versions of the spec.\n";

/// `## [version] - date` with Breaking / Added / Changed / Documentation lists. The version is
/// the suggested bump's (`Unreleased` without a current version).
pub fn section(report: &Report, bump: &Bump, date: &str) -> String {
    let version = bump
        .to
        .map_or_else(|| "Unreleased".to_string(), |v| v.to_string());
    let mut out = format!("## [{version}] - {date}\n");
    let added = |c: &&Change| c.rule.name().contains("-added");
    let breaking: Vec<&Change> = report.breaking().collect();
    let additive: Vec<&Change> = report.additive().collect();
    let groups: [(&str, Vec<&Change>); 4] = [
        ("Breaking", breaking),
        ("Added", additive.iter().copied().filter(added).collect()),
        (
            "Changed",
            additive.iter().copied().filter(|c| !added(c)).collect(),
        ),
        ("Documentation", report.quiet().collect()),
    ];
    if groups.iter().all(|(_, changes)| changes.is_empty()) {
        out.push_str("\nNo changes to the API.\n");
    }
    for (title, changes) in groups {
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {title}\n");
        for change in changes {
            let _ = writeln!(out, "- `{}`: {}", change.subject, change.detail);
        }
    }
    out
}

/// `existing` (a changelog, or empty) with `section` above its newest release.
pub fn prepend(existing: &str, section: &str) -> String {
    let existing = if existing.trim().is_empty() {
        PREAMBLE
    } else {
        existing
    };
    match existing.find("\n## ") {
        Some(at) => format!("{}{section}{}", &existing[..at + 1], &existing[at..]),
        None => format!("{}\n\n{section}", existing.trim_end_matches('\n')),
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    civil_date(days)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_787), "2026-11-30");
    }

    #[test]
    fn prepend_goes_above_the_newest_release() {
        let old = "# Changelog\n\nIntro.\n\n## [0.1.0] - 2026-11-22\n\n### Added\n\n- all\n";
        let new = prepend(old, "## [0.1.1] - 2026-11-30\n\n### Added\n\n- `X`: new\n");
        assert_eq!(
            new,
            "# Changelog\n\nIntro.\n\n## [0.1.1] - 2026-11-30\n\n### Added\n\n- `X`: new\n\n## [0.1.0] - 2026-11-22\n\n### Added\n\n- all\n"
        );
        let fresh = prepend("", "## [0.1.1] - 2026-11-30\n");
        assert!(fresh.starts_with("# Changelog\n"));
        assert!(fresh.ends_with("\n\n## [0.1.1] - 2026-11-30\n"));
    }
}
