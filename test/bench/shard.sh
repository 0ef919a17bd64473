#!/bin/bash
# test/bench/shard.sh — scale-out benchmark on three local clusters.
#
# Starts a coordinator and two data nodes (like test/shard/run.sh; ports
# SYNTHDATA_BENCH_SHARD_PORT .. + 2, default PGPORT + 1010; data in
# <tree>/.pgdata-bench-shard), every server without parallel workers, so
# that each runs one process, and prints, each against its baseline run in
# the same script:
#   1. synth_fit of a table of FIT_ROWS rows (default 20,000,000) split over
#      the two nodes (a partitioned table of postgres_fdw partitions on the
#      coordinator) against synth_fit of the same rows in one table on one
#      node; the models must be equal;
#   2. generation of GEN_ROWS rows (default 100,000,000), half on each node
#      at once (synth_rows(start => k * n) into each node's own unlogged
#      table), against all of them on one node.
# Needs synthdata installed for PG_CONFIG, and postgres_fdw.
set -uo pipefail
_sd_tree="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$_sd_tree/test/cluster.sh"
set +e +u
FIT_ROWS=${FIT_ROWS:-20000000}
GEN_ROWS=${GEN_ROWS:-100000000}
ROUNDS=${ROUNDS:-2}
BIN="$("$PG_CONFIG" --bindir)"
BASE="${SYNTHDATA_BENCH_SHARD_PORT:-$((PGPORT + 1010))}"
DIR="${SYNTHDATA_BENCH_SHARD_DATA:-$SD_ROOT/.pgdata-bench-shard}"
NODE_LOG_MIN_DURATION=1000
source "$_sd_tree/test/shard/nodes.sh"
PORT_C=$BASE; PORT_1=$((BASE + 1)); PORT_2=$((BASE + 2))

for n in coord node1 node2; do node_stop $n; done
rm -rf "$DIR"
node_start coord $PORT_C && node_start node1 $PORT_1 && node_start node2 $PORT_2 || exit 1
trap 'for n in coord node1 node2; do node_stop $n; done; rm -rf "$DIR"' EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

half=$((FIT_ROWS / 2))
ROWS="SELECT i, i % 17, sin(i) * 50 + i % 100, 'L' || (i * 31 % 997) FROM generate_series"
DEF="id bigint NOT NULL, grp integer, x double precision, label text"
for p in $PORT_1 $PORT_2; do q $p postgres "CREATE DATABASE shard"; q $p shard "CREATE EXTENSION synthdata"; done
q $PORT_1 postgres "CREATE DATABASE ref"
q $PORT_C postgres "CREATE DATABASE shard"
echo "== loading $FIT_ROWS rows (twice: the shards, and one table on node 1)"
(q $PORT_1 shard "CREATE TABLE t ($DEF); INSERT INTO t $ROWS(1, $half) i"; q $PORT_1 shard "VACUUM ANALYZE t") &
(q $PORT_2 shard "CREATE TABLE t ($DEF); INSERT INTO t $ROWS($((half + 1)), $FIT_ROWS) i"; q $PORT_2 shard "VACUUM ANALYZE t") &
wait
q $PORT_1 ref "CREATE EXTENSION synthdata; CREATE TABLE t ($DEF); INSERT INTO t $ROWS(1, $FIT_ROWS) i"
q $PORT_1 ref "VACUUM ANALYZE t"
q $PORT_C shard "CREATE EXTENSION synthdata; CREATE EXTENSION postgres_fdw;
    CREATE SERVER n1 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PORT_1', dbname 'shard');
    CREATE SERVER n2 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PORT_2', dbname 'shard');
    CREATE USER MAPPING FOR postgres SERVER n1 OPTIONS (user 'postgres');
    CREATE USER MAPPING FOR postgres SERVER n2 OPTIONS (user 'postgres');
    CREATE TABLE t ($DEF) PARTITION BY RANGE (id);
    CREATE FOREIGN TABLE t_1 PARTITION OF t FOR VALUES FROM (MINVALUE) TO ($((half + 1))) SERVER n1 OPTIONS (table_name 't');
    CREATE FOREIGN TABLE t_2 PARTITION OF t FOR VALUES FROM ($((half + 1))) TO (MAXVALUE) SERVER n2 OPTIONS (table_name 't')"

echo "== 1. synth_fit of $FIT_ROWS rows: one node vs two shards (best of $ROUNDS rounds)"
best_one=; best_two=
for r in $(seq 1 $ROUNDS); do
    q $PORT_1 ref "SELECT count(*) FROM t" >/dev/null		# warm the cache
    t0=$(now); m1=$(q $PORT_1 ref "SELECT md5(synth_fit('t')::text)"); t1=$(now)
    q $PORT_1 shard "SELECT count(*) FROM t" >/dev/null; q $PORT_2 shard "SELECT count(*) FROM t" >/dev/null
    t2=$(now); m2=$(q $PORT_C shard "SELECT md5(synth_fit('t')::text)"); t3=$(now)
    one=$(secs $t0 $t1); two=$(secs $t2 $t3)
    echo "round $r: one node ${one} s; two shards ${two} s; models equal: $([ "$m1" = "$m2" ] && echo yes || echo "NO ($m1 vs $m2)")"
    best_one=$(awk -v a="$one" -v b="${best_one:-1e9}" 'BEGIN { print (a < b ? a : b) }')
    best_two=$(awk -v a="$two" -v b="${best_two:-1e9}" 'BEGIN { print (a < b ? a : b) }')
done
# each node's own share: the duration of its synth_fit_partial (server log)
for n in node1 node2; do
    echo "$n: synth_fit_partial took $(grep 'synth_fit_partial(\$1' "$DIR/$n/server.log" | sed -nE 's/.*duration: ([0-9.]+) ms.*/\1/p' | awk '{ printf "%s%.1f s", (NR > 1 ? ", " : ""), $1 / 1000 }')"
done
echo "best: one node ${best_one} s; two shards ${best_two} s; speed-up $(awk -v a=$best_one -v b=$best_two 'BEGIN { printf "%.2f", a / b }')x"

echo "== 2. generation of $GEN_ROWS rows: one node vs two nodes at once"
RULES="{\"k\": \"seq(0)\", \"v\": \"normal(10, 2)\", \"c\": \"choice(''a'': 3, ''b'': 1)\"}"
G="CREATE UNLOGGED TABLE g (k bigint, v double precision, c text)"
q $PORT_1 ref "$G"; q $PORT_1 shard "$G"; q $PORT_2 shard "$G"
gh=$((GEN_ROWS / 2))
t0=$(now); q $PORT_1 ref "INSERT INTO g SELECT * FROM synth_rows(NULL::g, $GEN_ROWS, '$RULES', 5)"; t1=$(now)
q $PORT_1 ref "DROP TABLE g"
t2=$(now)
q $PORT_1 shard "INSERT INTO g SELECT * FROM synth_rows(NULL::g, $gh, '$RULES', 5, start => 0 * $gh)" &
q $PORT_2 shard "INSERT INTO g SELECT * FROM synth_rows(NULL::g, $((GEN_ROWS - gh)), '$RULES', 5, start => 1 * $gh)" &
wait; t3=$(now)
one=$(secs $t0 $t1); two=$(secs $t2 $t3)
echo "one node: ${one} s; two nodes: ${two} s; speed-up $(awk -v a=$one -v b=$two 'BEGIN { printf "%.2f", a / b }')x"
