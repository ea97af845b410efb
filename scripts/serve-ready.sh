#!/usr/bin/env bash
# Start-up of `meshscope serve` as shipped (JVM options from jvm/serve.options, then MESHSCOPE_JAVA_OPTS): starts
# it on a mesh directory, polls /ready until it answers 200, and prints wall seconds, the server's CPU seconds
# (user+sys from /proc) and its RSS at that moment; then stops it.
#
#   scripts/serve-ready.sh DIR [JAR]          # e.g. a 20,000-service synth mesh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mesh="${1:?usage: scripts/serve-ready.sh DIR [JAR]}"
jar="${2:-$root/cli/target/meshscope.jar}"
admin_port="${ADMIN_PORT:-18514}"
xds_port="${XDS_PORT:-18510}"
ticks="$(getconf CLK_TCK)"
start="$(date +%s.%N)"
# shellcheck disable=SC2086 # MESHSCOPE_JAVA_OPTS is a list of JVM options, split on purpose
java "@$root/jvm/serve.options" ${MESHSCOPE_JAVA_OPTS:-} -jar "$jar" serve -f "$mesh" \
  --admin-port "$admin_port" --xds-port "$xds_port" >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$admin_port/ready" || true)" = 200 ]; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "serve-ready.sh: the server exited before it was ready" >&2; exit 1; fi
  sleep 0.2
done
end="$(date +%s.%N)"
read -r -a stat < "/proc/$pid/stat"
rss_kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")"
awk -v s="$start" -v e="$end" -v u="${stat[13]}" -v y="${stat[14]}" -v t="$ticks" -v r="$rss_kb" \
  'BEGIN { printf "ready after %.1f s wall, %.1f s CPU (user+sys), RSS %d MB\n", e - s, (u + y) / t, r / 1024 }'
