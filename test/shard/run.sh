#!/bin/bash
# test/shard/run.sh — synthdata across servers, on three local clusters.
#
# Starts a coordinator and two data nodes (fresh clusters on their own
# ports, as the non-root OS user when run as root, like test/cluster.sh),
# links them with postgres_fdw, and checks, with TAP output on stdout:
#   - a table split across the two nodes (a partitioned table on the
#     coordinator whose partitions are foreign tables): its model, fitted
#     shard by shard on the nodes, is the model of the same rows in one
#     table on one server, byte for byte;
#   - synth_clone_table of the sharded table is the single-server clone,
#     row for row;
#   - synth_fill of a partitioned table with foreign partitions sends each
#     row to the node its partition bounds name, and every constraint holds;
#   - the documented pattern of shard-local generation (each node inserts
#     synth_rows(..., start => k * n) into its own table) gives, in union,
#     the rows one server generates;
#   - a node that is down stops the fit and the fill with a clear error,
#     and leaves nothing written on the other node.
#
# Called by test/check.sh (synthdata must be installed for PG_CONFIG, with
# postgres_fdw: postgresql-contrib).  Environment: PG_CONFIG, PGPORT (the
# clusters take ports PGPORT + 1000 .. + 1002 unless SYNTHDATA_SHARD_PORT
# gives the first), SYNTHDATA_SHARD_DATA (their directory, <tree>/.pgdata-shard),
# SYNTHDATA_OSUSER as in test/cluster.sh.

_sd_tree="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$_sd_tree/test/cluster.sh"
set +e
set +u

BIN="$("$PG_CONFIG" --bindir)"
BASE="${SYNTHDATA_SHARD_PORT:-$((PGPORT + 1000))}"
PORT_C=$BASE
PORT_1=$((BASE + 1))
PORT_2=$((BASE + 2))
DIR="${SYNTHDATA_SHARD_DATA:-$SD_ROOT/.pgdata-shard}"
ROWS_1=25000		# rows on node 1 (ids 1 .. 25000)
ROWS_ALL=60000		# rows in all (node 2: 25001 .. 60000)

ntest=0
nfail=0
ok() {	# ok <condition status> <description>
    ntest=$((ntest + 1))
    if [ "$1" = 0 ]; then echo "ok $ntest - $2"; else echo "not ok $ntest - $2"; nfail=$((nfail + 1)); fi
}
is() {	# is <have> <want> <description>
    ntest=$((ntest + 1))
    if [ "$1" = "$2" ]; then echo "ok $ntest - $3"
    else
        echo "not ok $ntest - $3"
        printf '#   have: %s\n#   want: %s\n' "$1" "$2"
        nfail=$((nfail + 1))
    fi
}
NODE_LOG_STATEMENT=all
source "$_sd_tree/test/shard/nodes.sh"
cleanup() {
    for n in coord node1 node2; do node_stop $n; done
}

for n in coord node1 node2; do node_stop $n; done
rm -rf "$DIR"
node_start coord $PORT_C && node_start node1 $PORT_1 && node_start node2 $PORT_2
if [ $? != 0 ]; then echo "1..1"; echo "not ok 1 - three clusters start"; cleanup; exit 1; fi
trap cleanup EXIT

# ---- the data: table t split by id across the nodes; the same rows in one
# table on one server (database ref on node 1) ---------------------------
# (starts <= ends in every row: an ordering the fit confirms on the whole
# table; note: free text, whose sample the fit reads in hash order)
T_DEF="id integer NOT NULL, grp integer, x double precision, label text, d date, amount numeric(10,2) CHECK (amount >= 0),
    starts timestamptz, ends timestamptz, note text"
T_ROWS="SELECT i, i % 17, round((sin(i) * 50 + i % 100)::numeric, 3)::float8,
    CASE WHEN i % 13 = 0 THEN NULL ELSE 'L' || (i * 31 % 997) END,
    date '2020-01-01' + i % 500, (i % 10000) / 100.0,
    timestamptz '2024-01-01' + (i * 7919 % 100000) * interval '1 minute',
    timestamptz '2024-01-01' + (i * 7919 % 100000 + 1 + i % 300) * interval '1 minute',
    (ARRAY['called about the', 'asked for a new', 'sent back the', 'wrote twice about the'])[1 + i % 4] || ' '
      || (ARRAY['order', 'invoice', 'parcel', 'delivery date', 'refund'])[1 + (i / 4) % 5] || ' from week ' || (i % 52)
    FROM generate_series"
F_DEF="k integer NOT NULL, region text NOT NULL, amount numeric(8,2) NOT NULL CHECK (amount >= 0 AND amount <= 1000), note text"
for p in $PORT_1 $PORT_2; do
    q $p postgres "CREATE DATABASE shard" >/dev/null
    q $p shard "CREATE EXTENSION synthdata" >/dev/null
