#!/usr/bin/env bash
# RabbitMQ from Debian's package as the app host's executable resource "rabbitmq": a private node in FOLDER (kept
# across starts: its name is stored there), AMQP on 127.0.0.1:AMQP_PORT with user tokenoptimizer and the password in
# RABBITMQ_PASSWORD, its own epmd on EPMD_PORT, plugins from PLUGINS (the broker's core applications only: loading
# the ~50 optional plugins costs seconds at every start). As root it runs as the package's user rabbitmq. Stopped with
# SIGTERM or SIGINT, it stops the node gracefully, then its epmd, which would otherwise outlive it.
# Usage: rabbitmq.sh FOLDER AMQP_PORT DISTRIBUTION_PORT EPMD_PORT PLUGINS
set -euo pipefail
folder=$1 amqp_port=$2 distribution_port=$3 epmd_port=$4 plugins=$5
as_rabbitmq=()
[ "$(id -u)" -eq 0 ] && as_rabbitmq=(setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups)

mkdir -p "$folder/home" "$folder/mnesia" "$folder/log"
[ -f "$folder/node-name" ] || echo "tokenoptimizer-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')@localhost" >"$folder/node-name"
# Holds the password: readable by the node's user only.
(umask 077 && cat >"$folder/rabbitmq.conf" <<CONF
# Written by AppHost/LocalProcesses/rabbitmq.sh at every start; edits are lost.
loopback_users = none
default_user = tokenoptimizer
default_pass = $RABBITMQ_PASSWORD
# A nearly full disk must not block the publishers of a development broker.
disk_free_limit.absolute = 50MB
CONF
)
echo "[]." >"$folder/enabled_plugins"
: >"$folder/rabbitmq-env.conf"
# Erlang refuses a cookie others can read; whoever holds it may run code on the node.
[ -f "$folder/home/.erlang.cookie" ] || (umask 077 && head -c 15 /dev/urandom | base64 | tr -dc A-Z >"$folder/home/.erlang.cookie")
[ "$(id -u)" -eq 0 ] && chown -R rabbitmq:rabbitmq "$folder"

export RABBITMQ_NODENAME=$(cat "$folder/node-name") RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$amqp_port \
    RABBITMQ_DIST_PORT=$distribution_port RABBITMQ_MNESIA_BASE=$folder/mnesia RABBITMQ_LOG_BASE=$folder/log \
    RABBITMQ_PLUGINS_DIR=$plugins RABBITMQ_ENABLED_PLUGINS_FILE=$folder/enabled_plugins \
    RABBITMQ_FEATURE_FLAGS_FILE=$folder/feature_flags RABBITMQ_PID_FILE=$folder/rabbit.pid \
    RABBITMQ_CONFIG_FILE=$folder/rabbitmq.conf RABBITMQ_CONF_ENV_FILE=$folder/rabbitmq-env.conf \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    ERL_EPMD_PORT=$epmd_port ERL_EPMD_ADDRESS=127.0.0.1 HOME=$folder/home

stop_epmd() { # once the node has unregistered from it, or after 10 s
    for _ in $(seq 100); do
        epmd -port "$epmd_port" -names 2>/dev/null | grep -q "^name " || break
        sleep 0.1
    done
    epmd -port "$epmd_port" -kill >/dev/null 2>&1 || true
}

# Our own epmd, started first: otherwise the node would start one in the background that nothing stops.
"${as_rabbitmq[@]}" epmd -port "$epmd_port" -address 127.0.0.1 -daemon
"${as_rabbitmq[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server &
server=$!
trap 'kill -TERM "$server" 2>/dev/null' TERM INT
status=0
until wait "$server"; do kill -0 "$server" 2>/dev/null || { status=1; break; }; done
stop_epmd
exit "$status"
