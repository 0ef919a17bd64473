# test/shard/nodes.sh — local clusters for test/shard/run.sh and
# test/bench/shard.sh.  Sourced after test/cluster.sh, with BIN (the
# server's bin directory) and DIR (where the clusters live) set.

q() {	# q <port> <db> <sql>: the output, errors included
    "$BIN/psql" -X -q -At -h 127.0.0.1 -p "$1" -U postgres -d "$2" -v ON_ERROR_STOP=1 \
        -c "SET client_min_messages = warning" -c "$3" 2>&1
}

node_start() {	# node_start <name> <port>: a fresh cluster, started
    local d="$DIR/$1"
    mkdir -p "$d"
    [ "$(id -u)" = 0 ] && chown "$SD_OSUSER" "$DIR" "$d"
    chmod 700 "$d"
    sd_pguser "$BIN/initdb" -D "$d" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >/dev/null || return 1
    cat >> "$d/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $2
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
max_connections = 20
max_worker_processes = 4
max_parallel_workers_per_gather = 0
log_statement = '${NODE_LOG_STATEMENT:-none}'
log_min_duration_statement = ${NODE_LOG_MIN_DURATION:--1}
CONF
    sd_pguser "$BIN/pg_ctl" -D "$d" -l "$d/server.log" -w start >/dev/null
}

node_stop() {
    sd_pguser "$BIN/pg_ctl" -D "$DIR/$1" -m fast -w stop >/dev/null 2>&1
}
