#!/usr/bin/env bash
# Adds up the Surefire and Failsafe reports of every module into one closing line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python3 - "$root" <<'PY'
import glob, re, sys
root = sys.argv[1]
total = failed = skipped = 0
for path in glob.glob(f"{root}/*/target/surefire-reports/*.txt") + glob.glob(f"{root}/*/target/failsafe-reports/*.txt"):
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.search(r"Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)", line)
        if m:
            total += int(m[1]); failed += int(m[2]) + int(m[3]); skipped += int(m[4])
print(f"tests: {total - failed - skipped} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or total == 0 else 0)
PY
