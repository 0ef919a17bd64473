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
'quality and privacy of a synthetic table against the real one, with the SDMetrics definitions: one ColumnRole row per column (key, foreign_key, identifier, personal, free_text, derived, or the modelled categorical, numeric, temporal), one row per metric and column or column pair (KSComplement, TVComplement, MissingValueSimilarity, BoundaryAdherence, CategoryAdherence, CorrelationSimilarity, ContingencySimilarity, IdentifierLeak, VerbatimShare), then the summary rows (Column Shapes, Column Pair Trends, Quality, Data Validity, VerbatimProtection, ExactCopies, NewRowSynthesis, DCRBaselineProtection, DCROverfittingProtection); by default only modelled columns are scored; options: ignore, holdout, seed, dcr_rows (5000), reference_rows, max_rows, pair_threshold, correlation_threshold, association_threshold, max_pairs (default 10000: beyond, the pairs of a seeded sample of columns), k (10: categories named only when k real rows hold them), show_values (false: no value of a key, identifier, personal or free-text column), score_all, score_columns, roles, sequence ({"key", "order", "lags"}: adds AutocorrelationSimilarity, SeasonalProfileSimilarity, CrossCorrelationSimilarity, SequenceLengthSimilarity, SequenceStartSimilarity, SequenceGapSimilarity and Sequence Dynamics)';
COMMENT ON FUNCTION synth_report(regclass, regclass, jsonb) IS
'the evaluation of synth_evaluate() as one self-contained HTML page (inline CSS and SVG, no external assets) on the page''s full width: score cards, real and synthetic distributions of every scored column, the keys, identifiers, personal data and free text with their VerbatimShare, real and synthetic association matrices of the scored columns as heat maps, and every metric row; options as for synth_evaluate, and max_heatmap_columns (default 40); psql -Atc "SELECT synth_report(''t'', ''t_copy'')" > report.html';

-- synth_evaluate_schema: evaluation of a copy of a whole schema
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

/* ---- src/dp.sql: differential privacy -------------------------------------
 *
 * synth_fit, synth_clone and synth_clone_table with option "epsilon" build
 * their model from noisy releases only (dp_fit.c) and record the fit here.
 * Each role sees, and can add, only its own rows of the ledger (row-level
 * security); nobody but the table's owner may change or delete a row, so a
 * role's spent budget only grows.  The owner (the extension's installer)
 * sees every row.
 */

CREATE TABLE synth_privacy_ledger (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source oid NOT NULL,
    source_name text NOT NULL,
    role name NOT NULL DEFAULT CURRENT_USER,
    fitted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    epsilon float8 NOT NULL CHECK (epsilon >= 0),
    delta float8 NOT NULL CHECK (delta > 0 AND delta < 1),
    rho float8 NOT NULL CHECK (rho >= 0),
    delta_threshold float8 NOT NULL CHECK (delta_threshold >= 0 AND delta_threshold <= delta),
    privacy jsonb NOT NULL
);
CREATE INDEX synth_privacy_ledger_source ON synth_privacy_ledger (source);
COMMENT ON TABLE synth_privacy_ledger IS
'one row per differentially private fit: source table, role, time, epsilon, delta, rho (zCDP), the part of delta spent on category thresholds, and the model''s privacy object (budget split per statistic)';
ALTER TABLE synth_privacy_ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY synth_privacy_ledger_own_rows ON synth_privacy_ledger
    FOR SELECT USING (role OPERATOR(pg_catalog.=) CURRENT_USER);
CREATE POLICY synth_privacy_ledger_own_inserts ON synth_privacy_ledger
    FOR INSERT WITH CHECK (role OPERATOR(pg_catalog.=) CURRENT_USER);
GRANT SELECT, INSERT ON synth_privacy_ledger TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('synth_privacy_ledger', '');

CREATE FUNCTION synth_privacy_budget(source regclass,
                                     OUT fits bigint, OUT epsilon float8,
                                     OUT delta float8, OUT rho float8)
