//! Workspace root of the SendGrid SSO client generator.
//!
//! This package has no API of its own: it turns on regeneration of `generated/` and hosts
//! the tests that span the generator and the generated crate (see `tests/`).
