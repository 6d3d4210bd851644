#!/usr/bin/env bash
# Runs every test of ErpCrm on this machine, from a fresh clone:
#   1. installs what the tests need (the .NET SDK and Node.js 20 must be there; PostgreSQL and Chromium come from Debian's packages,
#      the OpenAPI validators from npm into tests/openapi),
#   2. starts a private PostgreSQL server on a free loopback port, in a temporary folder,
#   3. runs every test project of ErpCrm.sln against SQLite and that server,
#   4. stops the server it started, and ends with one line: "N passed, N failed".
# Browser tests leave their screenshots in TestResults/artifacts/screenshots.
# An optional argument runs some tests only: a module's name runs its test project (bash test.sh Ledger runs
# tests/ErpCrm.Ledger.Tests; Web is the kernel's, Browser the kernel's pages in Chromium), anything else is a
# 'dotnet test --filter' expression over every project (bash test.sh "FullyQualifiedName~Admin").
# At the end it prints the ten slowest test classes, then the one line.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2; exit 2; }

# shellcheck source=tests/private-postgres.sh
source tests/private-postgres.sh
ensure_postgres_installed
if [ ! -x /usr/bin/chromium ]; then
  say "Installing Chromium for the browser tests (Debian package 'chromium')"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q chromium >/dev/null
fi
export ERPCRM_CHROMIUM=/usr/bin/chromium
# The OpenAPI validators the tests run on the host's document (tests/openapi: the official schema, @readme/openapi-parser, Redocly),
# at the versions its package-lock.json pins. They need Node.js 20 or later; without it that test fails saying so.
if command -v npm >/dev/null; then
  say "Installing the OpenAPI validators (npm ci in tests/openapi)"
  (cd tests/openapi && npm ci --no-audit --no-fund --loglevel=error)
else
  echo "warning: Node.js (node and npm, version 20 or later) was not found: the OpenAPI document test will fail." >&2
fi
# Screenshots of the browser tests are kept here after the run.
export ERPCRM_TEST_ARTIFACTS="$PWD/TestResults/artifacts"
# Each test host would otherwise watch its configuration files; hundreds of hosts in one run can exhaust the
# machine's inotify instances. Tests never change configuration files while a host runs.
export DOTNET_hostBuilder__reloadConfigOnChange=false
# File providers poll instead of holding an inotify instance each, for what a host still watches (its web root).
export DOTNET_USE_POLLING_FILE_WATCHER=true
rm -rf "$ERPCRM_TEST_ARTIFACTS"

say "Starting a private PostgreSQL server"
work=$(mktemp -d /tmp/erpcrm-test.XXXXXX)
chmod 755 "$work"
results="$work/results"
cleanup() {
  stop_private_postgres
  rm -rf "$work"
}
trap cleanup EXIT
# fsync off: the tests check behaviour, not durability, and run faster without it.
start_private_postgres "$work" -c fsync=off
export ERPCRM_TEST_POSTGRES="$PRIVATE_POSTGRES"

target=ErpCrm.sln filter=${1:-}
if [ -n "$filter" ] && [ -f "tests/ErpCrm.$filter.Tests/ErpCrm.$filter.Tests.csproj" ]; then
  target="tests/ErpCrm.$filter.Tests/ErpCrm.$filter.Tests.csproj" filter=""
fi

say "Building"
dotnet build "$target" -c Release -nologo -v q

say "Running the tests"
set +e
dotnet test "$target" -c Release --no-build -nologo --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" \
  ${filter:+--filter "$filter"}
status=$?
set -e

say "The ten slowest test classes (seconds, tests)"
# Each result in a .trx names its test (Namespace.Class.Method(arguments)) and its duration (hh:mm:ss.fffffff).
cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*>' \
  | sed -n 's/.* testName="\([^"(]*\)[^"]*".* duration="\([0-9]*\):\([0-9]*\):\([0-9.]*\)".*/\1 \2 \3 \4/p' \
  | awk '{ n = split($1, part, "."); class = part[1]; for (i = 2; i < n; i++) class = class "." part[i];
           seconds[class] += $2 * 3600 + $3 * 60 + $4; tests[class]++ }
         END { for (c in seconds) printf "%8.1f %4d  %s\n", seconds[c], tests[c], c }' \
  | sort -rn | sed -n 1,10p  # sed reads to the end: head would close the pipe early and fail the run (pipefail)

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$(( passed + ${p:-0} )); failed=$(( failed + ${f:-0} ))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the runner failed without a test result (a crash or a build error): never report green
  echo "error: dotnet test exited with $status" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
