#!/usr/bin/env bash
# `make format-check` (run by `make test`): fails when a Java file differs from what `make format`
# makes of it (ide-config/eclipse-format.xml and the import order), naming every such file.
# Fast path: the plugins' own checks (validate phase, -Dformat.check.skip=false), which stop at the
# first file; only when they fail is a copy of the sources formatted to list all the files.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MVN=${MVN:-mvn}
FORMAT_GOALS=(net.revelc.code.formatter:formatter-maven-plugin:format net.revelc.code:impsort-maven-plugin:sort)

log=$(mktemp)
trap 'rm -rf "$log" "${copy:-}"' EXIT
if "$MVN" -B -q validate -Dformat.check.skip=false >"$log" 2>&1; then
  exit 0
fi
if ! grep -qE "has not been previously formatted|Imports are not sorted" "$log"; then
  cat "$log" >&2
  echo "error: the format check could not run (see above)" >&2
  exit 1
fi

copy=$(mktemp -d)
git ls-files -z -co --exclude-standard -- pom.xml '*/pom.xml' 'ide-config/*' '*.java' \
  | tar --null -T - -cf - | tar -C "$copy" -xf -
(cd "$copy" && "$MVN" -B -q "${FORMAT_GOALS[@]}" >"$log" 2>&1) || { cat "$log" >&2; exit 1; }
unformatted=()
while IFS= read -r -d '' file; do
  cmp -s "$file" "$copy/$file" || unformatted+=("$file")
done < <(git ls-files -z -co --exclude-standard -- '*.java')
echo "error: ${#unformatted[@]} Java file(s) are not formatted (layout or import order); run: make format" >&2
printf '  %s\n' "${unformatted[@]}" >&2
exit 1
