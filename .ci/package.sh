#!/usr/bin/env bash
# `cargo package` must be warning-free, and a consumer must build against the unpacked .crate,
# not the working tree, so that a sample or `include_bytes!` path outside the package fails
# here. The packaged crate is found under the target directory `cargo metadata` reports, so
# this works with CARGO_TARGET_DIR set. Every failure says what failed.
set -Eeuo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "error: .ci/package.sh: $*" >&2
  exit 1
}
trap 'status=$?; [ "$BASH_SUBSHELL" -eq 0 ] && echo "error: .ci/package.sh: \`$BASH_COMMAND\` failed with status $status (line $LINENO)" >&2' ERR

target_dir=$(bash .ci/target-dir.sh)
version=$(cargo metadata --format-version 1 --no-deps \
  | sed -n 's/.*"name":"clerk-webhooks","version":"\([^"]*\)".*/\1/p')
[ -n "$version" ] || fail "cargo metadata reported no version for clerk-webhooks"
echo "target directory: $target_dir"

package_log=$(mktemp)
consumer=$(mktemp -d)
trap 'rm -rf "$consumer" "$package_log"' EXIT

cargo package -p clerk-webhooks 2>&1 | tee "$package_log" \
  || fail "cargo package failed (its output is above)"
if grep -q '^warning' "$package_log"; then
  fail "cargo package printed warnings (above)"
fi
packaged="$target_dir/package/clerk-webhooks-$version"
[ -f "$packaged/Cargo.toml" ] \
  || fail "cargo package left no $packaged/Cargo.toml (target directory $target_dir)"

mkdir -p "$consumer/src"
cat >"$consumer/Cargo.toml" <<TOML
[package]
name = "packaged-consumer"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
clerk-webhooks = { path = "$packaged", features = ["testing"] }

[workspace]
TOML
cat >"$consumer/src/main.rs" <<'RUST'
use clerk_webhooks::testing::{self, Signer};
use clerk_webhooks::{EventKind, Webhook};

fn main() {
    let signer = Signer::default();
    let wh = Webhook::new(testing::TEST_SECRET).expect("the test secret is valid");
    let mut verified = 0;
    for kind in EventKind::ALL {
        let request = signer
            .sign_sample("msg_packaged", kind.as_str(), clerk_webhooks::time::OffsetDateTime::now_utc())
            .expect("every kind has a sample in the package");
        let delivery = wh.verify_event(&request.body, &request.headers).expect("verifies");
        assert_eq!(delivery.event.kind(), kind);
        verified += 1;
    }
    println!("packaged crate: {verified} signed samples verified");
}
RUST
CARGO_TARGET_DIR="$target_dir/packaged-consumer" \
  cargo run --quiet --manifest-path "$consumer/Cargo.toml" \
  || fail "the consumer of the packaged crate ($packaged) failed to build or run"
