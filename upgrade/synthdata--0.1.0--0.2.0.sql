/* synthdata--0.1.0--0.2.0.sql: update from 0.1.0 to 0.2.0 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION synthdata UPDATE TO '0.2.0'" to load this file. \quit


-- the fit aggregate's support functions: only the aggregate calls them
REVOKE EXECUTE ON FUNCTION _synth_fit_trans(internal, bytea, VARIADIC "any"),
    _synth_fit_combine(internal, internal), _synth_fit_serialize(internal),
    _synth_fit_deserialize(bytea, internal), _synth_fit_final(internal) FROM PUBLIC;
