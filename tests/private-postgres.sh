# A private PostgreSQL server in a temporary folder, on a free loopback port: sourced by test.sh and by
# tests/ErpCrm.Benchmarks/run.sh, so that tests and benchmarks start it the same way.
#   ensure_postgres_installed              installs Debian's 'postgresql' package when initdb is missing
#   start_private_postgres FOLDER [-c x=y]  initdb in FOLDER/pg and start it with the extra server options given;
#                                          sets PRIVATE_POSTGRES to a connection string for the 'postgres' database
#   stop_private_postgres                  stops the server it started (pg_ctl signals the pid in its own postmaster.pid)
# The caller defines say (a heading) and as_root, and owns FOLDER (creates it before, deletes it after).

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

run_pg() {
  # PostgreSQL refuses to run as root: as root, run its programs as the 'postgres' user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres_installed() {
  if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
    say "Installing PostgreSQL (Debian package 'postgresql')"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q postgresql >/dev/null
  fi
  PGBIN=$(pg_bin)
}

pg_started=""
start_private_postgres() {
  local folder=$1 password="erpcrm-test-only" attempt port
  shift
  pgdata="$folder/pg"
  mkdir -p "$pgdata"
  [ "$(id -u)" = 0 ] && chown postgres "$pgdata"
  printf '%s\n' "$password" > "$folder/pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$folder/pwfile"
  run_pg "$PGBIN/initdb" -D "$pgdata" -U postgres --auth=scram-sha-256 --pwfile="$folder/pwfile" -E UTF8 >"$folder/initdb.log" 2>&1 \
    || { cat "$folder/initdb.log" >&2; return 1; }
  # Each test tenant is a schema with a connection pool of its own, and a shared host serves 24 of them at a time beside the
  # other test projects' hosts: 300 connections ran out now and then; a slot left free costs the server a few kilobytes.
  for attempt in 1 2 3 4 5; do
    port=$(( 20000 + RANDOM % 20000 ))
    if run_pg "$PGBIN/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
         -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1 -c max_connections=500 $*" start >/dev/null; then
      pg_started=1
      break
    fi
  done
  [ -n "$pg_started" ] || { echo "error: PostgreSQL did not start; its log:" >&2; cat "$pgdata/server.log" >&2; return 1; }
  PRIVATE_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres;Pooling=true"
  echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port${*:+ ($*)}"
}

stop_private_postgres() {
  if [ -n "$pg_started" ]; then
    run_pg "$PGBIN/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1 || true
    pg_started=""
  fi
}
