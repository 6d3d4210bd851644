#!/usr/bin/env bash
# Runs every test of ErpCrm on this machine, from a fresh clone:
#   1. installs what the tests need (the .NET SDK must be there; PostgreSQL and Chromium come from Debian's packages),
#   2. starts a private PostgreSQL server on a free loopback port, in a temporary folder,
#   3. runs every test project of ErpCrm.sln against SQLite and that server,
#   4. stops the server it started, and ends with one line: "N passed, N failed".
# Browser tests leave their screenshots in TestResults/artifacts/screenshots.
# An optional argument is a 'dotnet test --filter' expression, to run some tests only: bash test.sh "FullyQualifiedName~Admin"
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2; exit 2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  say "Installing PostgreSQL (Debian package 'postgresql')"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q postgresql >/dev/null
fi
PGBIN=$(pg_bin)
if [ ! -x /usr/bin/chromium ]; then
  say "Installing Chromium for the browser tests (Debian package 'chromium')"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q chromium >/dev/null
fi
export ERPCRM_CHROMIUM=/usr/bin/chromium
# Screenshots of the browser tests are kept here after the run.
export ERPCRM_TEST_ARTIFACTS="$PWD/TestResults/artifacts"
# Each test host would otherwise watch its configuration files; hundreds of hosts in one run can exhaust the
# machine's inotify instances. Tests never change configuration files while a host runs.
export DOTNET_hostBuilder__reloadConfigOnChange=false
rm -rf "$ERPCRM_TEST_ARTIFACTS"

say "Starting a private PostgreSQL server"
work=$(mktemp -d /tmp/erpcrm-test.XXXXXX)
chmod 755 "$work"
results="$work/results"
pgdata="$work/pg"
password="erpcrm-test-only"
run_pg() {
  # PostgreSQL refuses to run as root: as root, run its programs as the 'postgres' user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
mkdir -p "$pgdata"
[ "$(id -u)" = 0 ] && chown postgres "$pgdata"
printf '%s\n' "$password" > "$work/pwfile"
[ "$(id -u)" = 0 ] && chown postgres "$work/pwfile"
run_pg "$PGBIN/initdb" -D "$pgdata" -U postgres --auth=scram-sha-256 --pwfile="$work/pwfile" -E UTF8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }

pg_started=""
stop_pg() {
  if [ -n "$pg_started" ]; then
    run_pg "$PGBIN/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap stop_pg EXIT

for attempt in 1 2 3 4 5; do
  port=$(( 20000 + RANDOM % 20000 ))
  if run_pg "$PGBIN/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
       -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null; then
    pg_started=1
    break
  fi
done
[ -n "$pg_started" ] || { echo "error: PostgreSQL did not start; its log:" >&2; cat "$pgdata/server.log" >&2; exit 1; }
export ERPCRM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres;Pooling=true"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

say "Building"
dotnet build ErpCrm.sln -c Release -nologo -v q

say "Running the tests"
set +e
dotnet test ErpCrm.sln -c Release --no-build -nologo --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" \
  ${1:+--filter "$1"}
status=$?
set -e

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
