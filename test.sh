#!/usr/bin/env bash
# Runs the tests in one of two lanes. Exits non-zero on any failure, a build warning (warnings are errors) or a hung
# test (--blame-hang-timeout: the run fails with a dump of the hung test host in TestResults/ instead of hanging).
#   ./test.sh                   everything: unit, component (bUnit), integration (real PostgreSQL + pgvector) and
#                               browser (Playwright on Debian's Chromium); installs what is missing first
#   ./test.sh --fast            the fast lane: only the test projects that need no PostgreSQL and no browser
#                               (those that do not reference TestSupport/BrowserSupport), about a minute after a build
#   ./test.sh --filter EXPR     passed to dotnet test (e.g. --filter FullyQualifiedName~Sandbox); works with --fast
# TEST_HANG_TIMEOUT overrides the hang timeout (default 2m in the fast lane, 10m for everything).
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

FAST=0
ARGS=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then FAST=1; else ARGS+=("$arg"); fi
done

# A test project is in the fast lane when it references neither the cluster fixtures nor the browser.
fast_projects() {
  for p in tests/*.Tests/*.Tests.csproj; do
    grep -qE 'ImmersiveLab\.(TestSupport|BrowserSupport)\.csproj' "$p" || echo "$p"
  done
}

RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
export LAB_CHROMIUM="${LAB_CHROMIUM:-/usr/bin/chromium}"
BUILD=(--nologo -v quiet -c Debug)
TEST=(--no-build --nologo -v quiet --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS"
  --blame-hang-timeout "${TEST_HANG_TIMEOUT:-$([ $FAST = 1 ] && echo 2m || echo 10m)}" --blame-hang-dump-type mini)
status=0

if [ $FAST = 1 ]; then
  mapfile -t PROJECTS < <(fast_projects)
  echo "[test] fast lane: ${PROJECTS[*]##*/}"
  echo "[test] build"
  for p in "${PROJECTS[@]}"; do dotnet build "$p" "${BUILD[@]}" || exit 1; done
  echo "[test] run"
  for p in "${PROJECTS[@]}"; do dotnet test "$p" "${TEST[@]}" "${ARGS[@]}" || status=1; done
else
  echo "[test] prerequisites"
  scripts/prereqs.sh --browser | sed 's/^/       /' || exit 1
  echo "[test] build"
  dotnet build ImmersiveLab.sln "${BUILD[@]}" || exit 1
  echo "[test] run"
  dotnet test ImmersiveLab.sln "${TEST[@]}" "${ARGS[@]}"
  status=$?
fi

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
