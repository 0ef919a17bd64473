-- Children per parent with a long tail: the fit clips the counts at the
-- k-th largest (the largest parents' own counts are not the model's), and
-- the sampler gives the children the clipped counts miss to the parents of
-- the largest count, so the body of the distribution keeps its shape (as
-- pagila's cities per country: 42 of 109 countries hold one city).
BEGIN;
SELECT plan(4);
SET LOCAL client_min_messages = warning;

CREATE TABLE ft_country (country_id int PRIMARY KEY, name text NOT NULL);
INSERT INTO ft_country SELECT g, 'Country ' || g FROM generate_series(1, 110) g;
-- 45 countries of 1 city, 20 of 2, 15 of 3, 10 of 5, 10 of 8, and 10 of 20 to 65
CREATE TABLE ft_city (city_id int PRIMARY KEY, country_id int NOT NULL REFERENCES ft_country, name text NOT NULL);
INSERT INTO ft_city
SELECT row_number() OVER (), c, 'City ' || c || '-' || k
FROM (SELECT g AS c, CASE WHEN g <= 45 THEN 1 WHEN g <= 65 THEN 2 WHEN g <= 80 THEN 3 WHEN g <= 90 THEN 5
                          WHEN g <= 100 THEN 8 ELSE 20 + (g - 101) * 5 END AS n
      FROM generate_series(1, 110) g) s, generate_series(1, s.n) k;
ANALYZE ft_country, ft_city;

SELECT is(synth_clone_table('ft_city', 'ft_city_copy', seed => 3), (SELECT count(*) FROM ft_city),
  'the cities are cloned');
CREATE TEMP TABLE ft_counts AS
SELECT 'r' AS w, (SELECT count(*) FROM ft_city c WHERE c.country_id = p.country_id) AS n FROM ft_country p
UNION ALL
SELECT 's', (SELECT count(*) FROM ft_city_copy c WHERE c.country_id = p.country_id) FROM ft_country p;
SELECT cmp_ok((SELECT count(*) FROM ft_counts WHERE w = 's' AND n = 1), '>=', 41::bigint,
  'the countries of one city stay about 45 (scaling every count up left far fewer)');
SELECT cmp_ok((WITH k AS (SELECT DISTINCT n FROM ft_counts)
               SELECT max(abs((SELECT avg((c.n <= k.n)::int) FROM ft_counts c WHERE w = 'r')
                              - (SELECT avg((c.n <= k.n)::int) FROM ft_counts c WHERE w = 's'))) FROM k),
  '<=', 0.08::numeric, 'children per country: KS statistic against the source at most 0.08');
SELECT cmp_ok((SELECT max(n) FROM ft_counts WHERE w = 's'), '<', (SELECT max(n) FROM ft_counts WHERE w = 'r'),
  'the largest country''s own count is not reproduced');

SELECT * FROM finish();
ROLLBACK;
