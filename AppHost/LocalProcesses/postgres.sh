#!/usr/bin/env bash
# PostgreSQL from Debian's package as the app host's executable resource "postgres-server": a private cluster in
# FOLDER (created on first start with the superuser password in POSTGRES_PASSWORD), listening on 127.0.0.1:PORT only,
# no Unix socket. As root it runs as the package's user postgres (PostgreSQL refuses root). Stopped with SIGTERM or
# SIGINT (what the orchestrator sends), it shuts down fast: open connections are cut, not waited for.
# Usage: postgres.sh FOLDER PORT
set -euo pipefail
folder=$1 port=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=$folder/data

as_postgres=()
[ "$(id -u)" -eq 0 ] && as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups)

mkdir -p "$folder"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$folder"
if [ ! -f "$data/PG_VERSION" ]; then
    echo "creating a cluster in $data"
    password_file=$(mktemp -p "$folder")
    printf '%s' "$POSTGRES_PASSWORD" >"$password_file"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$password_file"
    "${as_postgres[@]}" "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C --auth=scram-sha-256 --pwfile="$password_file" >/dev/null
    rm -f "$password_file"
elif [ "$(cat "$data/PG_VERSION")" != "$(basename "$(dirname "$bin")")" ]; then
    echo "$data was made by PostgreSQL $(cat "$data/PG_VERSION"), but $(basename "$(dirname "$bin")") is installed: delete the folder (its data is lost) or upgrade it with pg_upgrade." >&2
    exit 1
fi

# An append-heavy event log: spaced-out checkpoints write far fewer full-page images to the WAL.
"${as_postgres[@]}" "$bin/postgres" -D "$data" -p "$port" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
    -c max_connections=300 -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=15min &
server=$!
trap 'kill -INT "$server" 2>/dev/null' TERM INT
# wait returns early when a trapped signal arrives: wait again until the server has finished its shutdown.
until wait "$server"; do kill -0 "$server" 2>/dev/null || exit 1; done
