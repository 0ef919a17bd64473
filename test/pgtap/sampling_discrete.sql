-- pgTAP: discrete families against theory.
--
-- For every family, 100,000 draws with a fixed seed:
--  * the sample mean within 4 standard errors of theory, SE = sqrt(var / n);
--  * the sample variance within 4 standard errors, SE = sqrt((mu4 - var^2) / n)
--    with mu4 = (excess kurtosis + 3) var^2 from the closed forms (for the
--    Zipf law the moments are summed directly; for the hypergeometric mu4
--    is summed over its probability mass function);
--  * Pearson's chi-square over the cells whose expected count is at least 5,
--    the tails below and above them pooled into the end cells, below the
--    alpha = 0.001 critical value of chi-square with (cells - 1) degrees of
--    freedom (published table up to 30 df, exact quantile above).
-- Both algorithms of the binomial (inversion, BTRS) and the Poisson
-- (inversion, PTRS) are covered.
BEGIN;
SELECT plan(47);

CREATE TEMP TABLE disc (
    label text, family text, params float8[],
    call text,              -- SRF call producing integer x
    hi int,                 -- the probability mass function is scanned on 0..hi
    mu float8, var float8, mu4 float8
);

-- alpha = 0.001 critical values of chi-square: the published table up to
-- 30 degrees of freedom, above that the 0.999 quantile by bisection on the
-- chi-square CDF (which the table checks below).
CREATE FUNCTION pg_temp.chisq_crit(df int) RETURNS float8
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    lo float8 := df;
    hi float8 := df + 20 * sqrt(2.0 * df) + 50;
    mid float8;
BEGIN
    IF df <= 30 THEN
        RETURN (ARRAY[10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877, 29.588,
                      31.264, 32.909, 34.528, 36.123, 37.697, 39.252, 40.790, 42.312, 43.820, 45.315,
                      46.797, 48.268, 49.728, 51.179, 52.620, 54.052, 55.476, 56.892, 58.301, 59.703])[df];
    END IF;
    FOR i IN 1..100 LOOP
        mid := (lo + hi) / 2;
        IF synth_cdf('chisq', mid, ARRAY[df::float8]) < 0.999 THEN lo := mid; ELSE hi := mid; END IF;
    END LOOP;
    RETURN (lo + hi) / 2;
END $$;

-- binomial, Poisson etc.: mu4 = (excess kurtosis + 3) var^2
INSERT INTO disc VALUES
 ('int(1, 6)', 'int', '{1,6}', 'synth_int(100000, 1, 6, seed => 201)', 6,
  3.5, 35.0 / 12, (3 - 6.0 * 37 / (5 * 35)) * (35.0 / 12) ^ 2),
 ('bernoulli(0.3)', 'bernoulli', '{0.3}', 'SELECT x::int FROM synth_bernoulli(100000, 0.3, seed => 202) x', 1,
  0.3, 0.21, ((1 - 6 * 0.21) / 0.21 + 3) * 0.21 ^ 2),
 ('binomial(20, 0.3) (inversion)', 'binomial', '{20,0.3}', 'synth_binomial(100000, 20, 0.3, seed => 203)', 20,
  6, 4.2, ((1 - 6 * 0.21) / 4.2 + 3) * 4.2 ^ 2),
 ('binomial(500, 0.6) (BTRS)', 'binomial', '{500,0.6}', 'synth_binomial(100000, 500, 0.6, seed => 204)', 500,
  300, 120, ((1 - 6 * 0.24) / 120 + 3) * 120 ^ 2),
 ('poisson(3.5) (inversion)', 'poisson', '{3.5}', 'synth_poisson(100000, 3.5, seed => 205)', 40,
  3.5, 3.5, (1 / 3.5 + 3) * 3.5 ^ 2),
 ('poisson(40) (PTRS)', 'poisson', '{40}', 'synth_poisson(100000, 40, seed => 206)', 120,
  40, 40, (1 / 40.0 + 3) * 40 ^ 2),
 ('geometric(0.2)', 'geometric', '{0.2}', 'synth_geometric(100000, 0.2, seed => 207)', 150,
  4, 20, (6 + 0.04 / 0.8 + 3) * 400),
 ('negbinomial(3, 0.4)', 'negbinomial', '{3,0.4}', 'synth_negbinomial(100000, 3, 0.4, seed => 208)', 200,
  4.5, 11.25, (6.0 / 3 + 0.16 / (3 * 0.6) + 3) * 11.25 ^ 2);

-- hypergeometric(100, 30, 20): closed-form mean and variance, mu4 summed
INSERT INTO disc
SELECT 'hypergeometric(100, 30, 20)', 'hypergeometric', '{100,30,20}',
       'synth_hypergeometric(100000, 100, 30, 20, seed => 209)', 20,
       6, 20 * 0.3 * 0.7 * 80 / 99.0,
       (SELECT sum((k - 6) ^ 4 * synth_pmf('hypergeometric', k, '{100,30,20}')) FROM generate_series(0, 20) k);

-- bounded Zipf: moments summed over its support
INSERT INTO disc
SELECT format('zipf(%s, %s)', size, s), 'zipf', ARRAY[size, s],
       format('synth_zipf(100000, %s, %s, seed => %s)', size, s, seed), size,
       m, m2 - m * m, m4 - 4 * m * m3 + 6 * m * m * m2 - 3 * m ^ 4
