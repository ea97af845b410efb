#!/bin/sh
# Regenerates the bad-input corpus (testdata/bad-input) from scripts/BadInputCorpus.java; needs only a JDK 17.
# The output is deterministic: commit it, and CI's BadInputCorpusTest fails when it is out of date.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
exec java "$root/scripts/BadInputCorpus.java" "$root/testdata/bad-input"
