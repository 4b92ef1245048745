#!/bin/sh
# Adds the default user from RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS to the configuration, then
# becomes the broker as user rabbitmq.
set -e
if [ -n "$RABBITMQ_DEFAULT_USER" ] && ! grep -q '^default_user' /etc/rabbitmq/rabbitmq.conf; then
    printf 'default_user = %s\ndefault_pass = %s\n' "$RABBITMQ_DEFAULT_USER" "${RABBITMQ_DEFAULT_PASS:?RABBITMQ_DEFAULT_PASS is required}" \
        >>/etc/rabbitmq/rabbitmq.conf
fi
if [ "$1" = rabbitmq-server ]; then
    exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server
fi
exec "$@"
