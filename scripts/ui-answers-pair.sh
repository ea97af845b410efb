#!/usr/bin/env bash
# How soon `meshscope ui` has its overview's answers, as shipped and with extra JVM options (MESHSCOPE_JAVA_OPTS,
# which the launcher puts after jvm/*.options), alternately, so both see the machine in the same state. Each run
# starts `ui` on PATH..., asks for api/report and api/analyze the moment the URL is printed (as a browser opened
# then asks), and prints the seconds until both have answered and the view's resident memory then. How
# jvm/ui.options are checked, at any mesh size (the browser bench, `bench ui`, is slow to run at 50,000 services).
#
#   scripts/ui-answers-pair.sh 'OPTIONS' RUNS PATH...   # e.g. scripts/ui-answers-pair.sh -XX:MaxTenuringThreshold=15 3 mesh
#
# Needs curl.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/pair-common.sh
. "$root/scripts/pair-common.sh"
usage="usage: scripts/ui-answers-pair.sh 'OPTIONS' RUNS PATH..."
options="${1?$usage}"
runs="${2:?$usage}"
shift 2
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
command -v curl >/dev/null || { echo "needs curl" >&2; exit 2; }
inputs=()
for path in "$@"; do
  inputs+=(-f "$path")
done
work="$(mktemp -d "${TMPDIR:-/tmp}/ui-answers-pair.XXXXXX")"
pid=""
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$root/meshscope" --version >/dev/null # builds the jar and its class-data archive now, not during a run

one_run() { # one_run EXTRA_OPTIONS: writes "SECONDS RSS_KB" to $work/result
  MESHSCOPE_JAVA_OPTS="$1" "$root/meshscope" ui "${inputs[@]}" --port 0 >"$work/out" 2>"$work/err" &
  pid=$!
  local url="" waited=0
  until url="$(grep -o 'http://[^ ]*' "$work/out" 2>/dev/null)"; do
    sleep 0.01
    waited=$((waited + 1))
    if [ "$waited" -gt 30000 ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "ui printed no URL:" >&2
      cat "$work/err" >&2
      exit 1
    fi
  done
  local start end
  start="$(date +%s.%N)"
  curl -sf -o /dev/null "${url}api/report" &
  local report=$!
  curl -sf -o /dev/null "${url}api/analyze" || { echo "api/analyze failed" >&2; exit 1; }
  wait "$report" || { echo "api/report failed" >&2; exit 1; }
  end="$(date +%s.%N)"
  local rss
  rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")"
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  echo "$(echo "$end - $start" | bc) $rss" >"$work/result"
}

for ((i = 1; i <= runs; i++)); do
  for side in shipped with; do
    extra=""
    [ "$side" = with ] && extra="$options"
    one_run "$extra"
    read -r seconds rss <"$work/result"
    echo "$seconds $rss" >>"$work/$side"
    printf 'run %d, %-7s answers %.2f s after the URL, %d MB resident\n' "$i" "$side:" "$seconds" $((rss / 1024))
  done
done
for side in shipped with; do
  label="as shipped"
  [ "$side" = with ] && label="with $options"
  printf 'median, %s: answers %.2f s after the URL, %d MB resident\n' "$label" "$(median "$work/$side" 1)" \
    $(($(median "$work/$side" 2 | cut -d. -f1) / 1024))
done
