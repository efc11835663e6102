#!/usr/bin/env bash
# The `clerk-webhooks` CLI end to end, as a user runs it: `send --all` against `listen` on a
# loopback port (51/51 verified), the refused cases, and `send --all` against the axum example
# served as a receiver. Every server started here is stopped on exit, failure included.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
trap 'status=$?; [ "$BASH_SUBSHELL" -eq 0 ] && echo "error: .ci/cli.sh: \`$BASH_COMMAND\` failed with status $status (line $LINENO)" >&2' ERR

# The test kit's secret (`clerk_webhooks::testing::TEST_SECRET`), passed through the
# environment as users should, never on a command line.
export CLERK_WEBHOOK_SIGNING_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw

cargo build --quiet --features cli --bin clerk-webhooks
cargo build --quiet -p clerk-webhooks-suite --example axum
target_dir=$(bash .ci/target-dir.sh)
bin="$target_dir/debug/clerk-webhooks"
axum_example="$target_dir/debug/examples/axum"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Waits for a server's "listening on http://ADDR…" line in a file and prints a loopback URL.
wait_for_address() {
  local file=$1 address=""
  for _ in $(seq 100); do
    address=$(sed -n 's|^listening on http://\([^/]*\)/\{0,1\}$|\1|p' "$file" | head -n1)
    [ -n "$address" ] && break
    sleep 0.1
  done
  if [ -z "$address" ]; then
    echo "no server address in $file:" >&2
    cat "$file" >&2
    return 1
  fi
  echo "http://127.0.0.1:${address##*:}"
}

echo "--- send --all against listen"
"$bin" listen --port 0 --json >"$work/listen.out" 2>"$work/listen.err" &
pids+=($!)
url=$(wait_for_address "$work/listen.err")
"$bin" send --all --to "$url/" | tail -n 1
"$bin" send user.created --tampered --to "$url/" | tail -n 1
"$bin" send session.created --stale --to "$url/" | tail -n 1
verified=$(grep -c '"verified":true' "$work/listen.out" || true)
rejected=$(grep -c '"status":400' "$work/listen.out" || true)
echo "listen: $verified/51 verified, $rejected/2 refused"
if [ "$verified" -ne 51 ] || [ "$rejected" -ne 2 ]; then
  cat "$work/listen.out" >&2
  exit 1
fi

echo "--- send --all against the axum example"
PORT=0 "$axum_example" >"$work/axum.out" 2>&1 &
pids+=($!)
url=$(wait_for_address "$work/axum.out")
"$bin" send --all --to "$url/webhooks/clerk" | tail -n 1
"$bin" send user.created --tampered --to "$url/webhooks/clerk" | tail -n 1
