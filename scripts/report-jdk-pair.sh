#!/usr/bin/env bash
# `report -o json --imports` in a fresh JVM, the way ./meshscope runs it (the JDK on the PATH, its class-data
# archive, jvm/cli.options) against another JDK given with an ahead-of-time cache made on the same mesh (JDK 24+:
# JEP 483's AOT class loading and linking, and JEP 515's method profiles from JDK 25), alternately, so both see the
# machine in the same state. The question it answers: does a JDK that keeps more between runs shorten a cold
# report (the first overview of `ui` waits for one; docs/PERFORMANCE.md)?
#
#   scripts/report-jdk-pair.sh OTHER_JAVA MESH_DIR [RUNS]   # e.g. scripts/report-jdk-pair.sh "$JAVA25" mesh 3
#
# MESH_DIR: e.g. `./meshscope synth -o mesh --services 5000 --sidecars workload`. Prints wall and CPU per run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other="${1:?usage: scripts/report-jdk-pair.sh OTHER_JAVA MESH_DIR [RUNS]}"
mesh="${2:?usage: scripts/report-jdk-pair.sh OTHER_JAVA MESH_DIR [RUNS]}"
runs="${3:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/report-jdk-pair.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$root/meshscope" --version >/dev/null # builds the jar and its class-data archive now, not during a run
jar="$root/cli/target/meshscope.jar"
options=()
while IFS= read -r line; do
  case "$line" in '#'* | '') ;; *) options+=("$line") ;; esac
done <"$root/jvm/cli.options"
echo "training $("$other" -version 2>&1 | head -1)'s AOT cache on one report of $mesh" >&2
# its log (classes it leaves out of the cache, as warnings) is shown only when no cache comes of it
if ! "$other" "${options[@]}" -XX:AOTCacheOutput="$work/meshscope.aot" -jar "$jar" report -f "$mesh" -o json \
    --imports >/dev/null 2>"$work/training.log" || [ ! -s "$work/meshscope.aot" ]; then
  cat "$work/training.log" >&2
  echo "no AOT cache was made: OTHER_JAVA must be JDK 24 or later" >&2
  exit 2
fi

TIMEFORMAT='%R s wall, %U s user CPU'
for ((i = 1; i <= runs; i++)); do
  echo -n "run $i, $(java -version 2>&1 | head -1 | cut -d'"' -f2) with ./meshscope's class-data archive: "
  { time "$root/meshscope" report -f "$mesh" -o json --imports >/dev/null; } 2>&1
  echo -n "run $i, $("$other" -version 2>&1 | head -1 | cut -d'"' -f2) with its AOT cache: "
  { time "$other" "${options[@]}" -XX:AOTCache="$work/meshscope.aot" -jar "$jar" report -f "$mesh" -o json \
      --imports >/dev/null 2>"$work/run.log"; } 2>&1
done
