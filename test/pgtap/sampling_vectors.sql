-- pgTAP: categorical, multivariate and temporal sampling against theory,
-- 100,000 draws each with fixed seeds; tolerances are 4 standard errors,
-- goodness of fit at alpha = 0.001.
BEGIN;
SELECT plan(26);

-- ---- synth_choice: chi-square against the weights (NULL element included)
-- 4 cells, 3 df: critical value 16.266; 10 cells, 9 df: 27.877
SELECT cmp_ok(
    (SELECT sum((o - e) ^ 2 / e)
     FROM (SELECT count(*)::float8 AS o, 100000 * w / 10.0 AS e
           FROM synth_choice(100000, '{a,b,NULL,d}'::text[], '{1,2,3,4}', seed => 301) x
           JOIN (VALUES ('a', 1), ('b', 2), (NULL, 3), ('d', 4)) v(k, w) ON x IS NOT DISTINCT FROM v.k
           GROUP BY w) s),
    '<', 16.266::float8, 'synth_choice with weights: chi-square below the alpha = 0.001 critical value');
SELECT cmp_ok(
    (SELECT sum((count - 10000.0) ^ 2 / 10000.0)
     FROM (SELECT count(*) FROM synth_choice(100000, ARRAY[0,1,2,3,4,5,6,7,8,9], seed => 302) x GROUP BY x) s),
    '<', 27.877::numeric, 'synth_choice without weights: chi-square below the alpha = 0.001 critical value');
SELECT is((SELECT count(*) FROM synth_choice(100000, '{1,2,3}'::int[], '{1,0,1}', seed => 303) x WHERE x = 2),
          0::bigint, 'synth_choice never draws a zero-weight value');
SELECT cmp_ok(   -- one dominant weight among many tiny ones: the alias table stays exact
    (SELECT abs(count(*) FILTER (WHERE x = 0) / 100000.0 - 0.5) / sqrt(0.25 / 100000)
     FROM synth_choice(100000, (SELECT array_agg(g) FROM generate_series(0, 999) g),
                       (SELECT array_agg(CASE WHEN g = 0 THEN 999.0 ELSE 1.0 END) FROM generate_series(0, 999) g),
                       seed => 304) x),
    '<', 4::numeric, 'synth_choice: a weight of one half gives half the draws (within 4 SE)');

-- ---- synth_mvnormal: mean vector and covariance matrix
-- cov = {{4,1,0.5},{1,2,-0.6},{0.5,-0.6,1}}; SE of a mean sqrt(s_ii / n),
-- SE of a sample covariance sqrt((s_ii s_jj + s_ij^2) / n) (normal data)
CREATE TEMP TABLE mvn AS
SELECT x FROM synth_mvnormal(100000, '{1,-2,3}', '{{4,1,0.5},{1,2,-0.6},{0.5,-0.6,1}}', seed => 305) x;
CREATE TEMP TABLE sigma (i int, j int, s float8);
INSERT INTO sigma VALUES (1,1,4), (1,2,1), (1,3,0.5), (2,2,2), (2,3,-0.6), (3,3,1);

SELECT ok(abs(m - mu) < 4 * sqrt(s / 100000), format('mvnormal: mean of coordinate %s is %s (theory %s)', i, round(m::numeric, 4), mu))
FROM (SELECT i, mu, (SELECT avg(x[i]) FROM mvn) AS m FROM (VALUES (1, 1), (2, -2), (3, 3)) v(i, mu)) a
JOIN sigma USING (i) WHERE sigma.j = a.i ORDER BY i;

SELECT ok(abs(c - s) < 4 * sqrt((sii * sjj + s * s) / 100000),
          format('mvnormal: covariance [%s][%s] is %s (theory %s)', i, j, round(c::numeric, 4), s))
FROM (SELECT g.i, g.j, g.s, (SELECT covar_samp(x[g.i], x[g.j]) FROM mvn) AS c,
             (SELECT s FROM sigma WHERE i = g.i AND j = g.i) AS sii,
             (SELECT s FROM sigma WHERE i = g.j AND j = g.j) AS sjj
      FROM sigma g) t ORDER BY i, j;

