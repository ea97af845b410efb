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
usage="usage: scripts/cli-pair.sh REV RUNS COMMAND [ARGS...]"
rev="${1:?$usage}"
runs="${2:?$usage}"
shift 2
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/cli-pair.XXXXXX")"
cleanup() {
  git -C "$root" worktree remove --force "$work/src" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building the working tree's jar" >&2
(cd "$root" && ./mvnw -B -q -pl cli -am install -DskipTests)
echo "building $rev's jar" >&2
git -C "$root" worktree add -q --detach "$work/src" "$rev"
(cd "$work/src" && ./mvnw -B -q -pl cli -am package -DskipTests)

launcher() { # launcher NAME JAR: a copy of ./meshscope that runs JAR
  mkdir -p "$work/$1/cli/target" "$work/$1/examples"
  cp "$root/meshscope" "$work/$1/"
  cp -r "$root/jvm" "$work/$1/"
  cp -r "$root/examples/ecommerce" "$work/$1/examples/" # the launcher's class-data archive is trained on it
  cp "$2" "$work/$1/cli/target/meshscope.jar"
  "$work/$1/meshscope" --version >/dev/null # makes its class-data archive now, not during a run
  if [ ! -f "$work/$1/cli/target/meshscope.jsa" ]; then
    echo "the $1 launcher made no class-data archive: its runs would not be the shipped launcher's" >&2
    exit 1
  fi
}
launcher before "$work/src/cli/target/meshscope.jar"
launcher after "$root/cli/target/meshscope.jar"

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
median() { # median FILE COLUMN
  sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for side in before after; do
  label="$rev"
  [ "$side" = after ] && label="working tree"
  echo "median, $label: $(median "$work/$side.times" 1) s wall, $(median "$work/$side.times" 2) s user"
done
