-- rule-constrained rows: concurrent synth_fill calls on one table
--
-- synth_fill takes a SHARE ROW EXCLUSIVE lock on its table for the rest of
-- the transaction, so a second fill waits for the first to commit and then
-- sees (and avoids) its unique values.  Two sessions through dblink.
SET synthdata.progress = off;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;
RESET client_min_messages;
CREATE TABLE shared_codes (id int PRIMARY KEY, code varchar(10) NOT NULL UNIQUE);

SELECT 'dbname=' || current_database() || ' host=127.0.0.1 port=' || current_setting('port')
       || ' user=' || current_user AS conninfo \gset
SELECT dblink_connect('a', :'conninfo'), dblink_connect('b', :'conninfo');

-- session a fills inside an open transaction and keeps its lock
SELECT dblink_exec('a', 'BEGIN');
SELECT * FROM dblink('a', 'SELECT synth_fill(''shared_codes'', 500, seed => 1)') AS t(n bigint);
-- session b starts the same fill (same seed: the same candidate values) and must wait
SELECT dblink_send_query('b', 'SELECT synth_fill(''shared_codes'', 500, seed => 1)');
DO $$
BEGIN
    FOR i IN 1..400 LOOP
        EXIT WHEN EXISTS (SELECT 1 FROM pg_locks
                          WHERE relation = 'shared_codes'::regclass AND NOT granted);
        PERFORM pg_sleep(0.05);
    END LOOP;
END $$;
SELECT dblink_is_busy('b') AS b_waits,
       (SELECT count(*) FROM pg_locks
        WHERE relation = 'shared_codes'::regclass AND mode = 'ShareRowExclusiveLock' AND NOT granted) AS waiting_locks;
SELECT dblink_exec('a', 'COMMIT');
SELECT * FROM dblink_get_result('b') AS t(n bigint);
SELECT dblink_disconnect('a'), dblink_disconnect('b');

SELECT count(*) AS rows, count(DISTINCT id) AS ids, count(DISTINCT code) AS codes FROM shared_codes;
DROP TABLE shared_codes;

-- a fill of a partitioned table locks its partitions too (as LOCK TABLE
-- does): a writer that goes to a partition directly waits as well
CREATE TABLE part_codes (id int, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE part_codes_1 PARTITION OF part_codes FOR VALUES FROM ('2000-01-01') TO ('2030-01-01');
CREATE TABLE part_codes_2 PARTITION OF part_codes FOR VALUES FROM ('2030-01-01') TO ('2100-01-01');
SELECT dblink_connect('a', :'conninfo');
SELECT dblink_exec('a', 'BEGIN');
SELECT * FROM dblink('a', 'SELECT synth_fill(''part_codes'', 10, seed => 1)') AS t(n bigint);
SELECT c.relname, l.mode
FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
WHERE l.pid = (SELECT pid FROM dblink('a', 'SELECT pg_backend_pid()') AS t(pid int))
  AND c.relname LIKE 'part_codes%' AND l.mode = 'ShareRowExclusiveLock'
ORDER BY 1;
SELECT dblink_exec('a', 'COMMIT');
-- synth_impute_update locks the same way
SELECT dblink_exec('a', 'BEGIN');
SELECT * FROM dblink('a', 'SELECT synth_impute_update(''part_codes'', method => ''mean'', seed => 1) >= 0') AS t(ok bool);
SELECT c.relname, l.mode
FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
WHERE l.pid = (SELECT pid FROM dblink('a', 'SELECT pg_backend_pid()') AS t(pid int))
  AND c.relname LIKE 'part_codes%' AND l.mode = 'ShareRowExclusiveLock'
ORDER BY 1;
SELECT dblink_exec('a', 'COMMIT');
SELECT dblink_disconnect('a');
DROP TABLE part_codes;
