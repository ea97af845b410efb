#!/usr/bin/env bash
# `bench ui` for two versions side by side: the jar of a git revision and the jar of the working tree, each run
# through a copy of the ./meshscope launcher (its own class-data archive, jvm/*.options of the working tree),
# alternately, so both see the machine in the same state. Prints each run's URL line and page rows.
# With --rev-options the revision's side runs with the revision's own jvm/*.options: each side as shipped.
#
#   scripts/ui-bench-pair.sh [--rev-options] REV [RUNS] [BENCH OPTIONS...]   # e.g. scripts/ui-bench-pair.sh 71d3fd1 2 --reps 3
#
# Needs what `bench ui` needs (Chromium and ChromeDriver: the cli module's browser tests install them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/pair-common.sh
. "$root/scripts/pair-common.sh"
rev_options=false
if [ "${1:-}" = --rev-options ]; then
  rev_options=true
  shift
fi
rev="${1:?usage: scripts/ui-bench-pair.sh [--rev-options] REV [RUNS] [BENCH OPTIONS...]}"
runs="${2:-2}"
shift $(($# < 2 ? $# : 2))
work="$(mktemp -d "${TMPDIR:-/tmp}/ui-bench-pair.XXXXXX")"
cleanup() {
  remove_pair_worktree "$root" "$work"
  rm -rf "$work"
}
trap cleanup EXIT

build_pair "$root" "$rev" "$work" cli,bench

before_jvm="$root/jvm"
if [ "$rev_options" = true ]; then
  before_jvm="$work/src/jvm"
fi
copy_launcher "$root" "$work/before" "$work/src/cli/target/meshscope.jar" "$before_jvm"
copy_launcher "$root" "$work/after" "$root/cli/target/meshscope.jar" "$root/jvm"

for ((i = 1; i <= runs; i++)); do
  for v in before after; do
    echo "### run $i, $v ($([ "$v" = before ] && echo "$rev$([ "$rev_options" = true ] && echo ", its jvm options")" || echo "working tree"))"
    java -jar "$root/bench/target/meshscope-bench.jar" ui --meshscope "$work/$v/meshscope" "$@" 2>/dev/null \
      | grep -E '^`meshscope ui`|^\| [a-z]'
  done
done
