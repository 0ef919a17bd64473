
/* ---- src/evaluate_schema.sql: evaluation of a schema copy ------------- */

-- Labels as for synth_evaluate: VOLATILE (it reads tables, and draws a seed
-- for the per-table evaluations when none is given), PARALLEL RESTRICTED,
-- not STRICT (NULL options mean the defaults, NULL schemas get an error);
-- it runs with the caller's privileges.

CREATE FUNCTION synth_evaluate_schema(real_schema text, synthetic_schema text, options jsonb DEFAULT '{}')
RETURNS TABLE(table_name text, metric text, column_names text, score float8, detail jsonb)
AS 'MODULE_PATHNAME', 'synth_evaluate_schema'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 100;
COMMENT ON FUNCTION synth_evaluate_schema(text, text, jsonb) IS
'quality of a copy of a whole schema, tables matched by name: per table RowCount and the summary rows of synth_evaluate; per foreign key of the real schema ReferentialIntegrity (share of child rows with a non-NULL key whose parent exists), CardinalityShapeSimilarity (1 - KS statistic of the children per parent) and IntertableTrends (parent column x child column pair trends through the key, at most max_pairs pairs); per link that holds on every real row ExactAggregate, DenormalisedCopy or Ordering with its hold rate on the copy; then one overall row per metric and Schema Quality; options: evaluate (synth_evaluate options for every table), tables (per-table synth_evaluate options), seed, min_parents (10), max_pairs (25), max_rows (100000), links (true); only names and scores, never a value';

CREATE FUNCTION synth_report_schema(real_schema text, synthetic_schema text, options jsonb DEFAULT '{}')
RETURNS text
AS 'MODULE_PATHNAME', 'synth_report_schema'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_report_schema(text, text, jsonb) IS
'the evaluation of synth_evaluate_schema() as one self-contained HTML page (the style of synth_report, no external assets): score cards of the overall rows, one line per table, per foreign key and per link, then every row; options as for synth_evaluate_schema; psql -Atc "SELECT synth_report_schema(''shop'', ''shop_copy'')" > report.html';
