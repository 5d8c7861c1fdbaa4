#!/usr/bin/env bash
# Client overhead in instructions, which other processes cannot disturb: runs each scenario of
# benches/client_overhead.rs under callgrind, once per side, and counts the instructions of
# the client's thread (the runtime thread that also runs the connection tasks; the server has
# its own thread) inside the measured calls only. Prints instructions per call and the ratio
# generated / reqwest.
#
#   scripts/bench_client_callgrind.sh [CALLS]    # default 2000 calls per scenario and side
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-2000}"
export CARGO_TERM_COLOR=never
bench="$(cargo bench -j 2 --manifest-path benches/Cargo.toml --bench client_overhead --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "client_overhead" and m.get("executable"):
        print(m["executable"])')"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
count() { # scenario side -> instructions of the measured window on the client thread
  CLIENT_OVERHEAD_ONLY="$1:$2:$calls" valgrind --tool=callgrind --separate-threads=yes \
    --toggle-collect='client_overhead::measured' --callgrind-out-file="$out/$1-$2" "$bench" >/dev/null 2>&1
  # Thread 1 is the main (client) thread.
  grep -h '^totals:\|^summary:' "$out/$1-$2-01" | head -1 | awk '{ print $2 }'
}
printf '%-8s %18s %18s %8s\n' scenario "generated Ir/call" "reqwest Ir/call" ratio
for scenario in get list create; do
  g="$(count "$scenario" generated)"
  r="$(count "$scenario" reqwest)"
  awk -v s="$scenario" -v g="$g" -v r="$r" -v n="$calls" \
    'BEGIN { printf "%-8s %18.0f %18.0f %8.3f\n", s, g / n, r / n, g / r }'
done
