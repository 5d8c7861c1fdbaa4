#!/usr/bin/env bash
# Writes, into DIR (outside this workspace), the crates as a new user gets them, without a
# lockfile:
#   DIR/fixture/    what `openapi-client-gen generate` writes for a fixture spec (the SendGrid
#                   SSO document as published, tests/fixtures/published_sso), built by the CLI;
#   DIR/generated/  `generated/` as published: `cargo package` (normalized Cargo.toml, no
#                   workspace), extracted;
#   DIR/generator/  the packaged generator, which generated/'s optional build-dependency names
#                   (not on crates.io yet: DIR/generated/.cargo/config.toml patches it in, as
#                   a published pair would resolve it).
# Used by scripts/fresh_user.sh and scripts/min_versions.sh.
#
#   scripts/user_crates.sh DIR
set -euo pipefail
dir=${1:?usage: scripts/user_crates.sh DIR}
cd "$(dirname "$0")/.."
root=$PWD
case "$(realpath -m "$dir")/" in
  "$root"/*) echo "user_crates.sh: $dir is inside the workspace; give a folder outside it" >&2; exit 2 ;;
esac
mkdir -p "$dir"
dir=$(realpath "$dir")
rm -rf "$dir/fixture" "$dir/generated" "$dir/generator"

cargo run -q -p openapi-client-gen -- generate --spec generator/tests/fixtures/published_sso/openapi.json \
  --out "$dir/fixture" --name fresh-published-sso >/dev/null

# --allow-dirty: CI runs this on a clean tree; locally it packages the working copy.
cargo package -q --no-verify --allow-dirty -p openapi-client-gen -p sendgrid-sso
version=$(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json,sys; print({p["name"]: p["version"] for p in json.load(sys.stdin)["packages"]}["sendgrid-sso"])')
generator_version=$(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json,sys; print({p["name"]: p["version"] for p in json.load(sys.stdin)["packages"]}["openapi-client-gen"])')
package_dir=${CARGO_TARGET_DIR:-$root/target}/package
tar -xzf "$package_dir/sendgrid-sso-$version.crate" -C "$dir"
mv "$dir/sendgrid-sso-$version" "$dir/generated"
tar -xzf "$package_dir/openapi-client-gen-$generator_version.crate" -C "$dir"
mv "$dir/openapi-client-gen-$generator_version" "$dir/generator"
# A dependent resolves its own versions: the packaged lockfiles are not what a user gets.
rm -f "$dir/fixture/Cargo.lock" "$dir/generated/Cargo.lock" "$dir/generator/Cargo.lock"
# generated/'s optional build-dependency (the generator, behind `regenerate`) resolves to its
# package, as crates.io will give it once both are published (crates.io's openapi-client-gen
# today is someone else's 0.0.x).
mkdir -p "$dir/generated/.cargo"
printf '[patch.crates-io]\nopenapi-client-gen = { path = "%s" }\n' "$dir/generator" >"$dir/generated/.cargo/config.toml"
