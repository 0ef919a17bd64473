
/* ---- src/sampling.sql: distribution sampling ---------------------------
 *
 * Labels.  The synth_<family>() SRFs are VOLATILE: with an explicit seed
 * their rows are a pure function of the arguments, but with seed NULL each
 * call draws a fresh seed, so the planner must neither fold nor cache a
 * call.  They are PARALLEL RESTRICTED because a seedless call records its
 * seed in this backend (synth_last_seed()); a worker would record its own.
 * The scalar synth_random_<family>() twins advance the backend's session
 * stream, exactly like random(): VOLATILE PARALLEL RESTRICTED.
 * None is STRICT: a NULL seed means "choose one", and a NULL parameter gets
 * an error rather than silently no rows.
 */

CREATE FUNCTION synth_uniform(n bigint, low float8 DEFAULT 0, high float8 DEFAULT 1,
                              seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_uniform'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_uniform(bigint, float8, float8, bigint, bigint) IS
'n draws from the continuous uniform distribution on (low, high); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_uniform(low float8 DEFAULT 0, high float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_uniform'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_uniform(float8, float8) IS
'one draw from the uniform distribution on (low, high) from the session stream (see synth_setseed)';

CREATE FUNCTION synth_normal(n bigint, mean float8 DEFAULT 0, stddev float8 DEFAULT 1,
                             seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_normal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_normal(bigint, float8, float8, bigint, bigint) IS
'n draws from the normal distribution N(mean, stddev^2); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_normal(mean float8 DEFAULT 0, stddev float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_normal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_normal(float8, float8) IS
'one draw from N(mean, stddev^2) from the session stream (see synth_setseed)';
