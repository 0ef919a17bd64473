/* synthdata--0.1.0--0.2.0.sql: update from 0.1.0 to 0.2.0 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION synthdata UPDATE TO '0.2.0'" to load this file. \quit


-- the fit aggregate's support functions: only the aggregate calls them
REVOKE EXECUTE ON FUNCTION _synth_fit_trans(internal, bytea, VARIADIC "any"),
    _synth_fit_combine(internal, internal), _synth_fit_serialize(internal),
    _synth_fit_deserialize(bytea, internal), _synth_fit_final(internal) FROM PUBLIC;

-- synth_evaluate and synth_report: options max_pairs and max_heatmap_columns
COMMENT ON FUNCTION synth_evaluate(regclass, regclass, jsonb) IS
'quality and privacy of a synthetic table against the real one, with the SDMetrics definitions: one row per metric and column or column pair (KSComplement, TVComplement, MissingValueSimilarity, BoundaryAdherence, CategoryAdherence, CorrelationSimilarity, ContingencySimilarity, IdentifierLeak), then the summary rows (Column Shapes, Column Pair Trends, Quality, Data Validity, ExactCopies, NewRowSynthesis, DCRBaselineProtection, DCROverfittingProtection); options: ignore, holdout, seed, dcr_rows, reference_rows, max_rows, pair_threshold, correlation_threshold, association_threshold, max_pairs (default 10000: beyond, the pairs of a seeded sample of columns), k (10: categories named only when k real rows hold them), show_values (false: no value of a key, identifier, personal or free-text column)';
COMMENT ON FUNCTION synth_report(regclass, regclass, jsonb) IS
'the evaluation of synth_evaluate() as one self-contained HTML page (inline CSS and SVG, no external assets): score cards, real and synthetic distributions of every column, real and synthetic association matrices as heat maps, and every metric row; options as for synth_evaluate, and max_heatmap_columns (default 40); psql -Atc "SELECT synth_report(''t'', ''t_copy'')" > report.html';
