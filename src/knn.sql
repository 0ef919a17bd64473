
/* ---- src/knn.sql: nearest neighbours ----------------------------------- */

-- IMMUTABLE: the answer is a pure function of the arguments (the tree is
-- built deterministically).  PARALLEL SAFE: no state outside the call.
-- Not STRICT: categorical may be NULL (all numeric); NULL matrices get an
-- error instead of silently no rows.
CREATE FUNCTION synth_knn(reference float8[], queries float8[], k integer DEFAULT 1,
                          categorical boolean[] DEFAULT NULL,
                          exhaustive boolean DEFAULT false,
                          eligible boolean[] DEFAULT NULL)
RETURNS TABLE(query integer, rank integer, reference integer, distance float8)
AS 'MODULE_PATHNAME', 'synth_knn'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1000;
COMMENT ON FUNCTION synth_knn(float8[], float8[], integer, boolean[], boolean, boolean[]) IS
'for each row of queries (a rows x columns array), its k nearest rows of reference under the SDMetrics distance to closest record (numeric |a-b| / reference range capped at 1, categorical 0/1, one NULL 1, both NULL 0; mean over columns), found exactly with a vantage-point tree; eligible (one flag per reference row) limits which rows may be returned';
