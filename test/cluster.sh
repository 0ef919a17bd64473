#!/bin/bash
# test/cluster.sh — set-up shared by test/demo.sh and test/check.sh.
#
# Sourced, not run.  Installs what is missing (Debian packages), builds and
# installs synthdata, and starts a private PostgreSQL cluster inside the
# working tree (.pgdata/), owned by a non-root user when run as root.
# Everything is idempotent: a second run reuses the packages, the build and
# the running cluster.
#
# Environment (all optional):
#   PG_CONFIG          pg_config of the server to build for
#                      (default /usr/lib/postgresql/15/bin/pg_config)
#   SYNTHDATA_PGPORT   TCP port of the private cluster on 127.0.0.1 (54315)
#   SYNTHDATA_PGDATA   its data directory (<tree>/.pgdata)
#   SYNTHDATA_OSUSER   the OS user that runs it when we are root (synthdata)

set -euo pipefail

SD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_MAJOR=15
export PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/$PG_MAJOR/bin/pg_config}"
SD_PGDATA="${SYNTHDATA_PGDATA:-$SD_ROOT/.pgdata}"
SD_OSUSER="${SYNTHDATA_OSUSER:-synthdata}"
export PGHOST=127.0.0.1
export PGPORT="${SYNTHDATA_PGPORT:-54315}"
export PGUSER=postgres
export PGDATABASE=synthdata

sd_log() { printf '==> %s\n' "$*" >&2; }

# run a command as root (directly, or through sudo)
sd_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# run a command as the user who owns the cluster
sd_pguser() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$SD_OSUSER" -- "$@"
    else
        "$@"
    fi
}

sd_install_packages() {
    local pkgs=(postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR
                postgresql-$PG_MAJOR-pgtap libtap-parser-sourcehandler-pgtap-perl
                postgresql-contrib make gcc zlib1g-dev libpq-dev)
    local missing=()
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        sd_log "installing ${missing[*]}"
        sd_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        sd_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends "${missing[@]}" >/dev/null
    fi
    # Debian's package creates and starts a "main" cluster on port 5432; we
    # do not need it, and leave it alone.
}

sd_build_install() {
    sd_log "building synthdata"
    make -C "$SD_ROOT" -s PG_CONFIG="$PG_CONFIG" ${SYNTHDATA_DEBUG:+DEBUG=1} >/dev/null
    sd_log "installing synthdata into $("$PG_CONFIG" --pkglibdir)"
    sd_root make -C "$SD_ROOT" -s PG_CONFIG="$PG_CONFIG" install >/dev/null
}

sd_start_cluster() {
    local bindir
    bindir="$("$PG_CONFIG" --bindir)"
    if [ "$(id -u)" = 0 ] && ! id "$SD_OSUSER" >/dev/null 2>&1; then
        sd_log "creating OS user $SD_OSUSER (initdb refuses to run as root)"
        useradd --system --no-create-home --shell /usr/sbin/nologin "$SD_OSUSER"
    fi
    if [ ! -f "$SD_PGDATA/PG_VERSION" ]; then
        sd_log "creating a private cluster in $SD_PGDATA"
        mkdir -p "$SD_PGDATA"
        [ "$(id -u)" = 0 ] && chown "$SD_OSUSER" "$SD_PGDATA"
        chmod 700 "$SD_PGDATA"
        sd_pguser "$bindir/initdb" -D "$SD_PGDATA" -U postgres --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 >/dev/null
        cat >> "$SD_PGDATA/postgresql.conf" <<CONF
# synthdata private cluster
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = ''
max_worker_processes = 8
max_parallel_workers_per_gather = 2
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
work_mem = 64MB
maintenance_work_mem = 256MB
CONF
    fi
    if ! sd_pguser "$bindir/pg_ctl" -D "$SD_PGDATA" status >/dev/null 2>&1; then
        sd_log "starting the private cluster on 127.0.0.1:$PGPORT"
        sd_pguser "$bindir/pg_ctl" -D "$SD_PGDATA" -l "$SD_PGDATA/server.log" \
            -o "-p $PGPORT" -w start >/dev/null
    fi
    if ! "$bindir/psql" -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = 'synthdata'" | grep -q 1; then
        "$bindir/psql" -d postgres -qc "CREATE DATABASE synthdata"
    fi
}

sd_stop_cluster() {
    local bindir
    bindir="$("$PG_CONFIG" --bindir)"
    if sd_pguser "$bindir/pg_ctl" -D "$SD_PGDATA" status >/dev/null 2>&1; then
        sd_log "stopping the private cluster"
        sd_pguser "$bindir/pg_ctl" -D "$SD_PGDATA" -m fast -w stop >/dev/null
    fi
}

sd_psql() {
    "$("$PG_CONFIG" --bindir)/psql" -X -v ON_ERROR_STOP=1 "$@"
}

sd_setup() {
    sd_install_packages
    sd_build_install
    sd_start_cluster
}
