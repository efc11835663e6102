#!/usr/bin/env bash
# What a user pays to depend on clerk-webhooks, against svix 2.9.1, in one run.
#
# Builds two minimal consumer crates (one `main.rs` each, default features of the dependency)
# from empty target directories, one after the other, `ROUNDS` times each in alternating
# order, and prints the wall time of every build, the medians, the ratio and the crates
# compiled. Also measures `cargo run --example quickstart` from an empty target directory in
# this checkout (and, with `BASELINE=<git rev>`, in a clone of that revision).
#
#   bash benches/compare/consumer-build.sh
#
# The registry must already hold the sources (run once with network, or after a
# `cargo fetch`): the timing is compilation, not download.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${ROUNDS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_INCREMENTAL=0 CARGO_TERM_COLOR=never

consumer() { # name, dependency line, main body
  mkdir -p "$work/$1/src"
  cat >"$work/$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$2

[workspace]
EOF
  printf '%s\n' "$3" >"$work/$1/src/main.rs"
}

consumer ours "clerk-webhooks = { path = \"$root\" }" \
  'fn main() { let wh = clerk_webhooks::Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap(); println!("{wh:?}"); }'
consumer svix 'svix = "=2.9.1"' \
  'fn main() { let wh = svix::webhooks::Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap(); let _ = wh; }'

# Resolve and fetch first, outside the timing.
for c in ours svix; do cargo fetch --quiet --manifest-path "$work/$c/Cargo.toml"; done

build() { # consumer -> "seconds crates"
  local dir=$work/$1 target=$work/target-$1
  rm -rf "$target"
  local start end log
  log=$(mktemp)
  start=$(date +%s.%N)
  cargo build --manifest-path "$dir/Cargo.toml" --target-dir "$target" 2>"$log"
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(grep -c '^ *Compiling ' "$log")"
  rm -f "$log"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -a ours_t svix_t
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order="ours svix"; else order="svix ours"; fi
  for c in $order; do
    read -r secs crates < <(build "$c")
    echo "round $round: $c ${secs}s, $crates crates compiled"
    if [ "$c" = ours ]; then ours_t+=("$secs"); ours_crates=$crates; else svix_t+=("$secs"); svix_crates=$crates; fi
  done
done
ours_m=$(printf '%s\n' "${ours_t[@]}" | median)
svix_m=$(printf '%s\n' "${svix_t[@]}" | median)
echo
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores)"
echo "consumer of clerk-webhooks: median ${ours_m}s, $ours_crates crates compiled"
echo "consumer of svix 2.9.1:     median ${svix_m}s, $svix_crates crates compiled"
echo "ratio svix / clerk-webhooks: $(echo "scale=2; $svix_m / $ours_m" | bc)x"

quickstart() { # checkout dir -> "seconds crates"
  local target=$work/target-quickstart log start end
  rm -rf "$target"
  log=$(mktemp)
  start=$(date +%s.%N)
  (cd "$1" && cargo run --example quickstart --target-dir "$target" >/dev/null 2>"$log")
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(grep -c '^ *Compiling ' "$log")"
  rm -rf "$log" "$target"
}

echo
if [ -n "${BASELINE:-}" ]; then
  git clone --quiet "$root" "$work/baseline"
  git -C "$work/baseline" checkout --quiet "$BASELINE"
  (cd "$work/baseline" && cargo fetch --quiet)
  read -r secs crates < <(quickstart "$work/baseline")
  echo "quickstart at $BASELINE: ${secs}s, $crates crates compiled"
fi
read -r secs crates < <(quickstart "$root")
echo "quickstart at $(git -C "$root" rev-parse --short HEAD): ${secs}s, $crates crates compiled"
