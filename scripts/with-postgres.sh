#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL cluster (socket only, no TCP port):
#   scripts/with-postgres.sh COMMAND...
# The command sees TEST_DATABASE_URL and DATABASE_URL pointing at an empty database.
# Used by CI to check that migrations and the test suite run on PostgreSQL as well as SQLite.
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then
    echo "PostgreSQL not installed: skipping the PostgreSQL run." >&2
    exit 0
fi
workdir=$(mktemp -d /tmp/integrationsnetz-pg.XXXXXX)
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$workdir"
    as_postgres=(runuser -u postgres --)
fi
cleanup() {
    "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$workdir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap cleanup EXIT
"${as_postgres[@]}" "$pgbin/initdb" -D "$workdir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_postgres[@]}" "$pgbin/pg_ctl" -D "$workdir/data" -w -l "$workdir/log" \
    -o "-k $workdir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null
"$pgbin/createdb" -h "$workdir" -U postgres integrationsnetz
url="postgresql+psycopg://postgres@/integrationsnetz?host=$workdir"
TEST_DATABASE_URL="$url" DATABASE_URL="$url" "$@"
