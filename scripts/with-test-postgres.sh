#!/usr/bin/env bash
# Usage: scripts/with-test-postgres.sh CMD [ARG...]
#
# Runs CMD with KOERS_DATABASE_URL pointing at a throw-away PostgreSQL cluster, started for this run
# in a temporary folder and removed afterwards; exits with CMD's exit code.
#   KOERS_DATABASE_URL=postgres://koers@127.0.0.1:PORT/koers_test
# The role `koers` is the cluster's superuser (trust authentication, loopback only), so
# pytest-django can create and drop its test_koers_test database.
# Also exported: KOERS_TEST_PG_SOCKET_DIR, KOERS_TEST_PG_PORT (e.g. for psql -h DIR -p PORT) and
# KOERS_TEST_PG_LOG, the server log (a test reads it: no personal data may reach it).
#
# If KOERS_TEST_DATABASE_URL is set, no cluster is started: CMD runs with
# KOERS_DATABASE_URL=$KOERS_TEST_DATABASE_URL.
#
# Tuned for speed, not durability: fsync, synchronous_commit and full_page_writes are off.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 CMD [ARG...]" >&2
    exit 2
fi

if [[ -n "${KOERS_TEST_DATABASE_URL:-}" ]]; then
    export KOERS_DATABASE_URL="$KOERS_TEST_DATABASE_URL"
    exec "$@"
fi

log() { echo "with-test-postgres: $*" >&2; }

# Newest installed PostgreSQL server.
pg_bin=""
while IFS= read -r dir; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        pg_bin="$dir"
    fi
done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V)
if [[ -z "$pg_bin" ]]; then
    log "no PostgreSQL server found in /usr/lib/postgresql/*/bin; run scripts/ensure-test-deps.sh"
    exit 1
fi

# initdb and postgres refuse to run as root: then the cluster belongs to the `postgres` system
# user that Debian's package creates, and the server runs as that user.
as_owner=()
if [[ "$(id -u)" -eq 0 ]]; then
    if ! id -u postgres >/dev/null 2>&1; then
        log "running as root, but there is no 'postgres' system user to own the cluster"
        exit 1
    fi
    as_owner=(runuser -u postgres --)
fi

base="$(mktemp -d /tmp/koers-test-pg.XXXXXXXX)"
data="$base/data"
sock="$base" # unix socket dir
logfile="$base/server.log"
started=false

# shellcheck disable=SC2317 # called by trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ "$started" == true || -f "$data/postmaster.pid" ]]; then
        (cd "$base" && "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop \
            >/dev/null 2>&1) || log "could not stop the server (data dir $data)"
    fi
    rm -rf "$base"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ ${#as_owner[@]} -gt 0 ]]; then
    chown postgres:postgres "$base"
fi

locale_args=(--encoding=UTF8 --locale=C.UTF-8)
initdb_help="$("$pg_bin/initdb" --help 2>/dev/null || true)"
if [[ "$initdb_help" == *--locale-provider* ]]; then
    # Dutch collation from ICU (needs no OS locale), as user-facing sorting would be in production.
    locale_args+=(--locale-provider=icu --icu-locale=nl-NL)
fi

if ! (cd "$base" && "${as_owner[@]}" "$pg_bin/initdb" -D "$data" -U koers -A trust \
    "${locale_args[@]}" --no-sync >"$base/initdb.log" 2>&1); then
    log "initdb failed:"
    cat "$base/initdb.log" >&2
    exit 1
fi

cat >>"$data/postgresql.conf" <<CONF

# with-test-postgres.sh: throw-away test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
timezone = 'Europe/Amsterdam'
log_timezone = 'Europe/Amsterdam'
CONF

free_port() {
    local py
    py="$(command -v python3 || command -v python)"
    "$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

port=""
for _ in 1 2 3 4 5; do
    candidate="$(free_port)"
    if (cd "$base" && "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 \
        -o "-p $candidate" start >/dev/null 2>&1); then
        port="$candidate"
        started=true
        break
    fi
    log "start on port $candidate failed, retrying"
    tail -n 5 "$logfile" >&2 || true
done
if [[ -z "$port" ]]; then
    log "could not start PostgreSQL; server log:"
    cat "$logfile" >&2 || true
    exit 1
fi

for _ in $(seq 1 60); do
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U koers -d postgres; then
        break
    fi
    sleep 0.5
done
if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U koers -d postgres; then
    log "PostgreSQL did not become ready; server log:"
    cat "$logfile" >&2 || true
    exit 1
fi

"$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U koers koers_test

export KOERS_DATABASE_URL="postgres://koers@127.0.0.1:$port/koers_test"
export KOERS_TEST_PG_SOCKET_DIR="$sock"
export KOERS_TEST_PG_PORT="$port"
export KOERS_TEST_PG_LOG="$logfile"
version="$("$pg_bin/postgres" --version)"
version="${version#postgres (PostgreSQL) }"
log "PostgreSQL $version at $KOERS_DATABASE_URL (data in $data, removed on exit)"

# CMD runs in the background (stdin kept) so that a TERM sent to this script is passed on to it at
# once; Ctrl-C at a terminal reaches CMD directly. The cluster is stopped when CMD has ended.
child=""
# shellcheck disable=SC2317 # called by trap
forward() {
    if [[ -n "$child" ]]; then
        kill -s "$1" "$child" 2>/dev/null || true
    fi
}
trap 'forward TERM' TERM
trap ':' INT
# A background command would start with SIGINT ignored; env --default-signal undoes that.
env --default-signal=INT "$@" <&0 &
child=$!
rc=0
while true; do
    wait "$child" && rc=0 || rc=$?
    # wait returns early (status > 128) when a trapped signal arrives; go on until CMD has ended.
    if ! kill -0 "$child" 2>/dev/null; then
        break
    fi
done
exit "$rc"
