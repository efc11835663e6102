#!/usr/bin/env bash
# Prints the directory Cargo writes build output to, as `cargo metadata` reports it
# (`target_directory`): `./target` by default, or wherever CARGO_TARGET_DIR, `--config
# build.target-dir` or a `.cargo/config.toml` puts it. Every CI script finds built files
# through this, never through a literal `target/`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! metadata=$(cargo metadata --format-version 1 --no-deps); then
  echo "error: .ci/target-dir.sh: \`cargo metadata\` failed" >&2
  exit 1
fi
# One line of JSON; the key appears once. A path with a `"` or `\` would be escaped in it,
# which this does not undo, so such a path is refused below rather than misread.
target_dir=$(printf '%s\n' "$metadata" | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
if [ -z "$target_dir" ]; then
  echo "error: .ci/target-dir.sh: \`cargo metadata\` reported no target_directory" >&2
  exit 1
fi
case "$target_dir" in
  *\\*)
    echo "error: .ci/target-dir.sh: the target directory $target_dir contains an escaped character" >&2
    exit 1
    ;;
esac
printf '%s\n' "$target_dir"
