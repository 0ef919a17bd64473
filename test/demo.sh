#!/bin/bash
# test/demo.sh — the main job on a fresh Debian machine: install what is
# missing, build, install, start the private cluster (kept running), load
# the sample tables of test/data and show synthdata at work.

source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
cd "$SD_ROOT"
sd_setup
# the demo database is ours: recreate the extension so that a rebuilt tree
# is what the demo shows (the version number does not change between builds)
PGOPTIONS="-c client_min_messages=warning" sd_psql -qc "DROP EXTENSION IF EXISTS synthdata CASCADE" \
        -c "CREATE EXTENSION synthdata"
if ! sd_psql -Atqc "SELECT to_regclass('survival_pbc') IS NOT NULL" | grep -q t; then
    sd_log "loading the sample tables of test/data"
    (cd test/data && PGOPTIONS="-c client_min_messages=warning" sd_psql -q -f load.sql >/dev/null)
fi
sd_psql -e -f test/demo.sql
sd_log "the cluster keeps running: psql -h $PGHOST -p $PGPORT -U $PGUSER $PGDATABASE"
sd_log "stop it with: test/stop.sh"
