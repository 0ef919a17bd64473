
/* ---- src/clone.sql: fitted cloning ---------------------------------------
 *
 * The fit is an aggregate over whole rows: PARALLEL SAFE with combine,
 * serialize and deserialize functions, so that PostgreSQL's parallel
 * aggregation runs it.  Its support functions are internal (leading
 * underscore) and only make sense inside synth_fit.
 *
 * Labels.  synth_fit, synth_sample and synth_clone* run SQL of their own
 * (the fit's aggregate queries, the exact-copy guard's scan) through SPI:
 * VOLATILE, and PARALLEL UNSAFE so that they run in the leader, where their
 * queries may start parallel workers of their own.  None is STRICT: a NULL
 * n means "as many rows as the source", a NULL seed "choose one", and a
 * NULL source or model gets an error rather than silently nothing.
 */

CREATE FUNCTION _synth_fit_trans(internal, bytea, VARIADIC "any")
RETURNS internal
AS 'MODULE_PATHNAME', '_synth_fit_trans'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_trans(internal, bytea, VARIADIC "any") IS
'transition function of the fit aggregate (internal)';

CREATE FUNCTION _synth_fit_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', '_synth_fit_combine'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_combine(internal, internal) IS
'combine function of the fit aggregate: merges partial fits (internal)';

CREATE FUNCTION _synth_fit_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', '_synth_fit_serialize'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_serialize(internal) IS
'serialize function of the fit aggregate (internal)';

CREATE FUNCTION _synth_fit_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', '_synth_fit_deserialize'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_deserialize(bytea, internal) IS
'deserialize function of the fit aggregate (internal)';

CREATE FUNCTION _synth_fit_final(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', '_synth_fit_final'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_final(internal) IS
'final function of the fit aggregate: the serialised summaries (internal)';

-- the summaries are a function of the rows only: IMMUTABLE support
-- functions, and an aggregate PostgreSQL may run on parallel workers
CREATE AGGREGATE _synth_fit_state(bytea, VARIADIC "any") (
    SFUNC = _synth_fit_trans,
    STYPE = internal,
    COMBINEFUNC = _synth_fit_combine,
    SERIALFUNC = _synth_fit_serialize,
    DESERIALFUNC = _synth_fit_deserialize,
    FINALFUNC = _synth_fit_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE _synth_fit_state(bytea, VARIADIC "any") IS
'one pass of a fit over the rows, configured by the bytea argument: the row''s '
'columns, or the whole row as one record (internal; used by synth_fit)';

-- Only the aggregate calls its support functions, with its owner's right to
-- execute them, so nobody else needs that right.  The aggregate itself stays
-- executable by everyone, since synth_fit runs its query as the caller: it
-- checks every field of its configuration, and the configured types against
-- those of its arguments.
REVOKE EXECUTE ON FUNCTION _synth_fit_trans(internal, bytea, VARIADIC "any"),
    _synth_fit_combine(internal, internal), _synth_fit_serialize(internal),
    _synth_fit_deserialize(bytea, internal), _synth_fit_final(internal) FROM PUBLIC;

CREATE FUNCTION synth_fit(source regclass, options jsonb DEFAULT '{}')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'synth_fit'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION synth_fit(regclass, jsonb) IS
'fits an anonymizing model of a table (marginals, NULL pattern, Gaussian copula): a versioned jsonb document of aggregates only';

-- the planner support of the sampling calls: their row count, and the
-- library loaded while the plan is made, so that a call in FROM can be
-- planned as the scan that streams its rows (sample_scan.c)
CREATE FUNCTION _synth_sample_support(internal)
RETURNS internal
AS 'MODULE_PATHNAME', '_synth_sample_support'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_sample_support(internal) IS
'planner support of synth_clone and synth_sample: n as their row count (internal)';
REVOKE EXECUTE ON FUNCTION _synth_sample_support(internal) FROM PUBLIC;

CREATE FUNCTION synth_sample(target anyelement, model jsonb, n bigint,
                             seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_sample'
LANGUAGE C VOLATILE PARALLEL UNSAFE
ROWS 1000
SUPPORT _synth_sample_support;
COMMENT ON FUNCTION synth_sample(anyelement, jsonb, bigint, bigint, bigint) IS
'rows start .. start + n - 1 drawn from a synth_fit model, typed like NULL::table (columns matched by name)';

CREATE FUNCTION _synth_sample(target anyelement, model jsonb, n bigint,
                              seed bigint, start bigint, guard bigint)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_sample'
LANGUAGE C VOLATILE PARALLEL UNSAFE
ROWS 1000
SUPPORT _synth_sample_support;
COMMENT ON FUNCTION _synth_sample(anyelement, jsonb, bigint, bigint, bigint, bigint) IS
'synth_sample with the exact-copy guard chosen by the caller: 0 none, -1 built from the source, else handed over (internal; used by synth_clone_table)';

CREATE FUNCTION synth_clone(target anyelement, n bigint DEFAULT NULL,
                            options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_clone'
LANGUAGE C VOLATILE PARALLEL UNSAFE
ROWS 1000
SUPPORT _synth_sample_support;
COMMENT ON FUNCTION synth_clone(anyelement, bigint, jsonb, bigint) IS
'an anonymized, statistically similar copy of the table behind NULL::table (fit + sample); n NULL = as many rows as the source';

CREATE FUNCTION synth_clone(source text, n bigint DEFAULT NULL,
                            options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS SETOF jsonb
AS 'MODULE_PATHNAME', 'synth_clone_jsonb'
LANGUAGE C VOLATILE PARALLEL UNSAFE
ROWS 1000;
COMMENT ON FUNCTION synth_clone(text, bigint, jsonb, bigint) IS
'synth_clone by table name: each row as a jsonb object (use synth_clone(NULL::table, ...) for typed rows)';

CREATE FUNCTION synth_clone_table(source regclass, target text, n bigint DEFAULT NULL,
                                  options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_clone_table'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION synth_clone_table(regclass, text, bigint, jsonb, bigint) IS
'creates target like source (columns, types, NOT NULL, CHECK, keys, defaults, identity and generated columns, foreign keys to the same parents) and fills it with an anonymized copy; returns the row count';

-- pure math: IMMUTABLE STRICT PARALLEL SAFE
CREATE FUNCTION synth_bvn_cdf(h float8, k float8, r float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_bvn_cdf'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_bvn_cdf(float8, float8, float8) IS
'P(X < h, Y < k) for the standard bivariate normal distribution with correlation r (Drezner-Wesolowsky, Genz)';

CREATE FUNCTION synth_polychoric(counts bigint[])
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_polychoric'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_polychoric(bigint[]) IS
'two-step maximum-likelihood polychoric correlation of a contingency table of ordered categories (Olsson 1979)';

CREATE FUNCTION synth_nearest_correlation(m float8[])
RETURNS float8[]
AS 'MODULE_PATHNAME', 'synth_nearest_correlation'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_nearest_correlation(float8[]) IS
'the nearest correlation matrix to a symmetric matrix in the Frobenius norm (Higham 2002)';
