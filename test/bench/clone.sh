#!/bin/bash
# test/bench/clone.sh — the fitted-cloning benchmark.
#
# Needs a running cluster with synthdata installed (test/demo.sh, or
# "source test/cluster.sh; sd_setup") and the sample tables loaded
# (test/data/load.sql).  Prints:
#   1. synth_clone_table of 1,000,000 rows vs CREATE TABLE AS (test/bench/clone.sql),
#      and the fit's speed-up with 2 parallel workers;
#   2. the peak private memory of the fit and of synth_clone_table at
#      10,000,000 rows (RssAnon of the backend, sampled every 50 ms, against
#      the same backend running count(*));
#   3. the fidelity of the three real tables against a held-out part.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../cluster.sh"
set +u
cd "$SD_ROOT"
PSQL=("$("$PG_CONFIG" --bindir)/psql" -X -v ON_ERROR_STOP=1)

echo "== 1. synth_clone_table vs CREATE TABLE AS, 1,000,000 rows (parallel fit and fill with the server's settings); parallel fit"
"${PSQL[@]}" -f test/bench/clone.sql | grep -v -E '^(SELECT|CREATE|ALTER|VACUUM|SET|RESET|DROP|DO)'

echo "== 2. fit memory at 10,000,000 rows"
"${PSQL[@]}" -qc "DROP TABLE IF EXISTS bench_big" \
    -c "CREATE TABLE bench_big AS SELECT s.* FROM bench_src s, generate_series(1, 10) g" \
    -c "VACUUM ANALYZE bench_big"
source "$(dirname "${BASH_SOURCE[0]}")/peak.sh"
base=$(peak "SELECT count(*) FROM bench_big")
fit=$(peak "SELECT length(synth_fit('bench_big')::text)")
echo "peak private memory (RssAnon): count(*) ${base} kB, synth_fit ${fit} kB, fit - count = $(( (fit - base) / 1024 )) MB"
"${PSQL[@]}" -qc "DROP TABLE IF EXISTS bench_big_clone"
clone=$(peak "SELECT synth_clone_table('bench_big', 'bench_big_clone', seed => 1)")
echo "peak private memory (RssAnon): synth_clone_table of 10,000,000 rows ${clone} kB, clone - count = $(( (clone - base) / 1024 )) MB"
"${PSQL[@]}" -qc "DROP TABLE bench_big_clone"
"${PSQL[@]}" -qc "DROP TABLE bench_big, bench_src"

echo "== 3. fidelity against a held-out 40% (SDMetrics definitions, test/lib/clone_score.sql)"
"${PSQL[@]}" -q -f test/lib/clone_score.sql 2>/dev/null
"${PSQL[@]}" -q <<'SQL'
SET client_min_messages = warning;
SELECT clone_score.split('survival_pbc', 'pbc_train', 'pbc_hold'),
       clone_score.split('weka_credit_g', 'cg_train', 'cg_hold'),
       clone_score.split('ggplot2_diamonds', 'dm_train', 'dm_hold');
CREATE TEMP TABLE res (tab text, seed int, shapes float8, trends float8);
CREATE TEMP TABLE ceil (tab text, shapes float8, trends float8);
DO $$
DECLARE
    t text;
    s int;
    cols text[];
BEGIN
    FOREACH t IN ARRAY ARRAY['pbc', 'cg', 'dm'] LOOP
        cols := CASE WHEN t = 'pbc' THEN (SELECT array_agg(attname::text ORDER BY attnum)
                  FROM pg_attribute WHERE attrelid = 'survival_pbc'::regclass AND attnum > 1) END;
        INSERT INTO ceil SELECT t, * FROM clone_score.quality(t || '_hold', t || '_train', cols);
        FOR s IN 1 .. 3 LOOP
            EXECUTE format('DROP TABLE IF EXISTS %I', t || '_syn');
            EXECUTE format('CREATE TABLE %I AS SELECT * FROM synth_clone(NULL::%I, seed => %s)',
                           t || '_syn', t || '_train', s);
            INSERT INTO res SELECT t, s, * FROM clone_score.quality(t || '_hold', t || '_syn', cols);
        END LOOP;
        EXECUTE format('DROP TABLE %I, %I, %I', t || '_syn', t || '_train', t || '_hold');
    END LOOP;
END $$;
SELECT CASE r.tab WHEN 'pbc' THEN 'survival_pbc' WHEN 'cg' THEN 'weka_credit_g' ELSE 'ggplot2_diamonds' END AS "table",
       round(avg(r.shapes)::numeric, 3) AS shapes, round(avg(r.trends)::numeric, 3) AS trends,
       round(min(r.shapes)::numeric, 3) || '-' || round(max(r.shapes)::numeric, 3) AS shapes_range,
       round(min(r.trends)::numeric, 3) || '-' || round(max(r.trends)::numeric, 3) AS trends_range,
       round(c.shapes::numeric, 3) AS ceiling_shapes, round(c.trends::numeric, 3) AS ceiling_trends
FROM res r JOIN ceil c USING (tab) GROUP BY r.tab, c.shapes, c.trends ORDER BY 1;
SQL
