#!/usr/bin/env bash
# Makes sure a Docker engine answers and that the images our tests run exist, building them from Debian
# packages when they are missing (no image registry is reachable from our machines). Called by the test
# fixtures (tests/Testing/Containers) before they start a container, and by .ci/run ahead of the build.
#
#  - docker.io (and debootstrap) are installed with apt when missing, which needs root;
#  - dockerd is started without touching the firewall (--iptables=false --ip-forward=false --ip-masq=false):
#    published ports go through docker-proxy on the host, and a build reaches the mirror with --network host;
#  - the images are built once per machine: a minbase bookworm from the apt mirror, imported as
#    tokenoptimizer/debian:bookworm, then tokenoptimizer/postgres:15 and tokenoptimizer/rabbitmq:3 on it.
#    Each carries a hash of its recipe (the files beside this script), so a changed recipe is rebuilt.
#  - containers left by test processes that are gone (tokenoptimizer.tests.owner=<pid>) are removed.
#
# Several test assemblies call this at once: a file lock makes one build while the others wait.
# First run on a fresh machine: ~2.5 minutes (measured: 17 s to install docker.io and start the engine, 142 s
# to debootstrap, import and build the images, at load ~3).
# Afterwards: a fraction of a second. Progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lock=${TMPDIR:-/tmp}/tokenoptimizer-docker.lock
dockerd_log=/var/log/tokenoptimizer-dockerd.log
base_image=tokenoptimizer/debian:bookworm
recipe_label=org.tokenoptimizer.recipe
owner_label=tokenoptimizer.tests.owner

say() { echo "[docker] $*" >&2; }

engine_answers() { docker info >/dev/null 2>&1; }

recipe_of() { # the hash of an image folder's files and of the image it is built on
    (cd "$here/$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum; docker image inspect -f '{{.Id}}' "$base_image") | sha256sum | cut -c1-16
}

image_is_current() { # image, wanted recipe
    [ "$(docker image inspect -f "{{ index .Config.Labels \"$recipe_label\" }}" "$1" 2>/dev/null)" = "$2" ]
}

all_current() {
    engine_answers && image_is_current "$base_image" minbase-bookworm \
        && image_is_current tokenoptimizer/postgres:15 "$(recipe_of postgres)" \
        && image_is_current tokenoptimizer/rabbitmq:3 "$(recipe_of rabbitmq)"
}

install_packages() {
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        say "${missing[*]} missing and installing needs root: sudo apt-get install -y ${missing[*]}"
        exit 1
    fi
    say "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    local install=(apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}")
    "${install[@]}" >&2 || { apt-get -o DPkg::Lock::Timeout=600 update -q >&2 && "${install[@]}" >&2; }
}

start_engine() {
    engine_answers && return 0
    if [ "$(id -u)" -ne 0 ]; then
        say "no Docker engine answers, and starting one needs root"
        exit 1
    fi
    say "starting dockerd (log: $dockerd_log)"
    # fd 9 (the lock) closed: the daemon outlives this script and must not hold the lock.
    setsid dockerd --iptables=false --ip-forward=false --ip-masq=false </dev/null >>"$dockerd_log" 2>&1 9>&- &
    for _ in $(seq 300); do
        engine_answers && return 0
        sleep 0.1
    done
    say "dockerd did not answer within 30 s; the end of its log:"
    tail -n 20 "$dockerd_log" >&2
    exit 1
}

debian_mirror() { # the first plain Debian archive in the apt sources (one-line or deb822 format)
    { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } \
        | awk '($1 == "deb" || $1 == "URIs:") && $2 ~ /\/debian\/?$/ { print $2; exit }'
}

build_base() {
    image_is_current "$base_image" minbase-bookworm && return 0
    local mirror root
    mirror=$(debian_mirror)
    [ -n "$mirror" ] || { say "no Debian mirror found in /etc/apt/sources.list*"; exit 1; }
    root=$(mktemp -d)
    say "debootstrap minbase bookworm from $mirror"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >&2
    say "importing $base_image"
    tar -C "$root" -c . | docker import --change "LABEL $recipe_label=minbase-bookworm" - "$base_image" >&2
    rm -rf "$root"
}

build_image() { # image, folder
    local recipe
    recipe=$(recipe_of "$2")
    image_is_current "$1" "$recipe" && return 0
    say "building $1"
    DOCKER_BUILDKIT=0 docker build -q --network host --label "$recipe_label=$recipe" -t "$1" "$here/$2" >&2
}

remove_orphans() { # containers whose test process is gone
    docker ps -a --filter "label=$owner_label" --format "{{.ID}} {{.Label \"$owner_label\"}}" 2>/dev/null \
        | while read -r id pid; do
            [ -d "/proc/$pid" ] || docker rm -f "$id" >/dev/null 2>&1 || true
        done
}

if ! all_current; then
    exec 9>"$lock"
    flock 9
    if ! all_current; then
        started=$(date +%s)
        install_packages
        start_engine
        build_base
        build_image tokenoptimizer/postgres:15 postgres &
        postgres_build=$!
        build_image tokenoptimizer/rabbitmq:3 rabbitmq
        wait "$postgres_build"
        say "ready in $(($(date +%s) - started)) s"
    fi
fi
remove_orphans
