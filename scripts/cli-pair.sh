#!/usr/bin/env bash
# One CLI command in fresh JVMs with the jar of a git revision and with the working tree's, each through a copy of
# the ./meshscope launcher (its own class-data archive, both with the working tree's jvm/*.options), alternately,
# so both see the machine in the same state; the command's output is thrown away. How a change to the code is
# checked for start-up and whole-command time (scripts/jvm-options-pair.sh does the same for JVM options).
#
#   scripts/cli-pair.sh REV RUNS COMMAND [ARGS...]   # e.g. scripts/cli-pair.sh c16b239 8 validate -f examples/ecommerce
#
# Prints each run's wall and user seconds, then each side's medians. Needs GNU time (/usr/bin/time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/pair-common.sh
. "$root/scripts/pair-common.sh"
usage="usage: scripts/cli-pair.sh REV RUNS COMMAND [ARGS...]"
rev="${1:?$usage}"
runs="${2:?$usage}"
shift 2
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/cli-pair.XXXXXX")"
cleanup() {
  remove_pair_worktree "$root" "$work"
  rm -rf "$work"
}
trap cleanup EXIT

build_pair "$root" "$rev" "$work" cli

copy_launcher "$root" "$work/before" "$work/src/cli/target/meshscope.jar" "$root/jvm"
copy_launcher "$root" "$work/after" "$root/cli/target/meshscope.jar" "$root/jvm"

for ((i = 1; i <= runs; i++)); do
  for side in before after; do
    # paths in ARGS are the caller's: run from where the script was called
    /usr/bin/time -f '%e %U' -o "$work/time" "$work/$side/meshscope" "$@" >/dev/null 2>"$work/err" \
      || { cat "$work/err" >&2; exit 1; }
    read -r wall user <"$work/time"
    echo "$wall $user" >>"$work/$side.times"
    printf 'run %d, %-7s %s s wall, %s s user\n' "$i" "$side:" "$wall" "$user"
  done
done
for side in before after; do
  label="$rev"
  [ "$side" = after ] && label="working tree"
  echo "median, $label: $(median "$work/$side.times" 1) s wall, $(median "$work/$side.times" 2) s user"
done
