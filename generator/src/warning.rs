//! Warnings: what the generator did under a stated assumption, where the spec says too little
//! or too much. Printed like rustc's (`warning: file#/pointer: message`); `--deny-warnings`
//! makes them errors.

use crate::error::Location;

/// One warning, at a place in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where in the spec.
    pub at: Location,
    /// What was assumed.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}
