#!/usr/bin/env bash
# The lower bounds a generated Cargo.toml states are versions that compile the runtime: for
# the fixture crate of scripts/user_crates.sh (outside this workspace), resolve everything to its
# newest version, then move each direct dependency down to its stated minimum
# (`cargo update -p DEP --precise MIN`: "1" means 1.0.0, "0.1.14" means 0.1.14), and build
# with every feature a user can turn on, warnings denied, and with `ring` instead of
# aws-lc-rs. A minimum that cannot be resolved (another dependency needs more) or does not
# compile fails the script: raise it in generator/src/emit/crate_files.rs.
# .ci/run runs it after scripts/fresh_user.sh (same target dir, target/user-crates/).
#
#   scripts/min_versions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
work=$(mktemp -d "${TMPDIR:-/tmp}/min-versions.XXXXXX")
trap 'rm -rf "$work"' EXIT
scripts/user_crates.sh "$work"
export CARGO_TARGET_DIR=$root/target/user-crates

# "DEP MIN" per normal dependency of the crate in the current folder: the requirement's
# version padded to three numbers ("^0.1.14" -> 0.1.14, "^1" -> 1.0.0).
minimums() {
  cargo metadata --no-deps --format-version 1 | python3 -c '
import json, re, sys
package = json.load(sys.stdin)["packages"][0]
for dep in package["dependencies"]:
    if dep["kind"] is not None:
        continue
    m = re.fullmatch(r"\^?(\d+)(?:\.(\d+))?(?:\.(\d+))?", dep["req"])
    if not m:
        sys.exit("%s: requirement %r is not a plain version" % (dep["name"], dep["req"]))
    print(dep["name"], ".".join(part or "0" for part in m.groups()))'
}

# The version Cargo.lock holds for DEP (one line per version).
locked() {
  python3 -c '
import sys, tomllib
with open("Cargo.lock", "rb") as lock:
    packages = tomllib.load(lock)["package"]
print("\n".join(p["version"] for p in packages if p["name"] == sys.argv[1]))' "$1"
}

check() { # check NAME: the crate in $work/NAME
  local name=$1
  echo "== minimum versions: $name"
  cd "$work/$name"
  cargo generate-lockfile -q
  # The futures crates are released together, each asking the others for its own version:
  # futures-core can go down to its minimum only with the rest of the family that hyper and
  # hyper-util pull in (futures-util, futures-channel, ...) no newer than it.
  local futures_min family
  futures_min=$(minimums | awk '$1 == "futures-core" { print $2 }')
  if [ -n "$futures_min" ]; then
    for family in futures futures-util futures-channel futures-executor futures-io futures-sink futures-task futures-macro; do
      if [ -n "$(locked "$family")" ]; then
        cargo update -q -p "$family" --precise "$futures_min" 2>"$work/update.err" || true
      fi
    done
  fi
  local -a pending=()
  mapfile -t pending < <(minimums)
  # Moving one dependency down can make room for another (a newest dependent asks more of
  # it than an older one does): retry until nothing moves.
  local progress=1
  while [ ${#pending[@]} -gt 0 ] && [ $progress = 1 ]; do
    progress=0
    local -a left=()
    for entry in "${pending[@]}"; do
      read -r dep min <<<"$entry"
      if cargo update -q -p "$dep" --precise "$min" 2>"$work/update.err"; then
        progress=1
      else
        left+=("$entry")
      fi
    done
    pending=("${left[@]+"${left[@]}"}")
  done
  if [ ${#pending[@]} -gt 0 ]; then
    for entry in "${pending[@]}"; do
      read -r dep min <<<"$entry"
      echo "$name: $dep cannot be resolved at its stated minimum $min:"
      cargo update -p "$dep" --precise "$min" 2>&1 | sed 's/^/    /' || true
    done
    exit 1
  fi
  while read -r dep min; do
    [ "$(locked "$dep")" = "$min" ] || { echo "$name: $dep resolved to $(locked "$dep"), not $min"; exit 1; }
    printf '%s %s, ' "$dep" "$min"
  done < <(minimums)
  echo
  local tags
  tags=$(cargo metadata --no-deps --format-version 1 | python3 -c '
import json, sys
features = json.load(sys.stdin)["packages"][0]["features"]
print(",".join(f for f in features.get("default", []) if f not in ("aws-lc-rs", "ring")))')
  cargo clippy -q --all-targets --features native-roots,tracing,testing -- -D warnings
  cargo clippy -q --all-targets --no-default-features --features "ring,native-roots,tracing,testing${tags:+,$tags}" -- -D warnings
  cd "$root"
}

check fixture
# generated/ states the same dependencies (the same emitter writes them), so the fixture's
# check covers it. It is not resolved down itself: its lockfile would also hold the optional
# build-dependency behind `regenerate` (the generator, whose own dependencies need serde
# 1.0.220), which a crate that depends on sendgrid-sso never resolves.
normal_deps() {
  (cd "$work/$1" && cargo metadata --no-deps --format-version 1) | python3 -c '
import json, sys
package = json.load(sys.stdin)["packages"][0]
deps = sorted((d["name"], d["req"], d["optional"], d["uses_default_features"], sorted(d["features"]))
              for d in package["dependencies"] if d["kind"] is None)
print("\n".join(map(str, deps)))'
}
diff <(normal_deps fixture) <(normal_deps generated) ||
  { echo "generated/ and the fixture crate state different dependencies"; exit 1; }
echo "== minimum versions: all compile (generated/ states the same dependencies as the fixture)"
