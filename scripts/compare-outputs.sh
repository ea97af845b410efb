#!/usr/bin/env bash
# Whether two jars answer alike: runs `report -o json`, `report -o json --imports --by namespace`, `analyze -o json`
# and up to eight workloads' `config-dump -o json` (spread over the report's rows) with each jar on each mesh, and
# compares the outputs byte for byte. For changes meant to leave every answer as it was (performance work).
#
#   scripts/compare-outputs.sh OLD.jar NEW.jar MESH_DIR...   # exit 0 when every output is identical
set -euo pipefail
old="${1:?usage: scripts/compare-outputs.sh OLD.jar NEW.jar MESH_DIR...}"
new="${2:?usage: scripts/compare-outputs.sh OLD.jar NEW.jar MESH_DIR...}"
shift 2
[ $# -gt 0 ] || { echo "usage: scripts/compare-outputs.sh OLD.jar NEW.jar MESH_DIR..." >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d "${TMPDIR:-/tmp}/compare-outputs.XXXXXX")"
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/old" "$out/new"

run() { # run old|new ARGS...: the jar's standard output; exit codes other than usage errors are answers too
  local jar="$old"
  [ "$1" = new ] && jar="$new"
  shift
  java "@$root/jvm/cli.options" -jar "$jar" "$@" 2>/dev/null || [ $? -ne 2 ]
}

for mesh in "$@"; do
  name="$(echo "$mesh" | tr '/' '_')"
  for v in old new; do
    run "$v" report -f "$mesh" -o json > "$out/$v/$name-report.json"
    run "$v" report -f "$mesh" -o json --imports --by namespace > "$out/$v/$name-imports.json"
    run "$v" analyze -f "$mesh" -o json > "$out/$v/$name-analyze.json"
  done
  workloads="$(python3 -c '
import json, sys
rows = [r["workload"] for r in json.load(open(sys.argv[1]))["workloads"]]
print(" ".join(rows[::max(1, len(rows) // 6)][:8]))' "$out/old/$name-report.json")"
  for w in $workloads; do
    for v in old new; do
      run "$v" config-dump "$w" -f "$mesh" -o json > "$out/$v/$name-config-dump-$(echo "$w" | tr '/' '_').json"
    done
  done
done

if diff -rq "$out/old" "$out/new"; then
  echo "all $(find "$out/new" -type f | wc -l) outputs identical"
else
  exit 1
fi
