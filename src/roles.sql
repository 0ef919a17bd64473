
/* ---- src/roles.sql: column semantics ---------------------------------------
 *
 * synth_columns runs the fit synth_fit would (as the caller, through SPI):
 * VOLATILE and PARALLEL UNSAFE like synth_fit; not STRICT, so that a NULL
 * source gets an error.
 */

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
