//! End-to-end: the generated client's public API against a real HTTP server on 127.0.0.1.
//!
//! The server records what it received (method, raw request target, headers, body) so each
//! test checks both sides of the wire. No external network is used.

#[path = "../support/server.rs"]
mod server;
#[path = "../support/socks.rs"]
mod socks;

mod common;
mod config;
mod double;
mod errors;
mod limits;
mod network;
mod operations;
mod retries;
mod spans;
mod tls;
mod wire;
