#!/usr/bin/env bash
# The README's test command: installs the real servers the tests talk to (when missing),
# builds everything and runs the whole test suite. Prints "N passed, N failed" at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || { echo "could not install the test dependencies" >&2; exit 1; }

log="$(mktemp)"
dotnet build Vty.slnx -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
# The hang guard outlasts the packaging test, whose Native AOT compile takes 1-4 minutes (more on a
# loaded machine); every other test has its own, shorter timeouts.
dotnet test Vty.slnx -c Release --no-build -nologo \
  --blame-hang --blame-hang-timeout 8m \
  --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summaries ("     Passed: 12", "     Failed: 1", "    Skipped: 0").
read -r passed failed skipped < <(grep -E '^ *(Passed|Failed|Skipped): *[0-9]+ *$' "$log" | awk -F: '
  $1 ~ /Passed/ { p += $2 } $1 ~ /Failed/ { f += $2 } $1 ~ /Skipped/ { s += $2 }
  END { printf "%d %d %d\n", p, f, s }')
aborted=$(grep -c 'Test Run Aborted' "$log" || true)
rm -f "$log"
if [ "$status" != 0 ] && [ "${failed:-0}" = 0 ]; then failed=$(( ${aborted:-0} > 0 ? aborted : 1 )); fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
