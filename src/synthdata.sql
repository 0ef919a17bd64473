/* synthdata--0.2.0.sql: assembled by the Makefile from the src/ fragments */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION synthdata" to load this file. \quit

/* ---- src/synthdata.sql: session seed control -------------------------- */

CREATE FUNCTION synth_setseed(seed bigint)
RETURNS void
AS 'MODULE_PATHNAME', 'synth_setseed'
LANGUAGE C STRICT VOLATILE PARALLEL RESTRICTED;
-- RESTRICTED: it changes this backend's session stream, which parallel
-- workers do not share.
COMMENT ON FUNCTION synth_setseed(bigint) IS
'resets the session stream used by the synth_random_* functions to the given seed (like setseed(), but reproducible across versions and platforms)';

CREATE FUNCTION synth_last_seed()
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_last_seed'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_last_seed() IS
'returns the seed used by the most recent synthdata call in this session that was given no seed (NULL if none yet), so that the run can be repeated';

CREATE FUNCTION synth_philox(seed bigint, stream bigint, counter bigint, block bigint DEFAULT 0)
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'synth_philox'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_philox(bigint, bigint, bigint, bigint) IS
'raw output of the Philox4x32-10 generator for (seed, stream, counter, block): four 32-bit words';

CREATE FUNCTION synth_philox4x32_10(counter bigint[], key bigint[])
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'synth_philox4x32_10'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_philox4x32_10(bigint[], bigint[]) IS
'the bare Philox4x32-10 block function (four 32-bit counter words, two 32-bit key words), for checking against the published known-answer vectors';
