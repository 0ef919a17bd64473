#!/bin/bash
# test/labels/dump.sh — security labels survive pg_dump and a restore.
#
# Labels a small table in a schema with a quoted name (a column's role and
# kind, a column's fill rule, the table's fit options), dumps it twice (the
# whole database, and the schema alone with pg_dump -n) and restores each
# into a new database: the whole dump with plain psql (its CREATE EXTENSION
# loads the library, which registers the provider), the schema into a
# database that already has the extension, once without the library loaded
# (SECURITY LABEL fails: the provider is not loaded) and once with
# session_preload_libraries = synthdata.  Then, in ordinary sessions, the
# restored labels must be listed as in the source and used by the fit and
# the fill.  Prints TAP lines; test/check.sh counts them.
#
# Environment: PG_CONFIG, PGHOST, PGPORT, PGUSER as set by test/cluster.sh.
set -u
BIN="$("${PG_CONFIG:-pg_config}" --bindir)"
PSQL="$BIN/psql"
TMP="$(mktemp -d)"
SRC=synthdata_labels_src
DST=synthdata_labels_dst
DST2=synthdata_labels_dst2
n=0
tap() {    # tap ok|"not ok" description
    n=$((n + 1)); echo "$1 $n - $2"
}
check() {  # check description expected actual (a failed query never passes)
    if [ "$2" = "$3" ] && [ -n "$2" ] && [[ "$2" != *error:* && "$2" != *ERROR:* ]]; then tap ok "$1"; else
        tap "not ok" "$1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}
q() {      # q db sql: one value, no alignment
    "$PSQL" -X -qAt -d "$1" -c "$2" 2>&1
}
cleanup() {
    for d in $SRC $DST $DST2; do "$PSQL" -X -q -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1; done
    rm -rf "$TMP"
}
trap cleanup EXIT
cleanup_dbs() { for d in $SRC $DST $DST2; do "$PSQL" -X -q -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1; done; }
cleanup_dbs
echo "1..12"

"$PSQL" -X -q -d postgres -c "CREATE DATABASE $SRC" -c "CREATE DATABASE $DST" -c "CREATE DATABASE $DST2" >/dev/null
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d $SRC >/dev/null 2>"$TMP/src.err" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION synthdata;
LOAD 'synthdata';
CREATE SCHEMA "Shop";
CREATE TABLE "Shop".buyers (
  id int PRIMARY KEY,
  reach text,
  tier text,
  spend int
);
INSERT INTO "Shop".buyers
SELECT g, 'buyer' || g || '@shop.test', (ARRAY['gold','silver','bronze'])[1 + g % 3], g % 97
FROM generate_series(1, 600) g;
SECURITY LABEL FOR synthdata ON COLUMN "Shop".buyers.reach IS 'personal:email';
SECURITY LABEL FOR synthdata ON COLUMN "Shop".buyers.spend IS 'rule:int(1, 5)';
SECURITY LABEL FOR synthdata ON COLUMN "Shop".buyers.tier IS '{"role": "categorical", "rule": ["gold", "silver"]}';
SECURITY LABEL FOR synthdata ON TABLE "Shop".buyers IS '{"k": 15}';
SQL
[ -s "$TMP/src.err" ] && cat "$TMP/src.err"

LABELS="SELECT string_agg(concat_ws('|', \"table\", \"column\", label, role, kind, rule, options), ';' ORDER BY \"table\"::text, \"column\") FROM synth_labels(schema => 'Shop')"
COLUMNS="SELECT string_agg(concat_ws('|', \"column\", role, kind, reason), ';' ORDER BY \"column\") FROM synth_columns('\"Shop\".buyers')"
want_labels=$(q $SRC "$LABELS")
want_columns=$(q $SRC "$COLUMNS")

# the whole database: CREATE EXTENSION loads the library during the restore
"$BIN/pg_dump" -d $SRC -f "$TMP/all.sql"
grep -q 'SECURITY LABEL FOR synthdata ON COLUMN "Shop".buyers.reach' "$TMP/all.sql" \
    && tap ok "pg_dump writes the labels" || tap "not ok" "pg_dump writes the labels"
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d $DST -f "$TMP/all.sql" >/dev/null 2>"$TMP/dst.err"
check "a whole dump restores with plain psql" "0" "$?"
check "its labels are those of the source" "$want_labels" "$(q $DST "$LABELS")"
check "the fit reads them (roles, kinds, reasons)" "$want_columns" "$(q $DST "$COLUMNS")"
check "the table label's options reach the fit" "15" \
    "$(q $DST "SELECT synth_fit('\"Shop\".buyers')->'options'->>'k'")"
check "the fill reads the rules" "300" \
    "$(q $DST "SELECT count(*) FROM synth_rows(NULL::\"Shop\".buyers, 300, seed => 1) r WHERE r.spend BETWEEN 1 AND 5 AND r.tier IN ('gold', 'silver') AND r.reach LIKE '%@%'")"
check "the same rows as in the source" \
    "$(q $SRC "SELECT md5(string_agg(r::text, ',')) FROM synth_rows(NULL::\"Shop\".buyers, 50, seed => 4) r")" \
    "$(q $DST "SELECT md5(string_agg(r::text, ',')) FROM synth_rows(NULL::\"Shop\".buyers, 50, seed => 4) r")"

# the schema alone, into a database that has the extension already
"$BIN/pg_dump" -d $SRC -n '"Shop"' -f "$TMP/shop.sql"
"$PSQL" -X -q -d $DST2 -c "CREATE EXTENSION synthdata" >/dev/null
out=$(PGOPTIONS="-c client_min_messages=warning" "$PSQL" -X -q -v ON_ERROR_STOP=1 -d $DST2 -1 -f "$TMP/shop.sql" 2>&1 >/dev/null)
case "$out" in
    *'security label provider "synthdata" is not loaded'*) tap ok "without the library loaded, SECURITY LABEL fails (provider not loaded)";;
    *) tap "not ok" "without the library loaded, SECURITY LABEL fails (provider not loaded)"; echo "# $out";;
esac
check "and nothing of the failed restore stays" "0" \
    "$(q $DST2 "SELECT count(*) FROM pg_namespace WHERE nspname = 'Shop'")"
PGOPTIONS="-c session_preload_libraries=synthdata" \
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d $DST2 -1 -f "$TMP/shop.sql" >/dev/null 2>"$TMP/dst2.err"
check "with session_preload_libraries = synthdata it restores" "0" "$?"
check "its labels are those of the source" "$want_labels" "$(q $DST2 "$LABELS")"
check "and a session that never loaded the library reads them" "$want_columns" "$(q $DST2 "$COLUMNS")"
