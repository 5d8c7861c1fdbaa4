#!/usr/bin/env bash
# Regeneration after one schema changes, against a full generation, on a synthetic spec with
# OPS operations (scripts/synth_spec.py; 1,000 by default).
#
#   scripts/bench_regeneration.sh [OPS] [RUNS]
#
# Full: a run without a cache into a fresh folder. Regeneration: the same spec path with one
# property's description edited, into the folder of the previous run, with its --cache warm
# (the spec alternates between two revisions, so every run has one schema to redo).
# Prints the best of RUNS of each and the ratio (regeneration / full), and the front end's
# share: what a regeneration costs before it could skip anything.
set -euo pipefail
ops=${1:-1000}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/target/bench-regeneration
rm -rf "$work"
mkdir -p "$work/full"
(cd "$root" && cargo build -q --release -p openapi-client-gen --target-dir "$work/generator")
bin=$work/generator/release/openapi-client-gen
python3 "$root/scripts/synth_spec.py" "$ops" 0 > "$work/a.json"
python3 "$root/scripts/synth_spec.py" "$ops" 1 > "$work/b.json"

timed() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); python3 -c "print($t1 - $t0)"; }
best() { python3 -c "import sys; print(min(float(x) for x in sys.argv[1:]))" "$@"; }
gen() { "$bin" generate --spec "$work/spec.json" --name synthetic --own-workspace "$@"; }

cp "$work/a.json" "$work/spec.json"
gen --out "$work/crate" --cache "$work/cache" >/dev/null 2>&1
full=(); regen=()
for i in $(seq "$runs"); do
  full+=("$(timed gen --out "$work/full/$i")")
  if [ $((i % 2)) = 1 ]; then cp "$work/b.json" "$work/spec.json"; else cp "$work/a.json" "$work/spec.json"; fi
  regen+=("$(timed gen --out "$work/crate" --cache "$work/cache")")
done
# The last regeneration must write what a run without a cache writes.
gen --out "$work/check" >/dev/null 2>&1
diff -r -I "Regenerate with" "$work/crate" "$work/check" >/dev/null ||
  { echo "regeneration differs from a fresh generation"; exit 1; }
# The floor of any regeneration that reads the whole spec: load, resolve (openapiv3) and lower,
# the front end every run pays before it can tell what changed. `diff` runs it on both sides
# and does little else, so half of `diff spec spec` is one front end.
front=()
for i in $(seq "$runs"); do
  front+=("$(timed "$bin" diff "$work/spec.json" "$work/spec.json")")
done
echo "full runs (s): ${full[*]}"
echo "regeneration runs (s): ${regen[*]}"
f=$(best "${full[@]}"); r=$(best "${regen[@]}")
echo "operations: $ops; full generation ${f}s, regeneration after one schema change ${r}s, ratio $(python3 -c "print('%.2f' % ($r / $f))")"
echo "front end runs (s, two specs each): ${front[*]}"
fe=$(best "${front[@]}")
echo "front end alone (half of the best diff): $(python3 -c "print('%.3f' % ($fe / 2))")s, $(python3 -c "print('%.2f' % ($fe / 2 / $f))") of a full generation"
