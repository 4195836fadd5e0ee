#!/usr/bin/env bash
# Runs every test: unit, component (bUnit), integration (real PostgreSQL + pgvector) and browser
# (Playwright on Debian's Chromium). Installs what is missing first. Exits non-zero on any failure.
#   ./test.sh                   everything
#   ./test.sh --filter EXPR     passed to dotnet test (e.g. --filter FullyQualifiedName~Sandbox)
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

echo "[test] prerequisites"
scripts/prereqs.sh --browser | sed 's/^/       /' || exit 1

echo "[test] build"
dotnet build ImmersiveLab.sln -c Debug --nologo -v quiet -clp:ErrorsOnly || exit 1

RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
echo "[test] run"
export LAB_CHROMIUM="${LAB_CHROMIUM:-/usr/bin/chromium}"
dotnet test ImmersiveLab.sln --no-build --nologo -v quiet \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" "$@"
status=$?

# One closing line for every runner: totals over all test projects.
passed=0; failed=0; skipped=0
for f in "$RESULTS"/*.trx; do
  [ -f "$f" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
  p=$(echo "$line" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f1=$(echo "$line" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  t=$(echo "$line" | sed -n 's/.* total="\([0-9]*\)".*/\1/p'); e=$(echo "$line" | sed -n 's/.* executed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f1:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo
echo "Total: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "[test] no test ran" >&2; exit 1; fi
[ $status -eq 0 ] && [ "$failed" -eq 0 ]
