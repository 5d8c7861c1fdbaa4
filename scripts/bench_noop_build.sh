#!/usr/bin/env bash
# No-op rebuild cost: `cargo build` at the workspace root with nothing changed, against
#   1. a trivial crate's no-op build (`cargo init`, no dependencies, in a temporary folder):
#      the ratio the issue asks for (target <= 1.1);
#   2. a "same dependencies" crate: one empty crate with every registry dependency of the
#      workspace's packages (normal and build ones as dependencies, dev ones as
#      dev-dependencies, which cargo resolves but does not build; same versions through a copy
#      of Cargo.lock, same features), and no generator hook. workspace / this baseline is what
#      the hook and the workspace's own three packages cost; this baseline / trivial is what
#      cargo pays for the dependency graph on any no-op build.
# Everything is warmed up first; runs alternate between the three so that load from other
# processes hits all alike. Prints medians and ratios.
#
#   scripts/bench_noop_build.sh [RUNS]     # default 15 runs per side
#
# The first run builds the baseline's dependencies once (a few minutes on two cores) in
# target/bench-noop/; later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
export CARGO_TERM_COLOR=never
root="$PWD"

now_ns() { date +%s%N; }

median_ms() { # reads nanoseconds, one per line
  sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1e6 }'
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && cargo init --quiet --vcs none --name trivial .)

# The same-dependencies baseline, written from `cargo metadata`.
deps="$root/target/bench-noop/deps"
mkdir -p "$deps/src"
cargo metadata --no-deps --format-version 1 --offline | python3 -c '
import json, sys
meta = json.load(sys.stdin)
merged = {"dependencies": {}, "dev-dependencies": {}}
for package in meta["packages"]:
    for dep in package["dependencies"]:
        if dep.get("path"):
            continue
        table = merged["dev-dependencies" if dep["kind"] == "dev" else "dependencies"]
        entry = table.setdefault(dep["name"], {"req": dep["req"], "default": False, "features": set()})
        entry["default"] |= dep["uses_default_features"]
        entry["features"].update(dep["features"])
lines = ["[package]", "name = \"deps-baseline\"", "version = \"0.0.0\"", "edition = \"2021\"",
         "publish = false", "", "[workspace]"]
for kind in ("dependencies", "dev-dependencies"):
    lines += ["", "[" + kind + "]"]
    for name in sorted(merged[kind]):
        entry = merged[kind][name]
        req = json.dumps(entry["req"])
        default = str(entry["default"]).lower()
        features = ", ".join(json.dumps(f) for f in sorted(entry["features"]))
        lines.append(f"{name} = {{ version = {req}, default-features = {default}, features = [{features}] }}")
print("\n".join(lines))
' >"$deps/Cargo.toml.new"
if ! cmp -s "$deps/Cargo.toml.new" "$deps/Cargo.toml"; then
  mv "$deps/Cargo.toml.new" "$deps/Cargo.toml"
  cp Cargo.lock "$deps/Cargo.lock"
else
  rm "$deps/Cargo.toml.new"
fi
[ -f "$deps/src/lib.rs" ] || echo "//! Empty: only its dependencies matter." >"$deps/src/lib.rs"
deps_build() { CARGO_TARGET_DIR="$deps/target" cargo build -j 2 --quiet --offline --manifest-path "$deps/Cargo.toml"; }

echo "== warm up (full builds where needed, then one no-op build each)"
cargo build -j 2 --quiet
cargo build -j 2 --quiet --manifest-path "$tmp/Cargo.toml"
deps_build

# A no-op build must compile nothing and must not run the build script.
log="$(cargo build -j 2 -v 2>&1)"
if grep -qE '^\s*(Compiling|Running)' <<<"$log"; then
  echo "warning: the workspace no-op build did work (are files being edited?):" >&2
  grep -E '^\s*(Compiling|Running)' <<<"$log" | cut -c1-120 >&2
fi
units="$(grep -c '^\s*Fresh' <<<"$log" || true)"
deps_units="$(CARGO_TARGET_DIR="$deps/target" cargo build -j 2 -v --offline --manifest-path "$deps/Cargo.toml" 2>&1 | grep -c '^\s*Fresh' || true)"

: >"$tmp/ws" && : >"$tmp/triv" && : >"$tmp/deps"
for _ in $(seq "$runs"); do
  t0="$(now_ns)"; cargo build -j 2 --quiet; t1="$(now_ns)"
  echo $((t1 - t0)) >>"$tmp/ws"
  t0="$(now_ns)"; cargo build -j 2 --quiet --manifest-path "$tmp/Cargo.toml"; t1="$(now_ns)"
  echo $((t1 - t0)) >>"$tmp/triv"
  t0="$(now_ns)"; deps_build; t1="$(now_ns)"
  echo $((t1 - t0)) >>"$tmp/deps"
done

ws="$(median_ms <"$tmp/ws")"
triv="$(median_ms <"$tmp/triv")"
same="$(median_ms <"$tmp/deps")"
echo "workspace no-op cargo build:       median ${ws} ms over ${runs} runs (${units} fresh units)"
echo "trivial crate no-op build:         median ${triv} ms"
echo "same-dependencies crate no-op:     median ${same} ms (${deps_units} fresh units)"
awk -v a="$ws" -v b="$triv" 'BEGIN { printf "ratio workspace / trivial:         %.2f (target <= 1.1)\n", a / b }'
awk -v a="$ws" -v b="$same" 'BEGIN { printf "ratio workspace / same deps:       %.2f (the hook and the three packages)\n", a / b }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
