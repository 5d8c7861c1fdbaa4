#!/usr/bin/env bash
# The cost of the TLS crypto provider (BENCHMARKS.md §6): clean `cargo build` wall time and
# package count of one generated crate, with `ring` (the runtime's provider before aws-lc-rs
# became the default) and with its default features (aws-lc-rs), runs interleaved.
#
#   scripts/bench_tls_provider.sh CRATE_DIR [PAIRS]
#
# CRATE_DIR is a generated crate outside any workspace (e.g. from
# `openapi-client-gen generate --spec ... --out /tmp/x --name x`); it gets a fresh
# Cargo.lock (newest versions) unless it has one. Each build starts from an empty target dir;
# sources are fetched first, so downloads are not timed.
set -euo pipefail
crate=${1:?usage: scripts/bench_tls_provider.sh CRATE_DIR [PAIRS]}
pairs=${2:-3}
cd "$crate"
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
[ -f Cargo.lock ] || cargo generate-lockfile -q
cargo fetch -q

# The crate's tag features (empty when it has none): every variant builds the whole API.
tags=$(cargo metadata --no-deps --format-version 1 | python3 -c '
import json, sys
features = json.load(sys.stdin)["packages"][0]["features"]
print(",".join(f for f in features.get("default", []) if f not in ("aws-lc-rs", "ring")))')
ring_args=(--no-default-features --features "ring${tags:+,$tags}")

count() { cargo tree -e normal,build --prefix none "$@" | sed 's/ (\*)$//' | sort -u | wc -l; }
echo "packages (normal + build, this crate included): ring $(count "${ring_args[@]}"), aws-lc-rs $(count)"
echo "packages (normal only): ring $(cargo tree -e normal --prefix none "${ring_args[@]}" | sed 's/ (\*)$//' | sort -u | wc -l), aws-lc-rs $(cargo tree -e normal --prefix none | sed 's/ (\*)$//' | sort -u | wc -l)"

build() {
  local target
  target=$(mktemp -d)
  local start end
  start=$(date +%s.%N)
  CARGO_TARGET_DIR=$target cargo build -q "$@"
  end=$(date +%s.%N)
  rm -rf "$target"
  python3 -c "print(f'{$end - $start:.1f}')"
}
for i in $(seq "$pairs"); do
  echo "pair $i: ring $(build "${ring_args[@]}") s, aws-lc-rs $(build) s (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
done
