#!/usr/bin/env bash
# External conformance check against ../shared/conformance (the public spec's fixtures):
# the fixture config must produce the expected catalog, valid examples must validate and
# invalid ones must be refused. Not part of `make test`: a fresh clone has no ../shared.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite="${CONFORMANCE_DIR:-$root/../shared/conformance}"
if [ ! -d "$suite" ]; then
  echo "conformance: $suite not found; nothing to check"
  exit 0
fi
suite="$(cd "$suite" && pwd)"
ocli="$root/bin/ocli"
out="$root/target/conformance"
mkdir -p "$out"
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# 1. The fixture config produces the expected catalog.
if "$ocli" --embedded --state-dir "$out/state" --config "$suite/fixtures/config/project.cli.json" \
     catalog list --format json > "$out/conformance-ntc.json" 2> "$out/catalog.err" \
   && python3 "$suite/compare-ntc.py" "$suite/expected/tickets.ntc.json" "$out/conformance-ntc.json" > "$out/compare.txt"; then
  pass "fixtures/config/project.cli.json produces expected/tickets.ntc.json"
else
  fail "fixtures/config/project.cli.json produces expected/tickets.ntc.json"
  cat "$out/catalog.err" "$out/compare.txt" 2>/dev/null | head -40
fi

# 2. Valid configs validate; invalid ones are refused with exit 2 and a located message.
for f in "$suite"/spec-examples/minimal.cli.json "$suite"/spec-examples/project.cli.json "$suite"/fixtures/config/*.cli.json; do
  if "$ocli" config validate --config "$f" > "$out/validate.out" 2>&1; then
    pass "valid: ${f#$suite/}"
  else
    fail "valid: ${f#$suite/}"; cat "$out/validate.out"
  fi
done
for f in "$suite"/spec-examples/invalid-*.cli.json; do
  "$ocli" config validate --config "$f" > "$out/validate.out" 2>&1
  code=$?
  if [ "$code" -eq 2 ] && grep -q '\$\.' "$out/validate.out"; then
    pass "refused (exit 2): ${f#$suite/} — $(grep -m1 '\$\.' "$out/validate.out")"
  else
    fail "refused (exit $code): ${f#$suite/}"; cat "$out/validate.out"
  fi
done

echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
