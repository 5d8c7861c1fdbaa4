#!/usr/bin/env bash
# Paired runs against progenitor 0.15.1 on one OpenAPI document (oxide.json is the one
# progenitor is built for): generation wall time, generated lines, and two debug builds of
# each generated crate alone (dependencies already built), ours also with one tag's feature:
# a full compile (what a registry dependency or a CI cache miss costs: CARGO_INCREMENTAL=0)
# and an incremental rebuild after `touch src/lib.rs`.
#
#   scripts/bench_vs_progenitor.sh SPEC [RUNS] [TAG_FEATURE]
#
# Installs cargo-progenitor into target/progenitor (never a dependency of the project).
# Prints every run, then each paired figure (best of RUNS) and its ratio (ours / progenitor);
# lower is better for us. The two tools' runs alternate, so the machine's drift hits both.
set -euo pipefail
spec=$(realpath "${1:?usage: $0 SPEC [RUNS] [TAG_FEATURE]}")
runs=${2:-5}
tag=${3:-disks}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/target/vs-progenitor
mkdir -p "$work"
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}

prog_root=$root/target/progenitor
if [ ! -x "$prog_root/bin/cargo-progenitor" ]; then
  echo "== installing cargo-progenitor 0.15.1 into $prog_root"
  cargo install -q cargo-progenitor --version 0.15.1 --locked --root "$prog_root"
fi
echo "== building our generator (release, in its own target dir)"
(cd "$root" && cargo build -q --release -p openapi-client-gen --target-dir "$work/generator")
ours_bin=$work/generator/release/openapi-client-gen

# Each run writes a directory of its own: deleting ~900 files just before writing as many
# makes ext4 hunt for inodes it may reuse, which would time the file system, not the tool.
ours() { "$ours_bin" generate --spec "$spec" --out "$1" --name ours --own-workspace >/dev/null 2>&1; }
theirs() {
  "$prog_root/bin/cargo-progenitor" progenitor -i "$spec" -o "$1" -n theirs -v 0.1.0 >/dev/null 2>&1
}
# Seconds of the fastest of $runs runs, interleaved with the other tool's.
best() { python3 -c "import sys; print(min(float(x) for x in sys.argv[1:]))" "$@"; }
timed() { local t0 t1; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N); python3 -c "print($t1 - $t0)"; }
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }

# Flush what the builds above wrote, so the runs below do not time its writeback.
sync
echo "== generation, $runs paired runs (best of each)"
o=(); t=()
rm -rf "$work/runs" "$work/ours" "$work/theirs"
mkdir -p "$work/runs"
for i in $(seq "$runs"); do
  o+=("$(timed ours "$work/runs/ours-$i")")
  t+=("$(timed theirs "$work/runs/theirs-$i")")
done
mv "$work/runs/ours-1" "$work/ours"
mv "$work/runs/theirs-1" "$work/theirs"
rm -rf "$work/runs"
echo "generation runs (s): ours ${o[*]}; progenitor ${t[*]}"
go=$(best "${o[@]}"); gt=$(best "${t[@]}")
echo "generation: ours ${go}s, progenitor ${gt}s, ratio $(ratio "$go" "$gt")"

lines() { find "$1/src" -name '*.rs' -print0 | xargs -0 cat | wc -l; }
echo "generated Rust lines: ours $(lines "$work/ours"), progenitor $(lines "$work/theirs")"

# progenitor writes a crate without [workspace]; give it one so it builds here.
grep -q '^\[workspace\]' "$work/theirs/Cargo.toml" || printf '\n[workspace]\n' >> "$work/theirs/Cargo.toml"

# One debug build of a generated crate alone after `touch src/lib.rs`: incremental (1|0), dir,
# cargo args... The first call per (dir, args) warms its target dir (dependencies built).
build() {
  local incremental=$1 dir=$2; shift 2
  touch "$dir/src/lib.rs"
  (cd "$dir" && CARGO_INCREMENTAL=$incremental timed cargo build -q --target-dir "$work/target-$(basename "$dir")" "$@")
}
for mode in full incremental; do
  incremental=$([ "$mode" = full ] && echo 0 || echo 1)
  echo "== $mode debug build of each generated crate alone (dependencies built), best of $runs, interleaved"
  build "$incremental" "$work/ours" >/dev/null
  build "$incremental" "$work/theirs" >/dev/null
  build "$incremental" "$work/ours" --no-default-features --features "$tag" >/dev/null
  # Each round builds the three in turn, so the machine's drift (which is as large as the
  # margins measured) falls on both tools alike.
  ro=(); rt=(); rd=()
  for _ in $(seq "$runs"); do
    ro+=("$(build "$incremental" "$work/ours")")
    rt+=("$(build "$incremental" "$work/theirs")")
    rd+=("$(build "$incremental" "$work/ours" --no-default-features --features "$tag")")
  done
  echo "$mode rebuild runs (s): ours ${ro[*]}; progenitor ${rt[*]}; only '$tag' ${rd[*]}"
  bo=$(best "${ro[@]}"); bt=$(best "${rt[@]}"); bd=$(best "${rd[@]}")
  echo "$mode rebuild, all features: ours ${bo}s, progenitor ${bt}s, ratio $(ratio "$bo" "$bt")"
  echo "$mode rebuild, only '$tag': ours ${bd}s, progenitor (everything) ${bt}s, ratio $(ratio "$bd" "$bt")"
done
