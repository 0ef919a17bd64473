/* ---- src/timeseries.sql: time series and event processes ----------------
 *
 * Labels.  Like the synth_<family>() samplers these are VOLATILE PARALLEL
 * RESTRICTED: with an explicit seed the rows are a pure function of the
 * arguments, but a NULL seed draws a fresh one and records it in this
 * backend (synth_last_seed()).  None is STRICT: a NULL seed or components
 * mean "the default", and a NULL n, start or step gets an error rather
 * than silently no rows.
 *
 * start and step come in four kinds, one overload each: timestamptz,
 * timestamp and date starts with an interval step (a date series needs a
 * step of whole days or months), and a bigint start with a bigint step
 * (a plain index).  t of step i is start + i * step.
 */

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
