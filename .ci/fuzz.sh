#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time and fails on any crash.
#
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   space-separated subset of targets (default: all four)
#
# Each target starts from its committed seeds (fuzz/seeds/<target>/), copied into a scratch
# corpus (fuzz/corpus/<target>/, gitignored, kept between runs). Crash inputs land in
# fuzz/artifacts/<target>/ and the libFuzzer log in fuzz/artifacts/<target>.log. The stable
# toolchain runs cargo-fuzz's nightly flags through RUSTC_BOOTSTRAP=1.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"verify parse secret roundtrip"}

export RUSTC_BOOTSTRAP=1
# cargo-fuzz looks for its binaries under fuzz/target; a target dir set for the main crate
# would send them elsewhere.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

# Release build with debug assertions and overflow checks, and AddressSanitizer (the default).
fuzz_flags=(--debug-assertions)

echo "fuzz: building targets"
(cd fuzz && cargo fuzz build "${fuzz_flags[@]}")

mkdir -p fuzz/artifacts
failed=()
summary=()
for target in $targets; do
    corpus="$root/fuzz/corpus/$target"
    log="$root/fuzz/artifacts/$target.log"
    mkdir -p "$corpus" "$root/fuzz/artifacts/$target"
    if [ -d "fuzz/seeds/$target" ]; then
        cp -n "fuzz/seeds/$target"/* "$corpus"/ 2>/dev/null || true
    fi
    echo "fuzz: $target for ${seconds}s"
    status=0
    marker="$root/fuzz/artifacts/.$target.start"
    touch "$marker"
    (cd fuzz && cargo fuzz run "${fuzz_flags[@]}" "$target" "$corpus" -- \
        -max_total_time="$seconds" \
        -rss_limit_mb=2048 \
        -timeout=10 \
        -print_final_stats=1 \
        -artifact_prefix="$root/fuzz/artifacts/$target/") >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
    if [ -z "$runs" ]; then
        runs=$(sed -n 's/^Done \([0-9][0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    fi
    runs=${runs:-0}
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $target FAILED (exit $status) after $runs executions; last lines of $log:"
        tail -n 40 "$log"
        find "$root/fuzz/artifacts/$target" -type f -newer "$marker" 2>/dev/null |
            sed 's/^/fuzz:   new artifact: /'
        failed+=("$target")
    fi
    summary+=("$target: $runs executions in ${seconds}s")
    echo "fuzz: $target: $runs executions"
done

echo "fuzz: summary"
for line in "${summary[@]}"; do
    echo "fuzz:   $line"
done
if [ "${#failed[@]}" -ne 0 ]; then
    echo "fuzz: crashes in: ${failed[*]}"
    exit 1
fi
echo "fuzz: no crashes"
