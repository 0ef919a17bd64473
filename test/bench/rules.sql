-- test/bench/rules.sql: synth_fill against a plain INSERT ... SELECT.
--
-- An 8-column table with a CHECK, a UNIQUE, a foreign key and fake names
-- and emails; both runs insert :n rows into the same (truncated) table in
-- the same session, so the ratio compares like with like.
--   psql -v n=1000000 -f test/bench/rules.sql
\set ON_ERROR_STOP 1
\if :{?n}
\else
\set n 1000000
\endif
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_people, bench_team;
CREATE TABLE bench_team (team_id int PRIMARY KEY, name text NOT NULL);
INSERT INTO bench_team SELECT g, 'team ' || g FROM generate_series(1, 1000) g;
CREATE TABLE bench_people (
    person_id  bigint PRIMARY KEY,
    first_name text NOT NULL,
    last_name  text NOT NULL,
    email      text NOT NULL UNIQUE,
    team_id    int NOT NULL REFERENCES bench_team,
    age        int NOT NULL CHECK (age BETWEEN 18 AND 99),
    score      numeric(6,2) NOT NULL CHECK (score >= 0),
    created_at timestamptz NOT NULL
);
SET synthdata.progress = off;
CHECKPOINT;

\echo baseline: INSERT ... SELECT constants FROM generate_series
SELECT clock_timestamp() AS t0 \gset
INSERT INTO bench_people
SELECT g, 'Mary', 'Smith', 'mary.smith' || g || '@example.com', 1 + g % 1000, 42, 12.50,
       timestamptz '2024-01-01'
FROM generate_series(1, :n) g;
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS base \gset
TRUNCATE bench_people;
CHECKPOINT;

\echo synth_fill
SELECT clock_timestamp() AS t0 \gset
SELECT synth_fill('bench_people', :n, seed => 1);
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS synth \gset

SELECT :n AS rows, round(:base::numeric, 2) AS insert_select_s,
       round(:synth::numeric, 2) AS synth_fill_s,
       round(:synth::numeric / :base::numeric, 2) AS ratio;
SELECT * FROM bench_people ORDER BY person_id LIMIT 3;
DROP TABLE bench_people, bench_team;