done
q $PORT_1 postgres "CREATE DATABASE ref" >/dev/null
q $PORT_C postgres "CREATE DATABASE shard" >/dev/null
# the nodes' tables have keys of their own: the coordinator's (none) count
q $PORT_1 shard "CREATE TABLE t ($T_DEF, PRIMARY KEY (id)); INSERT INTO t $T_ROWS(1, $ROWS_1) i; ANALYZE t;
    CREATE TABLE f ($F_DEF, CHECK (k >= 0 AND k < 500));
    CREATE TABLE g (k bigint, v double precision, c text)" >/dev/null
q $PORT_2 shard "CREATE TABLE t ($T_DEF, PRIMARY KEY (id)); INSERT INTO t $T_ROWS($((ROWS_1 + 1)), $ROWS_ALL) i; ANALYZE t;
    CREATE TABLE f ($F_DEF, CHECK (k >= 500 AND k < 1000));
    CREATE TABLE g (k bigint, v double precision, c text)" >/dev/null
q $PORT_1 ref "CREATE EXTENSION synthdata; CREATE TABLE t ($T_DEF); INSERT INTO t $T_ROWS(1, $ROWS_ALL) i; ANALYZE t;
    CREATE TABLE g (k bigint, v double precision, c text)" >/dev/null
r=$(q $PORT_C shard "CREATE EXTENSION synthdata; CREATE EXTENSION postgres_fdw;
    CREATE SERVER n1 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PORT_1', dbname 'shard');
    CREATE SERVER n2 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PORT_2', dbname 'shard');
    CREATE USER MAPPING FOR postgres SERVER n1 OPTIONS (user 'postgres');
    CREATE USER MAPPING FOR postgres SERVER n2 OPTIONS (user 'postgres');
    CREATE TABLE t ($T_DEF) PARTITION BY RANGE (id);
    CREATE FOREIGN TABLE t_1 PARTITION OF t FOR VALUES FROM (MINVALUE) TO ($((ROWS_1 + 1))) SERVER n1 OPTIONS (table_name 't');
    CREATE FOREIGN TABLE t_2 PARTITION OF t FOR VALUES FROM ($((ROWS_1 + 1))) TO (MAXVALUE) SERVER n2 OPTIONS (table_name 't');
    CREATE TABLE f ($F_DEF) PARTITION BY RANGE (k);
    CREATE FOREIGN TABLE f_1 PARTITION OF f FOR VALUES FROM (0) TO (500) SERVER n1 OPTIONS (table_name 'f');
    CREATE FOREIGN TABLE f_2 PARTITION OF f FOR VALUES FROM (500) TO (1000) SERVER n2 OPTIONS (table_name 'f');
    SELECT 'set up'")
if [ "$r" != "set up" ]; then echo "1..1"; echo "not ok 1 - set-up of the coordinator"; echo "# $r"; exit 1; fi

echo "1..18"

# ---- fit ------------------------------------------------------------------
is "$(q $PORT_C shard "SELECT count(*) FROM t")" "$ROWS_ALL" "the coordinator sees every row through postgres_fdw"
logged1=$(wc -l < "$DIR/node1/server.log"); logged2=$(wc -l < "$DIR/node2/server.log")
m_shard=$(q $PORT_C shard "SELECT md5(synth_fit('t')::text)")
# the fit's other queries (the ordering's confirming count, the free text's
# sample) run on the nodes too: no cursor brings their rows to the coordinator
cursors=$( (tail -n +$((logged1 + 1)) "$DIR/node1/server.log"; tail -n +$((logged2 + 1)) "$DIR/node2/server.log") | grep -c 'DECLARE c')
is "$cursors" "0" "the fit reads no row of a shard through postgres_fdw (its counts and samples run on the nodes)"
is "$(q $PORT_C shard "SELECT (synth_fit('t') -> 'constraints' -> 'orderings' -> 0 ->> 'after') || ' ' || (synth_fit('t') -> 'columns' -> 8 ->> 'kind')")" \
   "ends text" "the sharded fit keeps the confirmed ordering starts <= ends and the free-text model of note"
m_one=$(q $PORT_1 ref "SELECT md5(synth_fit('t')::text)")
is "$m_shard" "$m_one" "synth_fit of the sharded table = synth_fit of the same rows on one server, byte for byte"
is "$(q $PORT_C shard "SELECT (synth_fit('t') ->> 'rows')")" "$ROWS_ALL" "the sharded model counts every row"
n1=$(grep -c 'synth_fit_partial(\$1::pg_catalog.regclass' "$DIR/node1/server.log")
n2=$(grep -c 'synth_fit_partial(\$1::pg_catalog.regclass' "$DIR/node2/server.log")
[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ]
ok $? "each node fitted its own shard (synth_fit_partial ran on node 1: $n1 times, node 2: $n2 times)"
# the nodes' own states, shipped by hand (COPY out of each node, into the
# coordinator), merged by the aggregate form of synth_fit_merge
q $PORT_C shard "CREATE TABLE states (s bytea)" >/dev/null
for p in $PORT_2 $PORT_1; do
    "$BIN/psql" -X -q -h 127.0.0.1 -p $p -U postgres -d shard \
        -c "COPY (SELECT synth_fit_partial('t', '{\"key_flags\": {}}')) TO STDOUT" |
    "$BIN/psql" -X -q -h 127.0.0.1 -p $PORT_C -U postgres -d shard -c "COPY states FROM STDIN"
done
m_merge=$(q $PORT_C shard "SELECT md5(synth_fit_merge(s, '{\"table\": \"public.t\"}')::text) FROM states")
is "$m_merge" "$m_one" "synth_fit_merge of the nodes' own synth_fit_partial states (shipped by COPY) = the same model"

# ---- clone ----------------------------------------------------------------
c_shard=$(q $PORT_C shard "SELECT synth_clone_table('t', 't_copy', 5000, '{}', 42);
    SELECT md5(string_agg(c::text, '|' ORDER BY ord)) FROM (SELECT c, row_number() OVER () ord FROM t_copy c) s" | tail -1)
c_one=$(q $PORT_1 ref "SELECT synth_clone_table('t', 't_copy', 5000, '{}', 42);
    SELECT md5(string_agg(c::text, '|' ORDER BY ord)) FROM (SELECT c, row_number() OVER () ord FROM t_copy c) s" | tail -1)
is "$c_shard" "$c_one" "synth_clone_table of the sharded table = the single-server clone, row for row"

# ---- fill of a partitioned table with foreign partitions ------------------
r=$(q $PORT_C shard "SELECT synth_fill('f', 2000, '{\"k\": \"int(0, 999)\", \"region\": \"choice(''north'', ''south'')\"}', 7)")
is "$r" "2000" "synth_fill of a partitioned table with foreign partitions inserts every row"
is "$(q $PORT_1 shard "SELECT count(*) > 0 AND bool_and(k >= 0 AND k < 500) FROM f")" "t" "node 1 holds rows of its bounds only"
is "$(q $PORT_2 shard "SELECT count(*) > 0 AND bool_and(k >= 500 AND k < 1000) FROM f")" "t" "node 2 holds rows of its bounds only"
is "$(q $PORT_C shard "SELECT (SELECT count(*) FROM f WHERE k < 500) || '/' || (SELECT count(*) FROM f WHERE k >= 500)")" \
   "$(q $PORT_1 shard "SELECT count(*) FROM f")/$(q $PORT_2 shard "SELECT count(*) FROM f")" \
   "rows are spread by the partition bounds"
is "$(q $PORT_C shard "SELECT count(*) FROM f WHERE amount < 0 OR amount > 1000 OR region IS NULL OR region NOT IN ('north', 'south')")" "0" \
   "every constraint holds"

# ---- shard-local generation: node k inserts rows k * n .. (k + 1) * n - 1 --
RULES="{\"k\": \"seq(0)\", \"v\": \"normal(10, 2)\", \"c\": \"choice(''a'': 3, ''b'': 1)\"}"
q $PORT_1 shard "INSERT INTO g SELECT * FROM synth_rows(NULL::g, 3000, '$RULES', 11, start => 0 * 3000)" >/dev/null
q $PORT_2 shard "INSERT INTO g SELECT * FROM synth_rows(NULL::g, 3000, '$RULES', 11, start => 1 * 3000)" >/dev/null
q $PORT_1 ref "INSERT INTO g SELECT * FROM synth_rows(NULL::g, 6000, '$RULES', 11)" >/dev/null
u=$( (q $PORT_1 shard "SELECT g::text FROM g"; q $PORT_2 shard "SELECT g::text FROM g") | sort | md5sum)
one=$(q $PORT_1 ref "SELECT g::text FROM g" | sort | md5sum)
is "$(q $PORT_1 shard "SELECT count(*) FROM g")+$(q $PORT_2 shard "SELECT count(*) FROM g")=$(q $PORT_1 ref "SELECT count(DISTINCT k) FROM g")" \
   "3000+3000=6000" "each node generated its range"
is "$u" "$one" "the nodes' row ranges, in union, are the rows of one server, row for row"

# ---- a node that is down ----------------------------------------------------
before=$(q $PORT_1 shard "SELECT count(*) FROM f")
node_stop node2
r=$(q $PORT_C shard "SELECT synth_fill('f', 500, '{\"k\": \"int(0, 999)\", \"region\": \"choice(''north'', ''south'')\"}', 8)")
echo "$r" | grep -q 'could not connect to server "n2"'
ok $? "with node 2 down, synth_fill stops with a clear error"
[ -n "$r" ] && echo "$r" | sed 's/^/# /' | head -3
is "$(q $PORT_1 shard "SELECT count(*) FROM f")" "$before" "... and leaves nothing written on node 1"
r=$(q $PORT_C shard "SELECT synth_fit('t')")
echo "$r" | grep -q 'could not connect to server "n2"'
ok $? "with node 2 down, synth_fit stops with a clear error"

[ "$nfail" = 0 ]
