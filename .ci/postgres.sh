# A throwaway PostgreSQL server for the store contract tests, which run against SQLite and PostgreSQL both.
# Sourced by .ci/run (`source .ci/postgres.sh`) so that SITROOM_TEST_POSTGRES reaches `make test`; the server
# is stopped and its data folder removed when the sourcing shell exits. Installs Debian's `postgresql` where no
# server is installed. Run as root (CI is): the server runs as the unprivileged `postgres` user.
# Settings: SITROOM_PG_PORT (default 5433; the next free one is taken if it is in use). An exported SITROOM_TEST_POSTGRES is used as it is.

sitroom_pg_start() {
    local port="${SITROOM_PG_PORT:-5433}" bin data log
    if [ -n "${SITROOM_TEST_POSTGRES:-}" ]; then
        echo "postgres: using SITROOM_TEST_POSTGRES as given"
        return 0
    fi
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$bin" ]; then
        echo "postgres: installing Debian's postgresql"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    # The first free port from SITROOM_PG_PORT on (a server already listening there is someone else's).
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    data="$(mktemp -d /tmp/sitroom-pg.XXXXXX)"
    log="$data.log"
    chown postgres "$data"
    touch "$log" && chown postgres "$log"
    runuser -u postgres -- "$bin/initdb" --pgdata="$data/db" --username=postgres --auth=trust \
        --encoding=UTF8 --no-locale >/dev/null
    # Local connections only: TCP on localhost, the unix socket in the data folder (not /var/run/postgresql).
    runuser -u postgres -- "$bin/pg_ctl" --pgdata="$data/db" --log="$log" --wait --timeout=60 \
        -o "-p $port -k $data -c listen_addresses=localhost" start >/dev/null
    runuser -u postgres -- "$bin/createdb" --host=localhost --port="$port" --username=postgres sitroom_test
    SITROOM_PG_DATA="$data"
    SITROOM_PG_BIN="$bin"
    export SITROOM_TEST_POSTGRES="postgresql://postgres@localhost:$port/sitroom_test"
    echo "postgres: $("$bin/postgres" --version) at $SITROOM_TEST_POSTGRES"
}

sitroom_pg_stop() {
    if [ -n "${SITROOM_PG_DATA:-}" ]; then
        runuser -u postgres -- "$SITROOM_PG_BIN/pg_ctl" --pgdata="$SITROOM_PG_DATA/db" --mode=fast --wait stop \
            >/dev/null 2>&1 || true
        rm -rf "$SITROOM_PG_DATA" "$SITROOM_PG_DATA.log"
    fi
}

sitroom_pg_start
trap sitroom_pg_stop EXIT
