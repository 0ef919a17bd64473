/* synthdata--0.1.0--0.2.0.sql: update from 0.1.0 to 0.2.0 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION synthdata UPDATE TO '0.2.0'" to load this file. \quit


-- the fit aggregate's support functions: only the aggregate calls them
REVOKE EXECUTE ON FUNCTION _synth_fit_trans(internal, bytea, VARIADIC "any"),
    _synth_fit_combine(internal, internal), _synth_fit_serialize(internal),
    _synth_fit_deserialize(bytea, internal), _synth_fit_final(internal) FROM PUBLIC;

-- synth_evaluate and synth_report: options max_pairs and max_heatmap_columns; column roles
-- (score_all, score_columns, roles), VerbatimShare
COMMENT ON FUNCTION synth_evaluate(regclass, regclass, jsonb) IS
'quality and privacy of a synthetic table against the real one, with the SDMetrics definitions: one ColumnRole row per column (key, foreign_key, identifier, personal, free_text, derived, or the modelled categorical, numeric, temporal), one row per metric and column or column pair (KSComplement, TVComplement, MissingValueSimilarity, BoundaryAdherence, CategoryAdherence, CorrelationSimilarity, ContingencySimilarity, IdentifierLeak, VerbatimShare), then the summary rows (Column Shapes, Column Pair Trends, Quality, Data Validity, VerbatimProtection, ExactCopies, NewRowSynthesis, DCRBaselineProtection, DCROverfittingProtection); by default only modelled columns are scored; options: ignore, holdout, seed, dcr_rows (5000), reference_rows, max_rows, pair_threshold, correlation_threshold, association_threshold, max_pairs (default 10000: beyond, the pairs of a seeded sample of columns), k (10: categories named only when k real rows hold them), show_values (false: no value of a key, identifier, personal or free-text column), score_all, score_columns, roles';
COMMENT ON FUNCTION synth_report(regclass, regclass, jsonb) IS
'the evaluation of synth_evaluate() as one self-contained HTML page (inline CSS and SVG, no external assets) on the page''s full width: score cards, real and synthetic distributions of every scored column, the keys, identifiers, personal data and free text with their VerbatimShare, real and synthetic association matrices of the scored columns as heat maps, and every metric row; options as for synth_evaluate, and max_heatmap_columns (default 40); psql -Atc "SELECT synth_report(''t'', ''t_copy'')" > report.html';

-- time series and event processes: synth_timeseries, synth_timeseries_multi, synth_events
CREATE FUNCTION synth_timeseries(n bigint, start timestamptz, step interval, components jsonb DEFAULT NULL, seed bigint DEFAULT NULL, start_index bigint DEFAULT 0)
RETURNS TABLE(t timestamptz, value float8)
AS 'MODULE_PATHNAME', 'synth_timeseries'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_timeseries(bigint, timestamptz, interval, jsonb, bigint, bigint) IS
'n steps (start_index ..) of a synthetic time series: trend, seasonalities, ARMA noise (Gaussian or GARCH(1,1) innovations), level shifts, outliers, missing steps; step i depends only on (seed, i)';

CREATE FUNCTION synth_timeseries(n bigint, start timestamp, step interval, components jsonb DEFAULT NULL, seed bigint DEFAULT NULL, start_index bigint DEFAULT 0)
RETURNS TABLE(t timestamp, value float8)
AS 'MODULE_PATHNAME', 'synth_timeseries'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_timeseries(bigint, timestamp, interval, jsonb, bigint, bigint) IS
'n steps (start_index ..) of a synthetic time series at timestamps start + i * step; step i depends only on (seed, i)';

CREATE FUNCTION synth_timeseries(n bigint, start date, step interval, components jsonb DEFAULT NULL, seed bigint DEFAULT NULL, start_index bigint DEFAULT 0)
RETURNS TABLE(t date, value float8)
AS 'MODULE_PATHNAME', 'synth_timeseries'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_timeseries(bigint, date, interval, jsonb, bigint, bigint) IS
'n steps (start_index ..) of a synthetic time series at dates start + i * step (whole days or months); step i depends only on (seed, i)';

CREATE FUNCTION synth_timeseries(n bigint, start bigint, step bigint DEFAULT 1, components jsonb DEFAULT NULL, seed bigint DEFAULT NULL, start_index bigint DEFAULT 0)
RETURNS TABLE(t bigint, value float8)
AS 'MODULE_PATHNAME', 'synth_timeseries'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_timeseries(bigint, bigint, bigint, jsonb, bigint, bigint) IS
'n steps (start_index ..) of a synthetic time series indexed by start + i * step; step i depends only on (seed, i)';

CREATE FUNCTION synth_timeseries_multi(n bigint, start timestamptz, step interval, components jsonb, seed bigint DEFAULT NULL, start_index bigint DEFAULT 0)
RETURNS TABLE(series int, t timestamptz, value float8)
AS 'MODULE_PATHNAME', 'synth_timeseries_multi'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_timeseries_multi(bigint, timestamptz, interval, jsonb, bigint, bigint) IS
'several synthetic time series whose innovations have a given correlation matrix, in long form (series, t, value); step i depends only on (seed, i)';

CREATE FUNCTION synth_timeseries_multi(n bigint, start timestamp, step interval, components jsonb, seed bigint DEFAULT NULL, start_index bigint DEFAULT 0)
RETURNS TABLE(series int, t timestamp, value float8)
AS 'MODULE_PATHNAME', 'synth_timeseries_multi'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_timeseries_multi(bigint, timestamp, interval, jsonb, bigint, bigint) IS
'several synthetic time series whose innovations have a given correlation matrix, in long form (series, t, value), at timestamps start + i * step';

CREATE FUNCTION synth_timeseries_multi(n bigint, start date, step interval, components jsonb, seed bigint DEFAULT NULL, start_index bigint DEFAULT 0)
RETURNS TABLE(series int, t date, value float8)
AS 'MODULE_PATHNAME', 'synth_timeseries_multi'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_timeseries_multi(bigint, date, interval, jsonb, bigint, bigint) IS
'several synthetic time series whose innovations have a given correlation matrix, in long form (series, t, value), at dates start + i * step (whole days or months)';

CREATE FUNCTION synth_timeseries_multi(n bigint, start bigint, step bigint, components jsonb, seed bigint DEFAULT NULL, start_index bigint DEFAULT 0)
RETURNS TABLE(series int, t bigint, value float8)
AS 'MODULE_PATHNAME', 'synth_timeseries_multi'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_timeseries_multi(bigint, bigint, bigint, jsonb, bigint, bigint) IS
'several synthetic time series whose innovations have a given correlation matrix, in long form (series, t, value), indexed by start + i * step';

CREATE FUNCTION synth_events(n bigint, start timestamp, rate float8, per interval DEFAULT '1 hour', hour_profile float8[] DEFAULT NULL, weekday_profile float8[] DEFAULT NULL, until timestamp DEFAULT NULL, seed bigint DEFAULT NULL, smooth boolean DEFAULT false)
RETURNS SETOF timestamp
AS 'MODULE_PATHNAME', 'synth_events'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_events(bigint, timestamp, float8, interval, float8[], float8[], timestamp, bigint, boolean) IS
'event times of a Poisson process with mean rate "rate" per "per", shaped by hour-of-day and weekday (Monday first) weights, by thinning; the first n events from start, or those before until; the events of an hour depend only on (seed, hour)';
