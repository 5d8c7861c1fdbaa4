#!/usr/bin/env bash
# Generator cost in instructions, counted by callgrind: the same figures whatever else the
# machine is doing, unlike the wall times of `cargo bench`. Runs the release CLI on spec/ and
# on synthetic specs from scripts/synth_spec.py, and prints instructions per stage. Columns:
# load, resolve, lower; emit+write is the rest (emit, its formatting, and the CLI writing
# the files to an empty folder); format is the part of it in format::rust (syn's parse plus
# prettyplease), counted on all threads.
#
#   scripts/bench_generator_callgrind.sh [OPS...]     # default: 100 1000
set -euo pipefail
cd "$(dirname "$0")/.."
ops=("$@")
[ ${#ops[@]} -gt 0 ] || ops=(100 1000)
export CARGO_TERM_COLOR=never
cargo build -j 2 --release --quiet -p openapi-client-gen
bin="$PWD/target/release/openapi-client-gen"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

profile() { # label spec
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg-$1" \
    "$bin" generate --spec "$2" --out "$tmp/out-$1" --name bench >/dev/null 2>&1
  callgrind_annotate --inclusive=yes "$tmp/cg-$1" | python3 -c '
import re, sys
label = sys.argv[1]
want = {
    "load": "openapi_client_gen::load::load",
    "resolve": "openapi_client_gen::resolve::resolve",
    "lower": "openapi_client_gen::lower::lower",
    "format": "openapi_client_gen::format::rust",
    "syn": "syn::file::parsing::<impl syn::parse::Parse for syn::file::File>::parse",
    "pretty": "prettyplease::unparse",
}
got, total = {}, 0
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) \(.*?\)\s+(.*)", line)
    if not m:
        continue
    count, where = int(m.group(1).replace(",", "")), m.group(2)
    if where.startswith("PROGRAM TOTALS"):
        total = count
    for key, name in want.items():
        if re.match(r"\?\?\?:" + re.escape(name) + r" \[", where) and key not in got:
            got[key] = count
m = lambda n: "{:,.1f}M".format(n / 1e6)
g = lambda key: m(got.get(key, 0))
rest = total - sum(got.get(k, 0) for k in ("load", "resolve", "lower"))
print("{:<10} {:>10} {:>9} {:>9} {:>9} {:>12} {:>10} {:>10} {:>10}".format(
    label, m(total), g("load"), g("resolve"), g("lower"), m(rest), g("format"), g("syn"),
    g("pretty")))
' "$1"
}

printf '%-10s %10s %9s %9s %9s %12s %10s %10s %10s\n' spec total load resolve lower \
  "emit+write" "format" "(syn)" "(pretty)"
profile sso spec
for n in "${ops[@]}"; do
  python3 scripts/synth_spec.py "$n" >"$tmp/ops-$n.json"
  profile "ops-$n" "$tmp/ops-$n.json"
done