SELECT ok(bool_and(x[1] = x[2] AND x[3] = 5),
          'mvnormal: a positive semi-definite covariance reproduces its degenerate directions')
FROM synth_mvnormal(1000, '{0,0,5}', '{{1,1,0},{1,1,0},{0,0,0}}', seed => 306) x;

-- ---- synth_dirichlet: component means alpha_i / alpha0,
-- variance alpha_i (alpha0 - alpha_i) / (alpha0^2 (alpha0 + 1))
SELECT ok(abs(m - a / 3.5) < 4 * sqrt(a * (3.5 - a) / (3.5 ^ 2 * 4.5) / 100000),
          format('dirichlet({0.5,1,2}): mean of component %s is %s (theory %s)', i, round(m::numeric, 4), round(a / 3.5, 4)))
FROM (SELECT i, a, (SELECT avg(x[i]) FROM synth_dirichlet(100000, '{0.5,1,2}', seed => 307) x) AS m
      FROM (VALUES (1, 0.5), (2, 1.0), (3, 2.0)) v(i, a)) s ORDER BY i;
SELECT ok(bool_and(abs(x[1] + x[2] + x[3] - 1) < 1e-12 AND x[1] >= 0 AND x[2] >= 0 AND x[3] >= 0),
          'dirichlet: every row is a probability vector')
FROM synth_dirichlet(10000, '{0.01,1,5}', seed => 308) x;

-- ---- synth_multinomial: row sums and cell means trials * p_i (var trials p (1 - p))
SELECT ok(bool_and(x[1] + x[2] + x[3] + x[4] = 25), 'multinomial: every row sums to the number of trials')
FROM synth_multinomial(100000, 25, '{1,2,3,4}', seed => 309) x;
SELECT ok(abs(m - 25 * p) < 4 * sqrt(25 * p * (1 - p) / 100000),
          format('multinomial(25, {1,2,3,4}): mean of cell %s is %s (theory %s)', i, round(m::numeric, 4), 25 * p))
FROM (SELECT i, p, (SELECT avg(x[i]) FROM synth_multinomial(100000, 25, '{1,2,3,4}', seed => 309) x) AS m
      FROM (VALUES (1, 0.1), (2, 0.2), (3, 0.3), (4, 0.4)) v(i, p)) s ORDER BY i;

-- ---- temporal
-- 366 days of 2020, 365 df: the 0.999 quantile of chi-square(365) is 460.0
-- (Wilson-Hilferty: 365 (1 - 2/3285 + 3.0902 sqrt(2/3285))^3)
SELECT cmp_ok(
    (SELECT sum((count - 100000 / 366.0) ^ 2 / (100000 / 366.0))
     FROM (SELECT count(*) FROM synth_date(100000, '2020-01-01', '2020-12-31', seed => 310) x GROUP BY x) s),
    '<', (365 * (1 - 2 / 3285.0 + 3.090232 * sqrt(2 / 3285.0)) ^ 3)::numeric,
    'synth_date: chi-square over the days below the alpha = 0.001 critical value');
SELECT is((SELECT count(DISTINCT x) FROM synth_date(100000, '2020-01-01', '2020-12-31', seed => 310) x),
          366::bigint, 'synth_date: every day, both bounds included, occurs');
SELECT cmp_ok(
    (SELECT max(greatest(i::float8 / 100000 - f, f - (i - 1)::float8 / 100000))
     FROM (SELECT synth_cdf('uniform', extract(epoch FROM x)::float8,
                            ARRAY[extract(epoch FROM '2020-01-01 00:00+00'::timestamptz),
                                  extract(epoch FROM '2021-01-01 00:00+00'::timestamptz)]::float8[]) AS f,
                  row_number() OVER (ORDER BY x) AS i
           FROM synth_timestamp(100000, '2020-01-01 00:00+00', '2021-01-01 00:00+00', seed => 311) x) s),
    '<', 1.949 / sqrt(100000), 'synth_timestamp: KS statistic below the alpha = 0.001 critical value');

SELECT * FROM finish();
ROLLBACK;
