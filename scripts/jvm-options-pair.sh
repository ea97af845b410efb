#!/usr/bin/env bash
# One ./meshscope command in fresh JVMs, as shipped and with extra JVM options (MESHSCOPE_JAVA_OPTS, which the
# launcher puts after jvm/*.options), alternately, so both see the machine in the same state. How the options in
# jvm/cli.options are checked (docs/PERFORMANCE.md); the command's output is thrown away.
#
#   scripts/jvm-options-pair.sh 'OPTIONS' RUNS COMMAND [ARGS...]
#   e.g. scripts/jvm-options-pair.sh -XX:+UseTransparentHugePages 5 report -o json --imports -f mesh
#
# Prints each run's wall, user and system seconds and peak RSS, then each side's medians. Needs GNU time
# (/usr/bin/time, Debian's package `time`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/pair-common.sh
. "$root/scripts/pair-common.sh"
usage="usage: scripts/jvm-options-pair.sh 'OPTIONS' RUNS COMMAND [ARGS...]"
options="${1:?$usage}"
runs="${2:?$usage}"
shift 2
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/jvm-options-pair.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$root/meshscope" --version >/dev/null # builds the jar and its class-data archive now, not during a run
for ((i = 1; i <= runs; i++)); do
  for side in shipped with; do
    extra=""
    [ "$side" = with ] && extra="$options"
    MESHSCOPE_JAVA_OPTS="$extra" /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$root/meshscope" "$@" \
      >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r wall user sys rss <"$work/time"
    echo "$wall $user $sys $rss" >>"$work/$side"
    printf 'run %d, %-7s %s s wall, %s s user, %s s sys, %d MB peak RSS\n' "$i" "$side:" "$wall" "$user" "$sys" \
      $((rss / 1024))
  done
done
for side in shipped with; do
  label="as shipped"
  [ "$side" = with ] && label="with $options"
  echo "median, $label: $(median "$work/$side" 1) s wall, $(median "$work/$side" 2) s user," \
    "$(median "$work/$side" 3) s sys, $(($(median "$work/$side" 4 | cut -d. -f1) / 1024)) MB peak RSS"
done