FROM (SELECT size, s, seed,
             sum(k ^ (1 - s)) / sum(k ^ -s) AS m, sum(k ^ (2 - s)) / sum(k ^ -s) AS m2,
             sum(k ^ (3 - s)) / sum(k ^ -s) AS m3, sum(k ^ (4 - s)) / sum(k ^ -s) AS m4
      FROM (VALUES (10, 1.0, 210), (50, 2.0, 211), (1000, 0.7, 212)) p(size, s, seed),
           LATERAL generate_series(1, size) k
      GROUP BY size, s, seed) z;

CREATE FUNCTION pg_temp.stats(call text, family text, params float8[], hi int,
                              OUT n bigint, OUT m float8, OUT v float8,
                              OUT chi2 float8, OUT df int)
LANGUAGE plpgsql AS $$
DECLARE
    q text := CASE WHEN call LIKE 'SELECT%' THEN call ELSE 'SELECT x FROM ' || call || ' x' END;
    lo_cell int;
    hi_cell int;
BEGIN
    EXECUTE format('CREATE TEMP TABLE draws ON COMMIT DROP AS %s', q);
    SELECT count(*), avg(x), var_samp(x) INTO n, m, v FROM draws d(x);
    -- cells with expected count >= 5
    SELECT min(k), max(k) INTO lo_cell, hi_cell
    FROM generate_series(0, hi) k WHERE n * synth_pmf(family, k, params) >= 5;
    WITH expected AS (
        SELECT greatest(least(k, hi_cell), lo_cell) AS cell, sum(n * synth_pmf(family, k, params)) AS e
        FROM generate_series(0, hi) k GROUP BY 1),
    fixed AS (   -- the top cell also takes all mass beyond hi
        SELECT cell, CASE WHEN cell = hi_cell THEN n - sum(e) OVER () + e ELSE e END AS e FROM expected),
    observed AS (
        SELECT greatest(least(x, hi_cell), lo_cell) AS cell, count(*) AS o FROM draws d(x) GROUP BY 1)
    SELECT sum((coalesce(o, 0) - e) ^ 2 / e), count(*) - 1 INTO chi2, df
    FROM fixed LEFT JOIN observed USING (cell);
    DROP TABLE draws;
END $$;

CREATE TEMP TABLE res AS
SELECT d.*, s.* FROM disc d, LATERAL pg_temp.stats(d.call, d.family, d.params, d.hi) s;

SELECT is(count(DISTINCT family), 8::bigint, 'every discrete family is covered') FROM res;

SELECT ok(abs(m - mu) < 4 * sqrt(var / n),
          format('%s: mean %s within 4 SE of %s', label, round(m::numeric, 4), round(mu::numeric, 4)))
FROM res ORDER BY label;

SELECT ok(abs(v - var) < 4 * sqrt((mu4 - var * var) / n),
          format('%s: variance %s within 4 SE of %s', label, round(v::numeric, 4), round(var::numeric, 4)))
FROM res ORDER BY label;

SELECT ok(df >= 1 AND chi2 < pg_temp.chisq_crit(df),
          format('%s: chi-square %s on %s df below the alpha = 0.001 critical value %s',
                 label, round(chi2::numeric, 2), df, round(pg_temp.chisq_crit(df)::numeric, 2)))
FROM res ORDER BY label;

-- the critical values against the chi-square CDF
SELECT ok(abs(synth_cdf('chisq', pg_temp.chisq_crit(df), ARRAY[df]) - 0.999) < 2e-5,
          format('chi-square critical value for %s df is its 0.999 quantile', df))
FROM (VALUES (1), (2), (10), (30)) v(df);

-- pmf sums to one
SELECT ok(abs((SELECT sum(synth_pmf('negbinomial', k, '{3,0.4}')) FROM generate_series(0, 400) k) - 1) < 1e-12,
          'negbinomial pmf sums to 1');
-- huge counts: BTRS's acceptance test and the pmfs avoid lgamma cancellation
SELECT ok(abs(m - 3e14) < 4 * sqrt(2.1e14 / 100000) AND abs(v - 2.1e14) < 4 * sqrt(2 * 2.1e14 ^ 2 / 100000),
          format('binomial(1e15, 0.3): mean %s and variance %s within 4 SE of 3e14 and 2.1e14', m, round(v)))
FROM (SELECT avg(x) AS m, var_samp(x) AS v FROM synth_binomial(100000, 1000000000000000, 0.3, seed => 213) x) s;
SELECT ok(abs(m - 1e13) < 4 * sqrt(1e13 / 100000) AND abs(v - 1e13) < 4 * sqrt(2 * 1e13 ^ 2 / 100000),
          format('poisson(1e13) (PTRS): mean %s and variance %s within 4 SE of 1e13', m, round(v)))
FROM (SELECT avg(x) AS m, var_samp(x) AS v FROM synth_poisson(100000, 1e13, seed => 214) x) s;
SELECT ok(abs(synth_pmf('binomial', 3e14, '{1e15,0.3}') * sqrt(2 * pi() * 2.1e14) - 1) < 1e-9,
          'binomial(1e15, 0.3) pmf at the mode is 1 / sqrt(2 pi n p q)');
SELECT ok(abs(synth_pmf('poisson', 1e14, '{1e14}') * sqrt(2 * pi() * 1e14) - 1) < 1e-9,
          'poisson(1e14) pmf at the mean is 1 / sqrt(2 pi lambda)');
-- the Zipf normaliser for a huge support: H(n, 1) = ln n + gamma + 1/(2n) - ...
SELECT ok(abs(1 / synth_pmf('zipf', 1, '{2000000,1}') - (ln(2000000) + 0.5772156649015329 + 1 / 4000000.0)) < 1e-9,
          'zipf pmf normaliser for size 2e6 matches the harmonic-number expansion');

SELECT * FROM finish();
ROLLBACK;
