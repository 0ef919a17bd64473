-- fitted cloning: synth_fit, synth_sample, synth_clone, synth_clone_table
SET extra_float_digits = 0;

-- the engine's math
SELECT round(synth_bvn_cdf(0, 0, 0.5)::numeric, 12) = round((0.25 + asin(0.5) / (2 * pi()))::numeric, 12) AS bvn_closed_form;
SELECT round(synth_bvn_cdf(0.3, -0.2, 0.95)::numeric, 9) AS bvn_high_r,
       round(synth_bvn_cdf(0.3, -0.2, -0.95)::numeric, 9) AS bvn_low_r,
       round(synth_bvn_cdf(-1.5, 0.7, 0.93)::numeric, 9) AS bvn_mid;
-- a table cut from a bivariate normal with rho = 0.6 at 0 x (-0.5, 0.5)
SELECT round(synth_polychoric(ARRAY[[round(10000 * synth_bvn_cdf(0, -0.5, 0.6))::bigint,
                                     round(10000 * (synth_bvn_cdf(0, 0.5, 0.6) - synth_bvn_cdf(0, -0.5, 0.6)))::bigint,
                                     round(10000 * (0.5 - synth_bvn_cdf(0, 0.5, 0.6)))::bigint],
                                    [round(10000 * (synth_bvn_cdf(9, -0.5, 0.6) - synth_bvn_cdf(0, -0.5, 0.6)))::bigint,
                                     round(10000 * (synth_bvn_cdf(9, 0.5, 0.6) - synth_bvn_cdf(9, -0.5, 0.6) - synth_bvn_cdf(0, 0.5, 0.6) + synth_bvn_cdf(0, -0.5, 0.6)))::bigint,
                                     round(10000 * (0.5 - synth_bvn_cdf(9, 0.5, 0.6) + synth_bvn_cdf(0, 0.5, 0.6)))::bigint]])::numeric, 2) AS polychoric;
-- Higham's example: the nearest correlation matrix to [[1,1,0],[1,1,1],[0,1,1]]
SELECT array(SELECT round(x::numeric, 4) FROM unnest(synth_nearest_correlation('{{1,1,0},{1,1,1},{0,1,1}}')) x) AS nearest;
SELECT synth_polychoric('{1,2}');
SELECT synth_nearest_correlation('{{1,2},{3,1}}');
