#!/usr/bin/env bash
# Mutation testing with cargo-mutants (https://mutants.rs/), pinned so that every run makes the
# same mutants. Which files are examined, the test command, and the short list of equivalent
# mutants that are skipped are in .cargo/mutants.toml.
#
#   bash .ci/mutants.sh          mutants in the lines changed since MUTANTS_BASE (default
#                                HEAD~1, the previous commit): what .ci/run runs
#   bash .ci/mutants.sh --full   every mutant of every examined file (see CONTRIBUTING.md)
#
# Fails (exit 2 from cargo-mutants) when any mutant is missed, that is, survives every test,
# and (exit 3) when one makes the tests hang. Unviable mutants, which do not compile, are fine.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=27.1.0
if ! cargo mutants --version 2>/dev/null | grep -qx "cargo-mutants $VERSION"; then
  echo "installing cargo-mutants $VERSION"
  cargo install --locked --quiet cargo-mutants --version "$VERSION"
fi

# The property tests run from a fixed seed (see examples/suite/tests/properties.rs); the crate's
# own tests draw nothing at random. One job: the machine has two cores, and each mutant builds
# the crate's test binaries.
args=(--no-shuffle --jobs 1 --timeout-multiplier 3)

case "${1:-}" in
  --full)
    exec cargo mutants "${args[@]}"
    ;;
  "")
    base="${MUTANTS_BASE:-HEAD~1}"
    if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
      echo "no commit $base to compare with: nothing to mutate"
      exit 0
    fi
    diff_file=$(mktemp)
    trap 'rm -f "$diff_file"' EXIT
    git diff "$base" -- src >"$diff_file"
    if [ ! -s "$diff_file" ]; then
      echo "src/ unchanged since $base: no mutants to test"
      exit 0
    fi
    # CI's budget: each mutant rebuilds and reruns the crate's tests (about a minute on two
    # cores), so a change with more mutants than MUTANTS_MAX is left to a local run.
    count=$(cargo mutants --list --in-diff "$diff_file" | grep -c . || true)
    max="${MUTANTS_MAX:-15}"
    if [ "$count" -gt "$max" ]; then
      echo "$count mutants in the lines changed since $base, more than MUTANTS_MAX=$max:"
      echo "not run here; run 'MUTANTS_BASE=$base MUTANTS_MAX=$count bash .ci/mutants.sh'"
      exit 0
    fi
    echo "$count mutants in the lines changed since $base"
    [ "$count" -eq 0 ] && exit 0
    exec cargo mutants "${args[@]}" --in-diff "$diff_file"
    ;;
  *)
    echo "usage: bash .ci/mutants.sh [--full]" >&2
    exit 64
    ;;
esac
