//! Benchmarks only: see `pipeline.rs` and `client_overhead.rs`.
