#!/bin/bash
# test/bench/clone_schema_memory.sh — the memory of a schema clone.
#
# Needs a running cluster with synthdata installed (test/demo.sh, or
# "source test/cluster.sh; sd_setup").  Builds the 5-table schema of
# test/bench/clone_schema_setup.sql (1,000,000 rows) and prints the peak
# private memory (RssAnon of the backend, sampled every 50 ms, no parallel
# workers) of:
#   - count(*) of the largest table (the baseline of a backend),
#   - synth_clone_table of that table alone (its foreign keys read 300,000
#     orders and 2,000 products),
#   - synth_clone_schema of the whole schema at scale 0.3, 1 and 3
#     (300,000 to 3,000,000 rows written).
# With PostgreSQL's default work_mem (4MB) and maintenance_work_mem (64MB),
# set here for every query, so that the figures are the clone's own memory;
# the sorts and hashes of its statements (index builds, the links' UPDATEs)
# take what these settings allow on top.  A clone keeps in memory what the
# fill of one table needs: its model, and the keys (plus the columns a child
# follows or copies) of the parents its foreign keys draw from, never the
# rows it writes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../cluster.sh"
set +u
cd "$SD_ROOT"
PSQL=("$("$PG_CONFIG" --bindir)/psql" -X -v ON_ERROR_STOP=1)
source "$(dirname "${BASH_SOURCE[0]}")/peak.sh"

"${PSQL[@]}" -q -f test/bench/clone_schema_setup.sql
mb() { echo "$(( ($1 - base) / 1024 )) MB"; }
mem="SET work_mem = '4MB'; SET maintenance_work_mem = '64MB';"
base=$(peak "$mem SELECT count(*) FROM bsc.order_lines")
"${PSQL[@]}" -qc "DROP TABLE IF EXISTS bsc.order_lines_copy"
one=$(peak "$mem SELECT synth_clone_table('bsc.order_lines', 'bsc.order_lines_copy', seed => 1)")
echo "peak private memory (RssAnon): count(*) ${base} kB"
echo "synth_clone_table of order_lines (498,000 rows): ${one} kB, over count(*) $(mb "$one")"
"${PSQL[@]}" -qc "DROP TABLE bsc.order_lines_copy"
for scale in 0.3 1 3; do
    "${PSQL[@]}" -qc "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS bsc_clone CASCADE"
    s=$(peak "$mem SELECT sum(rows) FROM synth_clone_schema('bsc', 'bsc_clone', scale => $scale, seed => 1)")
    echo "synth_clone_schema at scale ${scale}: ${s} kB, over count(*) $(mb "$s")"
done
"${PSQL[@]}" -qc "SET client_min_messages = warning" -c "DROP SCHEMA bsc, bsc_clone CASCADE"
