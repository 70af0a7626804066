#!/usr/bin/env bash
# Part of `make build`: picks the JDK ocli starts on and trains its start-up cache.
# - The JDK: OCLI_JAVA when set, else the newest of JAVA_HOME's, the PATH's and /usr/lib/jvm/*'s
#   (17 or later), written to cli-client/target/quarkus-app/ocli.java for bin/ocli.
# - The cache: one training run (`ocli --demo shop items get-item 7`: Quarkus boot, picocli, the
#   embedded engine, Jackson, the HTTP client) records what a call loads. On JDK 25 or later an
#   ahead-of-time cache (ocli.aot: classes loaded and linked, method profiles); on older JDKs an
#   application class-data archive (ocli.jsa: classes parsed and verified). Either is named with the
#   java that wrote it (<cache>.jdk); bin/ocli uses it only with that java and when it is newer than
#   the jar, and starts without it otherwise. OCLI_CDS=off skips the cache.
# - picocli is compiled for Java 5: class files that old carry no stack maps, are verified the slow
#   way on every start and are held by neither cache. Its jar in the application is re-emitted as
#   Java 8 class files first (scripts/ClassFileUpgrade.java, with ASM, already in the application);
#   on any failure the original jar stays.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="$root/cli-client/target/quarkus-app"
rm -f "$app/ocli.java" "$app/ocli.jsa" "$app/ocli.jsa.jdk" "$app/ocli.aot" "$app/ocli.aot.jdk" "$app/ocli.aot.config"

feature_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1
}

choose_java() {
  if [ -n "${OCLI_JAVA:-}" ]; then readlink -f "$(command -v "$OCLI_JAVA")"; return; fi
  local best="" best_version=0 candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    candidate="$(readlink -f "$candidate")"
    version="$(feature_version "$candidate")"
    [[ "$version" =~ ^[0-9]+$ ]] && [ "$version" -ge 17 ] || continue
    if [ "$version" -gt "$best_version" ]; then best="$candidate"; best_version="$version"; fi
  done
  printf '%s\n' "$best"
}

java_path="$(choose_java)"
if [ -z "$java_path" ]; then
  echo "ocli-cds: no JDK 17 or later found; bin/ocli will use JAVA_HOME's or the PATH's java" >&2
  exit 0
fi
printf '%s\n' "$java_path" > "$app/ocli.java"
[ "${OCLI_CDS:-on}" = off ] && exit 0

if [ "$(feature_version "$java_path")" -ge 25 ]; then
  cache="$app/ocli.aot"
  record="-XX:AOTCacheOutput=$cache"
else
  cache="$app/ocli.jsa"
  record="-XX:ArchiveClassesAtExit=$cache"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
picocli_jar="$(compgen -G "$app/lib/main/info.picocli.picocli-*.jar" | head -1 || true)"
asm_jar="$(compgen -G "$app/lib/main/org.ow2.asm.asm-[0-9]*.jar" | head -1 || true)"
if [ -n "$picocli_jar" ] && [ -n "$asm_jar" ]; then
  if "$java_path" -cp "$asm_jar:$picocli_jar" "$root/scripts/ClassFileUpgrade.java" "$picocli_jar" "$work/picocli.jar" \
      > "$work/upgrade.txt" 2>&1; then
    mv "$work/picocli.jar" "$picocli_jar"
  else
    echo "ocli-cds: picocli's class files stay as shipped: $(tail -3 "$work/upgrade.txt")" >&2
  fi
fi
# The training run writes its demo files under its own state root and home, not the user's.
if HOME="$work" OCLI_STATE_DIR="$work/state" OCLI_CDS=off OCLI_JAVA="$java_path" OCLI_JAVA_OPTS="$record" \
    "$root/bin/ocli" --demo shop items get-item 7 > "$work/out.txt" 2>&1 && [ -s "$cache" ]; then
  printf '%s\n' "$java_path" > "$cache.jdk"
else
  echo "ocli-cds: no start-up cache (ocli starts without one): $(tail -3 "$work/out.txt")" >&2
  rm -f "$cache"
fi
rm -f "$app/ocli.aot.config"
