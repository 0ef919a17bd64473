
/* ---- src/evaluate.sql: evaluation ------------------------------------- */

-- Labels.  VOLATILE: the result depends on the contents of the tables (and,
-- with no "seed" option, on a freshly drawn seed).  PARALLEL RESTRICTED:
-- they read tables through SPI and may record the drawn seed in this
-- backend.  Not STRICT: NULL options mean the defaults, NULL tables get an
-- error.  They run with the caller's privileges (never as their owner), so
-- GRANTs and row-level security apply to both tables.

CREATE FUNCTION synth_evaluate("real" regclass, synthetic regclass, options jsonb DEFAULT '{}')
RETURNS TABLE(metric text, column_name text, other_column text, score float8, detail jsonb)
AS 'MODULE_PATHNAME', 'synth_evaluate'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 100;
COMMENT ON FUNCTION synth_evaluate(regclass, regclass, jsonb) IS
'quality and privacy of a synthetic table against the real one, with the SDMetrics definitions: one ColumnRole row per column (key, foreign_key, identifier, personal, free_text, derived, or the modelled categorical, numeric, temporal), one row per metric and column or column pair (KSComplement, TVComplement, MissingValueSimilarity, BoundaryAdherence, CategoryAdherence, CorrelationSimilarity, ContingencySimilarity, IdentifierLeak, VerbatimShare), then the summary rows (Column Shapes, Column Pair Trends, Quality, Data Validity, VerbatimProtection, ExactCopies, NewRowSynthesis, DCRBaselineProtection, DCROverfittingProtection); by default only modelled columns are scored; options: ignore, holdout, seed, dcr_rows (5000), reference_rows, max_rows, pair_threshold, correlation_threshold, association_threshold, max_pairs (default 10000: beyond, the pairs of a seeded sample of columns), k (10: categories named only when k real rows hold them), show_values (false: no value of a key, identifier, personal or free-text column), score_all, score_columns, roles, sequence ({"key", "order", "lags"}: adds AutocorrelationSimilarity, SeasonalProfileSimilarity, CrossCorrelationSimilarity, SequenceLengthSimilarity, SequenceStartSimilarity, SequenceGapSimilarity and Sequence Dynamics)';

CREATE FUNCTION synth_report("real" regclass, synthetic regclass, options jsonb DEFAULT '{}')
RETURNS text
AS 'MODULE_PATHNAME', 'synth_report'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_report(regclass, regclass, jsonb) IS
'the evaluation of synth_evaluate() as one self-contained HTML page (inline CSS and SVG, no external assets) on the page''s full width: score cards, real and synthetic distributions of every scored column, the keys, identifiers, personal data and free text with their VerbatimShare, real and synthetic association matrices of the scored columns as heat maps, and every metric row; options as for synth_evaluate, and max_heatmap_columns (default 40); psql -Atc "SELECT synth_report(''t'', ''t_copy'')" > report.html';

CREATE FUNCTION synth_compare("real" regclass, synthetic regclass, column_name text)
RETURNS TABLE(bucket text, real_share float8, synthetic_share float8, bars text)
AS 'MODULE_PATHNAME', 'synth_compare'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 20;
COMMENT ON FUNCTION synth_compare(regclass, regclass, text) IS
'the distribution of one column in the real and the synthetic table, bucket by bucket (10 equal-width bins for numbers and dates, the 20 most frequent values otherwise, NULL its own bucket), with Unicode bars for psql: real share left of the rule, synthetic share right, on the same scale';
