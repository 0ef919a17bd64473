
/* ---- src/fake.sql: fake values ----------------------------------------
 *
 * Labels.  synth_fake(), synth_fake_text() and synth_fake_pattern() are VOLATILE PARALLEL
 * RESTRICTED for the same reason as the sampling SRFs: a NULL seed draws a
 * fresh one and records it in this backend (synth_last_seed()).
 * synth_random_fake() advances the session stream, like random().
 * None of these is STRICT: NULL kind, locale or pattern gets an error, a
 * NULL seed means "choose one".  The catalogue and the inference helpers
 * depend on nothing but their arguments and the extension's own
 * dictionaries: IMMUTABLE PARALLEL SAFE (and STRICT, NULL in, NULL out).
 */

CREATE FUNCTION synth_fake(n bigint, kind text, locale text DEFAULT 'en',
                           seed bigint DEFAULT NULL, start bigint DEFAULT 0,
                           max_length integer DEFAULT NULL)
RETURNS SETOF text
AS 'MODULE_PATHNAME', 'synth_fake'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_fake(bigint, text, text, bigint, bigint, integer) IS
'n realistic fake values of a kind (see synth_fake_kinds()), each at most max_length characters; row i depends only on (seed, start + i), and the person and place kinds of the same seed and row describe the same person and place';

CREATE FUNCTION synth_fake_text(n bigint, min_length integer, max_length integer,
                                locale text DEFAULT 'en',
                                seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF text
AS 'MODULE_PATHNAME', 'synth_fake_text'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_fake_text(bigint, integer, integer, text, bigint, bigint) IS
'n texts of sentences in the locale''s words, each between min_length and max_length characters long; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_fake(kind text, locale text DEFAULT 'en')
RETURNS text
AS 'MODULE_PATHNAME', 'synth_random_fake'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_fake(text, text) IS
'one fake value of a kind from the session stream (see synth_setseed)';

CREATE FUNCTION synth_fake_pattern(n bigint, pattern text,
                                   seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF text
AS 'MODULE_PATHNAME', 'synth_fake_pattern'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_fake_pattern(bigint, text, bigint, bigint) IS
'n strings following a pattern: A upper-case letter, a lower-case letter, 9 digit, # digit 1-9, ? letter, X upper-case letter or digit, x lower-case letter or digit, * letter or digit, H/h hex digit, \c the character c; anything else literal';

CREATE FUNCTION synth_fake_pattern_of(value text)
RETURNS text
AS 'MODULE_PATHNAME', 'synth_fake_pattern_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_fake_pattern_of(text) IS
'the pattern of a value''s shape for synth_fake_pattern(): A-Z -> A, a-z -> a, 0-9 -> 9, # ? * \ escaped, anything else kept (e.g. ''AB-12'' -> ''AA-99'')';

CREATE FUNCTION synth_fake_kinds(OUT kind text, OUT value_type text,
                                 OUT description text, OUT example text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'synth_fake_kinds'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 40;
COMMENT ON FUNCTION synth_fake_kinds() IS
'the fake kinds: name, value type (text, number or date), description and the first value of synth_fake(1, kind, seed => 1)';

CREATE FUNCTION synth_fake_kind_of_column(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'synth_fake_kind_of_column'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_fake_kind_of_column(text) IS
'the fake kind a column of this name gets by default (e.g. billing_city -> city), or NULL';

CREATE FUNCTION synth_fake_kind_of_value(value text)
RETURNS text
AS 'MODULE_PATHNAME', 'synth_fake_kind_of_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_fake_kind_of_value(text) IS
'the kind of personal or identifying value this value looks like (email, phone, ipv4, iban, credit_card, full_name, ...), or NULL';
