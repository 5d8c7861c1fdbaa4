//! The suggested version bump.
//!
//! Under 1.x and later: breaking → major, additions → minor, docs only → patch.
//! Under 0.x (the generated crate starts at 0.1.0) cargo treats the minor version as the
//! breaking one: breaking → minor (0.1.0 → 0.2.0), additions and docs → patch
//! (0.1.0 → 0.1.1). Under 0.0.x every release is incompatible, so any change → patch.

use super::model::Report;
use serde::Serialize;

/// A `major.minor.patch` version (pre-release and build suffixes are dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// Major.
    pub major: u64,
    /// Minor.
    pub minor: u64,
    /// Patch.
    pub patch: u64,
}

impl std::str::FromStr for Version {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let core = text.trim().split(['-', '+']).next().unwrap_or("");
        let parts: Vec<&str> = core.split('.').collect();
        let number = |part: &str| {
            part.parse::<u64>()
                .map_err(|_| format!("`{text}` is not a version like 0.1.0"))
        };
        match parts.as_slice() {
            [major, minor, patch] => Ok(Version {
                major: number(major)?,
                minor: number(minor)?,
                patch: number(patch)?,
            }),
            _ => Err(format!("`{text}` is not a version like 0.1.0")),
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Which part of the version to bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing changed.
    None,
    /// The last number.
    Patch,
    /// The middle number.
    Minor,
    /// The first number.
    Major,
}

impl Level {
    /// `none`, `patch`, `minor` or `major`.
    pub fn name(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

/// The suggested bump for a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bump {
    /// Which number to bump.
    pub level: Level,
    /// The crate's version now, when given.
    pub from: Option<Version>,
    /// The version to release, when `from` is given.
    pub to: Option<Version>,
    /// Why, in one sentence.
    pub reason: String,
}

/// The bump a report calls for, from `current` (assumed 0.x when not given).
pub fn suggest(report: &Report, current: Option<Version>) -> Bump {
    let breaking = report.breaking().count();
    let additive = report.additive().count();
    let quiet = report.quiet().count();
    let base = current.unwrap_or(Version {
        major: 0,
        minor: 1,
        patch: 0,
    });
    let series = match (base.major, base.minor) {
        (0, 0) => "under 0.0.x every release is incompatible, so any change bumps the patch",
        (0, _) => "under 0.x a breaking change bumps the minor, anything else the patch",
        _ => "breaking changes bump the major, additions the minor, docs the patch",
    };
    let (level, why) = if breaking > 0 {
        let level = match (base.major, base.minor) {
            (0, 0) => Level::Patch,
            (0, _) => Level::Minor,
            _ => Level::Major,
        };
        (level, format!("{breaking} breaking change(s)"))
    } else if additive > 0 {
        let level = if base.major == 0 {
            Level::Patch
        } else {
            Level::Minor
        };
        (level, format!("{additive} non-breaking change(s)"))
    } else if quiet > 0 {
        (Level::Patch, format!("{quiet} description change(s) only"))
    } else {
        (Level::None, "no changes".to_string())
    };
    let assumed = if current.is_none() {
        " (0.x assumed; pass --crate-version)"
    } else {
        ""
    };
    let reason = if level == Level::None {
        why
    } else {
        format!("{why}; {series}{assumed}")
    };
    Bump {
        level,
        from: current,
        to: current.map(|v| bumped(v, level)),
        reason,
    }
}

fn bumped(v: Version, level: Level) -> Version {
    match level {
        Level::None => v,
        Level::Patch => Version {
            patch: v.patch.saturating_add(1),
            ..v
        },
        Level::Minor => Version {
            minor: v.minor.saturating_add(1),
            patch: 0,
            ..v
        },
        Level::Major => Version {
            major: v.major.saturating_add(1),
            minor: 0,
            patch: 0,
        },
    }
}
