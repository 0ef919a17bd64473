
/* ---- src/impute.sql: imputation and augmentation ----------------------
 *
 * Labels.  All of these read a whole table through SPI as the caller, so
 * they are VOLATILE (the result depends on the table's contents and, with
 * seed NULL, on a freshly drawn seed).  None is STRICT: the first argument
 * of synth_impute/synth_augment is a NULL of the table's row type, and a
 * NULL seed means "choose one".  The SRFs are PARALLEL RESTRICTED because
 * a seedless call records its seed in this backend (synth_last_seed());
 * synth_impute_update writes, so it is PARALLEL UNSAFE.  synth_augment
 * with method "model" calls synth_fit and synth_sample (PARALLEL UNSAFE)
 * through SPI; a RESTRICTED function runs only in the leader, where that
 * is allowed.
 * Method "model" of synth_impute and synth_impute_update does the same.
 * SET synchronize_seqscans = off: row i of the scan is the row index of
 * every random choice, so the scan must start at the table's first block
 * rather than join another session's scan midway.
 */

CREATE FUNCTION synth_impute(rel anyelement, method text DEFAULT 'model',
                             options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_impute'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
SET synchronize_seqscans = off;
COMMENT ON FUNCTION synth_impute(anyelement, text, jsonb, bigint) IS
'every row of the table whose row type rel is (pass NULL::table), with its NULLs filled by the method: model (draws from the conditional Gaussian of a synth_fit copula given the row''s observed values), mean, median, mode, regression or knn; non-NULL values never change';

CREATE FUNCTION synth_impute_update(rel regclass, columns text[] DEFAULT NULL,
                                    method text DEFAULT 'model',
                                    options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_impute_update'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET synchronize_seqscans = off;
COMMENT ON FUNCTION synth_impute_update(regclass, text[], text, jsonb, bigint) IS
'fills the NULLs of the table''s columns (all, or those named) in place with the method and returns the number of cells filled; only NULL cells change';

CREATE FUNCTION synth_augment(rel anyelement, n bigint, method text DEFAULT 'model',
                              options jsonb DEFAULT '{}', seed bigint DEFAULT NULL,
                              start bigint DEFAULT 0)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_augment'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
SET synchronize_seqscans = off;
COMMENT ON FUNCTION synth_augment(anyelement, bigint, text, jsonb, bigint, bigint) IS
'n new rows for the table whose row type rel is (pass NULL::table): model (drawn from a synth_fit model, optionally only rows meeting a condition), noise (real rows jittered) or smote (minority classes interpolated between same-class neighbours; balance: true equalises the classes); keys regenerated, generated columns NULL';
