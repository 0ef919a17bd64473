-- test/bench/realism.sql: synth_fill of a pagila-film-shaped table (title,
-- nullable description, a year domain, DEFAULTs on a smallint, a
-- numeric(4,2) and an enum, a foreign key, a discount, an active flag)
-- against a plain INSERT ... SELECT of constants into the same table in the
-- same session.  Exercises the rule-less realism defaults: varied
-- DEFAULTs, default NULLs, skewed fan-out, years, typmod-scaled amounts.
--   psql -v n=200000 -f test/bench/realism.sql
\set ON_ERROR_STOP 1
\if :{?n}
\else
\set n 200000
\endif
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_film, bench_language;
DROP TYPE IF EXISTS bench_rating;
DROP DOMAIN IF EXISTS bench_year;
CREATE DOMAIN bench_year AS integer CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE TYPE bench_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE TABLE bench_language (language_id int PRIMARY KEY, name character(20) NOT NULL);
INSERT INTO bench_language SELECT g, 'lang ' || g FROM generate_series(1, 100) g;
CREATE TABLE bench_film (
    film_id          bigint PRIMARY KEY,
    title            text NOT NULL,
    description      text,
    release_year     bench_year,
    language_id      int NOT NULL REFERENCES bench_language,
    rental_duration  smallint DEFAULT 3 NOT NULL,
    rental_rate      numeric(4,2) DEFAULT 4.99 NOT NULL,
    unit_price       numeric(4,2) NOT NULL,
    discount         numeric(4,2) NOT NULL,
    active           smallint NOT NULL,
    rating           bench_rating DEFAULT 'G',
    notes            text
);
SET synthdata.progress = off;
CHECKPOINT;

\echo baseline: INSERT ... SELECT constants FROM generate_series
SELECT clock_timestamp() AS t0 \gset
INSERT INTO bench_film
SELECT g, 'The Quiet Harbor', 'A short description of the film.', 2010, 1 + g % 100, 3, 4.99,
       9.99, 0.1, 1, 'G', 'A note.'
FROM generate_series(1, :n) g;
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS base \gset
TRUNCATE bench_film;
CHECKPOINT;

\echo synth_fill
SELECT clock_timestamp() AS t0 \gset
SELECT synth_fill('bench_film', :n, seed => 1);
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS synth \gset

SELECT :n AS rows, round(:base::numeric, 2) AS insert_select_s,
       round(:synth::numeric, 2) AS synth_fill_s,
       round(:synth::numeric / :base::numeric, 2) AS ratio;
DROP TABLE bench_film, bench_language;
DROP TYPE bench_rating;
DROP DOMAIN bench_year;
