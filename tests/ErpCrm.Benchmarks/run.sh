#!/usr/bin/env bash
# Runs the benchmarks with PostgreSQL: starts a private server as test.sh does (see tests/private-postgres.sh), runs
#   dotnet run -c Release --project tests/ErpCrm.Benchmarks -- "$@"
# with ERPCRM_BENCH_POSTGRES pointing at it, and stops the server after. Arguments go to the benchmarks, e.g.
#   bash tests/ErpCrm.Benchmarks/run.sh --quick
#   bash tests/ErpCrm.Benchmarks/run.sh --only content
# Unlike test.sh's, this server keeps fsync on: SQLite runs with synchronous=FULL, and the write figures compare the two.
set -euo pipefail
cd "$(dirname "$0")/../.."

say() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2; exit 2; }
# shellcheck source=../private-postgres.sh
source tests/private-postgres.sh
ensure_postgres_installed

work=$(mktemp -d /tmp/erpcrm-bench.XXXXXX)
chmod 755 "$work"
cleanup() {
  stop_private_postgres
  rm -rf "$work"
}
trap cleanup EXIT
start_private_postgres "$work"

ERPCRM_BENCH_POSTGRES="$PRIVATE_POSTGRES" dotnet run -c Release --project tests/ErpCrm.Benchmarks -- "$@"
