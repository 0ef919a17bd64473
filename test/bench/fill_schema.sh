#!/bin/bash
# test/bench/fill_schema.sh — synth_fill_schema of a real schema at its real row counts,
# against loading the schema's real data file with psql, in the same run.
#
#   bash test/bench/fill_schema.sh [schema.sql [data.sql]]
#
# Defaults to pagila (test/data/pagila/, PostgreSQL Licence). Needs a running cluster with
# synthdata installed (test/demo.sh, or "source test/cluster.sh; sd_setup"). The row counts
# are read from the data file's COPY blocks (a partition's rows count for its partitioned
# parent: pagila's payment_p2022_01 ... go to payment). Each side runs on a fresh database
# made from the schema, three times in turn; the best time of each is kept (the machine is
# shared). Prints both times and their ratio.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../cluster.sh"
set +u
cd "$SD_ROOT"
SCHEMA="${1:-test/data/pagila/pagila-schema.sql}"
DATA="${2:-test/data/pagila/pagila-data.sql}"
BIN="$("$PG_CONFIG" --bindir)"
PSQL=("$BIN/psql" -X -q -v ON_ERROR_STOP=1)
DB=synthdata_bench_fill

fresh_db() {
    "$BIN/dropdb" --if-exists "$DB" >/dev/null 2>&1
    "$BIN/createdb" "$DB"
    "${PSQL[@]}" -d "$DB" -f "$SCHEMA" >/dev/null 2>&1
}

# {"table": rows} from the COPY blocks, partitions folded into their parents
fresh_db
counts=$(awk '/^COPY /{t=$2; n=0; inb=1; next} inb && /^\\\.$/ {print t, n; inb=0; next} inb {n++}' "$DATA" |
    while read -r t n; do
        parent=$("${PSQL[@]}" -d "$DB" -Atc "SELECT coalesce((SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = '$t'::regclass), '$t'::regclass::text)")
        echo "$parent $n"
    done | awk '{s[$1]+=$2} END {printf "{"; sep=""; for (t in s) {printf "%s\"%s\": %d", sep, t, s[t]; sep=", "}; print "}"}')
echo "row counts: $counts"

now() { date +%s.%N; }
best_load=999999; best_fill=999999
for run in 1 2 3; do
    fresh_db
    t0=$(now); "${PSQL[@]}" -d "$DB" -f "$DATA" >/dev/null; t1=$(now)
    load=$(echo "$t1 - $t0" | bc)
    fresh_db
    "${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION synthdata"
    t0=$(now)
    "${PSQL[@]}" -d "$DB" -c "SET synthdata.progress = off" \
        -c "SELECT count(*) FROM synth_fill_schema('$counts', seed => $run)" >/dev/null
    t1=$(now)
    fill=$(echo "$t1 - $t0" | bc)
    echo "run $run: psql load of the data ${load} s, synth_fill_schema ${fill} s"
    best_load=$(echo "if ($load < $best_load) $load else $best_load" | bc)
    best_fill=$(echo "if ($fill < $best_fill) $fill else $best_fill" | bc)
done
rows=$("${PSQL[@]}" -d "$DB" -Atc "SELECT sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ONLY %s', c.oid::regclass), false, true, '')))[1]::text::bigint) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.relkind = 'r'")
echo "rows filled: $rows"
printf 'best of 3: load %.2f s, synth_fill_schema %.2f s, ratio %.2fx\n' "$best_load" "$best_fill" \
    "$(echo "$best_fill / $best_load" | bc -l)"
"$BIN/dropdb" "$DB"
