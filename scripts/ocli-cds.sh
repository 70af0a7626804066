#!/usr/bin/env bash
# Part of `make build`: an application class-data archive (AppCDS) for ocli. One training run
# (`ocli --demo shop items get-item 7`: Quarkus boot, picocli, the embedded engine, Jackson, the
# HTTP client) records the classes it loads, parsed and verified, into
# cli-client/target/quarkus-app/ocli.jsa; bin/ocli maps it at start when it belongs to the same java
# and is newer than the jar, and starts without it otherwise. OCLI_CDS=off skips it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="$root/cli-client/target/quarkus-app"
archive="$app/ocli.jsa"
rm -f "$archive" "$archive.jdk"
[ "${OCLI_CDS:-on}" = off ] && exit 0
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_path="$(readlink -f "$(command -v "$java_bin")")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The training run writes its demo files under its own state root and home, not the user's.
if HOME="$work" OCLI_STATE_DIR="$work/state" OCLI_CDS=off \
    OCLI_JAVA_OPTS="-XX:ArchiveClassesAtExit=$archive" \
    "$root/bin/ocli" --demo shop items get-item 7 > "$work/out.txt" 2>&1 && [ -s "$archive" ]; then
  printf '%s\n' "$java_path" > "$archive.jdk"
else
  echo "ocli-cds: no class-data archive (ocli starts without one): $(tail -3 "$work/out.txt")" >&2
  rm -f "$archive"
fi
