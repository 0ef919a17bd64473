
/* ---- src/fit_partial.sql: partial fits that travel between servers ------
 *
 * synth_fit_partial reads a table as the caller (like synth_fit) and
 * returns the fit's scan state: VOLATILE for the same reasons as synth_fit
 * (SPI), PARALLEL RESTRICTED.  synth_fit_merge reads only its arguments,
 * but runs the rest of the fit through SPI: the same labels.  A state
 * holds a sample of real rows: it is as sensitive as the table.
 */

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
