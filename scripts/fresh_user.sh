#!/usr/bin/env bash
# Builds generated crates the way a new user gets them: copied out of this workspace (a
# fixture crate written by the CLI, and `generated/` as packaged; see scripts/user_crates.sh),
# no lockfile, so every dependency resolves to its newest compatible version, the versions
# this workspace's Cargo.lock does not pin. Then, warnings denied:
#   - cargo clippy --all-targets with the default features (aws-lc-rs), with every optional
#     runtime feature, and with `ring` instead of aws-lc-rs;
#   - cargo test (unit, integration and doc tests);
#   - no dependency in the resolve declares a rust-version above the crate's own.
# .ci/run runs it. The out-of-tree builds share target/user-crates/, so dependencies compile
# once (and are reused by scripts/min_versions.sh).
#
#   scripts/fresh_user.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
work=$(mktemp -d "${TMPDIR:-/tmp}/fresh-user.XXXXXX")
trap 'rm -rf "$work"' EXIT
scripts/user_crates.sh "$work"
export CARGO_TARGET_DIR=$root/target/user-crates

# The features of the crate in the current folder: its tags (from `default`), and every
# optional runtime feature a user can turn on.
tags() {
  cargo metadata --no-deps --format-version 1 | python3 -c '
import json, sys
features = json.load(sys.stdin)["packages"][0]["features"]
print(",".join(f for f in features.get("default", []) if f not in ("aws-lc-rs", "ring")))'
}
extras=native-roots,tracing,testing

# Every package the lockfile resolved declares a rust-version no newer than the crate's.
check_rust_version() {
  cargo metadata --format-version 1 | python3 -c '
import json, sys
meta = json.load(sys.stdin)
root = meta["resolve"]["root"]
def key(v):
    return tuple(int(x) for x in v.split("."))
packages = {p["id"]: p for p in meta["packages"]}
ours = packages[root]["rust_version"]
newer = sorted("%s %s (rust-version %s)" % (p["name"], p["version"], p["rust_version"])
               for p in meta["packages"]
               if p["id"] != root and p["rust_version"] and key(p["rust_version"]) > key(ours))
if newer:
    sys.exit(f"dependencies need a newer Rust than the declared rust-version {ours}: " + ", ".join(newer))
top = max((p["rust_version"] for p in meta["packages"] if p["id"] != root and p["rust_version"]), key=key)
print(f"rust-version {ours}: the newest any dependency declares is {top}")'
}

check() { # check NAME: the crate in $work/NAME
  local name=$1
  echo "== fresh user: $name (newest versions, no lockfile)"
  cd "$work/$name"
  test ! -e Cargo.lock
  cargo generate-lockfile -q
  awk '/^name = /{n=$3} /^version = /{if (n ~ /^"(rustls|hyper|hyper-util|aws-lc-rs|tokio)"$/) printf "%s %s  ", n, $3}' Cargo.lock | tr -d '"'
  echo
  check_rust_version
  local t
  t=$(tags)
  cargo clippy -q --all-targets -- -D warnings
  cargo clippy -q --all-targets --features "$extras" -- -D warnings
  cargo clippy -q --all-targets --no-default-features --features "ring${t:+,$t}" -- -D warnings
  cargo test -q
  cd "$root"
}

check fixture
check generated
echo "== fresh user: all clean"