RETURNS record
AS 'MODULE_PATHNAME', 'synth_privacy_budget'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_privacy_budget(regclass) IS
'the differential privacy budget the caller has spent on a table: fits, and their rho (zCDP) summed and converted once to (epsilon, delta) (Canonne, Kamath and Steinke 2020)';

-- accounting and mechanisms: pure math, or noise
CREATE FUNCTION synth_dp_epsilon(rho float8, delta float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_dp_epsilon'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_dp_epsilon(float8, float8) IS
'the epsilon of (epsilon, delta)-DP implied by rho-zCDP, by the conversion of Canonne, Kamath and Steinke 2020';

CREATE FUNCTION synth_dp_rho(epsilon float8, delta float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_dp_rho'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_dp_rho(float8, float8) IS
'the largest rho whose zCDP implies (epsilon, delta)-DP (inverse of synth_dp_epsilon)';

CREATE FUNCTION synth_dp_gaussian(sigma float8, n int, seed bigint DEFAULT NULL)
RETURNS float8[]
AS 'MODULE_PATHNAME', 'synth_dp_gaussian'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION synth_dp_gaussian(float8, int, bigint) IS
'n draws of the Gaussian mechanism''s noise N(0, sigma^2): from the seeded generator when seed is given (for tests), else from the strong random source';

CREATE FUNCTION synth_dp_exponential(utility float8[], epsilon float8, sensitivity float8 DEFAULT 1,
                                     n int DEFAULT 1, seed bigint DEFAULT NULL)
RETURNS int[]
AS 'MODULE_PATHNAME', 'synth_dp_exponential'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION synth_dp_exponential(float8[], float8, float8, int, bigint) IS
'n choices of the exponential mechanism (1-based), P(i) proportional to exp(epsilon utility[i] / (2 sensitivity)), by the Gumbel-max trick';
-- partial fits that travel between servers: synth_fit_partial, synth_fit_merge (function and aggregate)
CREATE FUNCTION synth_fit_partial(source regclass, options jsonb DEFAULT '{}')
RETURNS bytea
AS 'MODULE_PATHNAME', 'synth_fit_partial'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_fit_partial(regclass, jsonb) IS
'the fit''s scan state of the rows of a table (a shard), as versioned, checksummed bytes; synth_fit_merge() of the states of any split of a table is synth_fit() of the whole table, byte for byte; options as synth_fit''s (sample_percent excepted), and guard_bits, pass (scan or guard) for a coordinator; the state holds a sample of real rows';

CREATE FUNCTION synth_fit_merge(states bytea[], options jsonb DEFAULT '{}')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'synth_fit_merge'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_fit_merge(bytea[], jsonb) IS
'the model of the union of the rows of partial fit states from synth_fit_partial() (any order, any split): the model synth_fit(options) gives of those rows in one table; a forged or corrupt state is refused (22023)';

CREATE FUNCTION _synth_fit_merge_trans(internal, bytea, jsonb)
RETURNS internal
AS 'MODULE_PATHNAME', '_synth_fit_merge_trans'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION _synth_fit_merge_trans(internal, bytea, jsonb) IS
'transition function of the aggregate synth_fit_merge(bytea, jsonb) (internal)';

CREATE FUNCTION _synth_fit_merge_final(internal, bytea, jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', '_synth_fit_merge_final'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION _synth_fit_merge_final(internal, bytea, jsonb) IS
'final function of the aggregate synth_fit_merge(bytea, jsonb) (internal)';

CREATE AGGREGATE synth_fit_merge(state bytea, options jsonb) (
    SFUNC = _synth_fit_merge_trans,
    STYPE = internal,
    FINALFUNC = _synth_fit_merge_final,
    FINALFUNC_EXTRA,
    FINALFUNC_MODIFY = READ_WRITE,
    PARALLEL = RESTRICTED
);
COMMENT ON AGGREGATE synth_fit_merge(bytea, jsonb) IS
'aggregate form of synth_fit_merge(): the model of the partial fit states of its rows (options: the same in every row)';

REVOKE EXECUTE ON FUNCTION _synth_fit_merge_trans(internal, bytea, jsonb),
    _synth_fit_merge_final(internal, bytea, jsonb) FROM PUBLIC;
-- column semantics: synth_columns; synth_clone_table keeps defaults, identity,
-- generated columns and foreign keys
COMMENT ON FUNCTION synth_clone_table(regclass, text, bigint, jsonb, bigint) IS
'creates target like source (columns, types, NOT NULL, CHECK, keys, defaults, identity and generated columns, foreign keys to the same parents) and fills it with an anonymized copy; returns the row count';

CREATE FUNCTION synth_columns(source regclass, options jsonb DEFAULT '{}',
                              OUT "column" text, OUT type text, OUT role text,
                              OUT kind text, OUT reason text, OUT "unique" boolean,
                              OUT null_fraction float8, OUT "references" text,
                              OUT model_kind text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'synth_columns'
LANGUAGE C VOLATILE PARALLEL UNSAFE
ROWS 20;
COMMENT ON FUNCTION synth_columns(regclass, jsonb) IS
'the role a fit gives each column of a table (key, foreign_key, personal, free_text, categorical, numeric, temporal, derived, ...), its kind and why; options as for synth_fit, "columns" overrides';

-- synth_clone_schema: anonymized copies of whole schemas

CREATE FUNCTION synth_clone_schema(source text, target_schema text,
    scale float8 DEFAULT 1.0, options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS TABLE (table_name regclass, source_table regclass, "rows" bigint)
AS 'MODULE_PATHNAME', 'synth_clone_schema'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION synth_clone_schema(text, text, float8, jsonb, bigint) IS
'creates target_schema with an anonymized copy of every table of schema source: same definitions, fresh keys, foreign keys between the copies, children per parent and cross-table links kept; all or nothing';

CREATE FUNCTION synth_clone_schema(source regclass[], target_schema text,
    scale float8 DEFAULT 1.0, options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS TABLE (table_name regclass, source_table regclass, "rows" bigint)
AS 'MODULE_PATHNAME', 'synth_clone_schema_tables'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION synth_clone_schema(regclass[], text, float8, jsonb, bigint) IS
'like synth_clone_schema(text, ...) for the given tables and every table they reference (each added one named in a NOTICE)';

CREATE FUNCTION synth_schema_links(source text)
RETURNS TABLE (child regclass, parent regclass, kind text, link text)
AS 'MODULE_PATHNAME', 'synth_schema_links'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION synth_schema_links(text) IS
'the links between parents'' and children''s columns that hold in every row of schema source (sums, counts, copies, times after the parent''s), which synth_clone_schema keeps';

-- rules stored with the schema: SECURITY LABEL FOR synthdata, synth_labels
CREATE FUNCTION synth_labels(source regclass DEFAULT NULL, schema name DEFAULT NULL,
                             OUT "table" regclass, OUT "column" name, OUT label text,
                             OUT role text, OUT kind text, OUT rule jsonb,
                             OUT options jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'synth_labels'
LANGUAGE C STABLE PARALLEL SAFE
ROWS 20;
COMMENT ON FUNCTION synth_labels(regclass, name) IS
'the synthdata security labels in effect, of one table, of the tables of a schema, or of every table: per labelled column its label, the role and kind the fit takes from it and the rule synth_fill takes from it (the label''s rule, else a fake of its kind); a table''s label (column NULL) gives fit options';

-- synth_clone and synth_sample in FROM: planned as a scan that streams their
-- rows; the support function gives their row count and loads the library
CREATE FUNCTION _synth_sample_support(internal)
RETURNS internal
AS 'MODULE_PATHNAME', '_synth_sample_support'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_sample_support(internal) IS
'planner support of synth_clone and synth_sample: n as their row count (internal)';
REVOKE EXECUTE ON FUNCTION _synth_sample_support(internal) FROM PUBLIC;
ALTER FUNCTION synth_sample(anyelement, jsonb, bigint, bigint, bigint) SUPPORT _synth_sample_support;
ALTER FUNCTION _synth_sample(anyelement, jsonb, bigint, bigint, bigint, bigint) SUPPORT _synth_sample_support;
ALTER FUNCTION synth_clone(anyelement, bigint, jsonb, bigint) SUPPORT _synth_sample_support;
