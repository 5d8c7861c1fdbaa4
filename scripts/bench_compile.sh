#!/usr/bin/env bash
# Compile cost of the generated crate as a consumer gets it (the `regenerate` feature off:
# no generator, syn or prettyplease, no proc-macro):
#   - clean build time of `sendgrid-sso` with all its dependencies, in a fresh target dir,
#     with -j 2, and the time of the crate itself (from cargo's --timings report);
#   - the size of its dependency tree (`cargo tree`), and whether any proc-macro is in it;
#   - the size of the generated code.
# Run it now and then and compare, so that growth is visible.
#
#   scripts/bench_compile.sh [PROFILE]     # dev (default) or release
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-dev}"
export CARGO_TERM_COLOR=never

# generated/ must be current: a workspace build regenerates it (and compiles nothing if it is).
cargo build -j 2 --quiet

target="$(mktemp -d)"
trap 'rm -rf "$target"' EXIT
echo "== clean build of sendgrid-sso ($profile profile, -j 2, empty target dir)"
t0="$(date +%s%N)"
CARGO_TARGET_DIR="$target" cargo build -j 2 --offline -p sendgrid-sso --lib --profile "$profile" \
  --timings >"$target/build.log" 2>&1 || { cat "$target/build.log"; exit 1; }
t1="$(date +%s%N)"
if grep -q 'Compiling openapi-client-gen' "$target/build.log"; then
  echo "error: the consumer build compiled the generator" >&2
  exit 1
fi
units="$(grep -c '^\s*Compiling' "$target/build.log" || true)"
awk -v ns="$((t1 - t0))" -v u="$units" 'BEGIN { printf "clean build, all dependencies:  %.1f s (%d packages compiled)\n", ns / 1e9, u }'
# The crate's own units (its empty build script, and the library) from the timings report.
python3 - "$target/cargo-timings/cargo-timing.html" <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
own = [u for u in units if u["name"] == "sendgrid-sso"]
for u in own:
    print(f"  sendgrid-sso {u.get('target', '').strip() or 'lib'}: {u['duration']:.1f} s")
lib = [u for u in own if "build-script" not in u.get("target", "")]
total = sum(u["duration"] for u in units)
print(f"sendgrid-sso library alone:     {sum(u['duration'] for u in lib):.1f} s (all units end to end: {total:.1f} s)")
print("slowest units:")
for u in sorted(units, key=lambda u: -u["duration"])[:6]:
    print(f"  {u['duration']:5.1f} s  {u['name']} {u['version']}{u.get('target', '')}")
EOF

echo "== dependency tree (normal + build edges, as consumers get it)"
tree="$(cargo tree -p sendgrid-sso -e normal,build --prefix none)"
echo "cargo tree lines (sort -u):     $(sort -u <<<"$tree" | wc -l)"
echo "distinct packages:              $(sed 's/ (\*)$//' <<<"$tree" | sort -u | wc -l)"
echo "proc-macro crates:              $(grep -c 'proc-macro' <<<"$tree" || true)"

echo "== generated code"
rs="$(find generated/src -name '*.rs')"
echo "generated/src: $(wc -l <<<"$rs") files, $(cat $rs | wc -l) lines, $(cat $rs | wc -c) bytes (runtime included)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
