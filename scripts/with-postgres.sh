#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server up and CLAIMS_TEST_POSTGRES_URL set.
#
#   bash scripts/with-postgres.sh make test      (what .ci/run and `make test-postgres` do)
#
# Uses the PostgreSQL binaries of Debian's `postgresql` package (/usr/lib/postgresql/N/bin);
# as root, installs the package with apt-get when they are missing. initdb makes a data
# directory in /tmp, owned by the `postgres` user when run as root (PostgreSQL refuses to run
# as root), by the caller otherwise; the server listens on 127.0.0.1 on the first free port
# from 5433 and on a unix socket in that directory, and is stopped and removed on exit.
# If PostgreSQL cannot be installed or started, the command still runs — without the URL, so
# the PostgreSQL tests skip and say so — and this script exits with the command's status.
set -uo pipefail

[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }

say() { printf 'with-postgres: %s\n' "$*" >&2; }
started=$(date +%s)

pg_bindir() {
    local ctl
    ctl=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$ctl" ]; then dirname "$ctl"; return 0; fi
    if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/pg_ctl" ]; then
        pg_config --bindir; return 0
    fi
    return 1
}

install_postgres() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        say "PostgreSQL is not installed (run as root, this script installs Debian's package)"
        return 1
    fi
    say "installing Debian's postgresql package"
    # Bounded in time: a stalled mirror must not eat CI's budget. Its own `main` cluster is
    # created but not used (and not started where services cannot start, as in a container).
    export DEBIAN_FRONTEND=noninteractive
    local log status=0
    log=$(mktemp)
    timeout 300 apt-get update -qq >"$log" 2>&1 || say "apt-get update failed (trying anyway)"
    timeout 600 apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        postgresql >>"$log" 2>&1 || status=$?
    [ "$status" = 0 ] || { say "apt-get install postgresql failed:"; tail -n 5 "$log" >&2; }
    rm -f "$log"
    return "$status"
}

run_as_owner() {  # run a PostgreSQL binary as the owner of the data directory
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
    if [ -n "${PGDATA_DIR:-}" ] && [ -d "$PGDATA_DIR/data" ]; then
        run_as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR/data" -m immediate -w stop >/dev/null 2>&1
    fi
    [ -n "${PGDATA_DIR:-}" ] && rm -rf "$PGDATA_DIR"
}

start_postgres() {
    BIN=$(pg_bindir) || { install_postgres && BIN=$(pg_bindir); } || {
        say "no PostgreSQL binaries"; return 1
    }
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        say "running as root but there is no \`postgres\` user to run the server as"
        return 1
    fi
    PGDATA_DIR=$(mktemp -d /tmp/claims-pg.XXXXXX) || return 1
    [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    if ! run_as_owner "$BIN/initdb" -D "$PGDATA_DIR/data" -U postgres -A trust -E UTF8 \
            --no-locale --no-sync >"$PGDATA_DIR/initdb.log" 2>&1; then
        say "initdb failed:"; tail -n 20 "$PGDATA_DIR/initdb.log" >&2; return 1
    fi
    local port
    for port in $(seq "${CLAIMS_PG_PORT:-5433}" "$(( ${CLAIMS_PG_PORT:-5433} + 20 ))"); do
        # A throwaway server: durability settings off, it is deleted on exit.
        if run_as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w \
                -t 60 -o "-p $port -k $PGDATA_DIR -c listen_addresses=127.0.0.1 \
                -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
                -c max_connections=200" start >/dev/null 2>&1; then
            PGPORT_USED=$port
            break
        fi
        say "could not start on port $port; trying the next"
    done
    if [ -z "${PGPORT_USED:-}" ]; then
        say "the server did not start:"; tail -n 20 "$PGDATA_DIR/server.log" >&2; return 1
    fi
    if ! run_as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT_USED" -U postgres claims_test; then
        say "createdb failed"; return 1
    fi
    export CLAIMS_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PGPORT_USED/claims_test"
}

trap cleanup EXIT
trap 'exit 130' INT TERM

if start_postgres; then
    version=$("$BIN/postgres" --version 2>/dev/null)
    say "$version up in $(( $(date +%s) - started ))s at $CLAIMS_TEST_POSTGRES_URL"
else
    unset CLAIMS_TEST_POSTGRES_URL
    say "WARNING: PostgreSQL is not available; its tests will be SKIPPED"
fi

"$@"
status=$?
exit $status
