-- Multivariate sampling: mvnormal, dirichlet, multinomial; errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;

SELECT round(avg(x[1])::numeric, 1) AS m1, round(avg(x[2])::numeric, 1) AS m2,
       round(var_samp(x[1])::numeric, 1) AS v1, round(var_samp(x[2])::numeric, 1) AS v2,
       round(covar_samp(x[1], x[2])::numeric, 1) AS c12
FROM synth_mvnormal(50000, '{1, 2}', '{{4, 1}, {1, 2}}', seed => 9) x;
-- a singular (positive semi-definite) covariance: the second coordinate copies the first
SELECT bool_and(x[1] = x[2]) AS copies, bool_and(x[3] = 5) AS constant, count(*)
FROM synth_mvnormal(1000, '{0, 0, 5}', '{{1, 1, 0}, {1, 1, 0}, {0, 0, 0}}', seed => 9) x;
SELECT array_length(x, 1) FROM synth_mvnormal(1, '{0}', '{{1}}', seed => 9) x;
SELECT round(avg(x[1])::numeric, 2), round(avg(x[2])::numeric, 2), round(avg(x[3])::numeric, 2),
       bool_and(abs(x[1] + x[2] + x[3] - 1) < 1e-12) AS sums_to_one
FROM synth_dirichlet(20000, '{1, 2, 3}', seed => 9) x;
SELECT bool_and(x[1] >= 0 AND x[2] >= 0 AND abs(x[1] + x[2] - 1) < 1e-12) AS tiny_alpha_ok
FROM synth_dirichlet(1000, '{0.001, 0.001}', seed => 9) x;
SELECT round(avg(x[1])::numeric, 1), round(avg(x[2])::numeric, 1), max(x[3]),
       bool_and(x[1] + x[2] + x[3] = 10) AS sums_to_trials
FROM synth_multinomial(20000, 10, '{1, 3, 0}', seed => 9) x;
SELECT DISTINCT x FROM synth_multinomial(3, 0, '{1, 1}', seed => 9) x;
-- scalar twins
SELECT synth_setseed(4);
SELECT synth_random_mvnormal('{0, 0}', '{{1, 0.5}, {0.5, 1}}') = synth_random_mvnormal('{0, 0}', '{{1, 0.5}, {0.5, 1}}') AS differ_by_call;
SELECT synth_setseed(4);
SELECT round(x::numeric, 6) FROM unnest(synth_random_mvnormal('{0, 0}', '{{1, 0.5}, {0.5, 1}}')) x;
SELECT synth_setseed(4);
SELECT round(x::numeric, 6) FROM unnest(synth_random_mvnormal('{0, 0}', '{{1, 0.5}, {0.5, 1}}')) x;
SELECT array_length(synth_random_dirichlet('{1, 1, 1}'), 1), synth_random_multinomial(0, '{1, 2}');

-- errors
SELECT * FROM synth_mvnormal(10, '{0, 0}', '{{1, 2}, {0, 1}}');
SELECT * FROM synth_mvnormal(10, '{0, 0}', '{{1, 2}, {2, 1}}');
SELECT * FROM synth_mvnormal(10, '{0, 0}', '{{-1, 0}, {0, 1}}');
SELECT * FROM synth_mvnormal(10, '{0, 0}', '{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}');
SELECT * FROM synth_mvnormal(10, '{0, 0}', '{1, 0, 0, 1}');
SELECT * FROM synth_mvnormal(10, '{}', '{{1}}');
SELECT * FROM synth_mvnormal(10, '{0, NULL}', '{{1, 0}, {0, 1}}');
SELECT * FROM synth_mvnormal(10, '{0, 0}', '{{1, NaN}, {NaN, 1}}');
SELECT * FROM synth_mvnormal(10, '{0, 0}', NULL);
SELECT * FROM synth_dirichlet(10, '{1, 0}');
SELECT * FROM synth_dirichlet(10, '{}');
SELECT * FROM synth_dirichlet(10, '{1, Infinity}');
SELECT * FROM synth_multinomial(10, -1, '{1}');
SELECT * FROM synth_multinomial(10, 5, '{0, 0}');
SELECT * FROM synth_multinomial(10, 5, '{1, -1}');
SELECT * FROM synth_multinomial(10, NULL, '{1}');
SELECT synth_random_dirichlet('{-1}');
