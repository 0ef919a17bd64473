-- fitted cloning: concurrent synth_clone_table calls making the same table
--
-- Session b creates the same target while session a's transaction, which
-- created it, is still open: b waits for a and, once a commits, fails as
-- CREATE TABLE fails on an existing name (42P07), not with a unique
-- violation in the catalog.  Two sessions through dblink.
SET synthdata.progress = off;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;
RESET client_min_messages;
CREATE TABLE cc_src (id int PRIMARY KEY, x float8, k text);
INSERT INTO cc_src SELECT g, sqrt(g), 'k' || (g % 7) FROM generate_series(1, 200) g;

SELECT 'dbname=' || current_database() || ' host=127.0.0.1 port=' || current_setting('port')
       || ' user=' || current_user AS conninfo \gset
SELECT dblink_connect('a', :'conninfo'), dblink_connect('b', :'conninfo');
SELECT set_config('cc.b_pid', pid::text, false) IS NOT NULL AS b_known
FROM dblink('b', 'SELECT pg_backend_pid()') AS t(pid int);

-- session a makes the table inside an open transaction
SELECT dblink_exec('a', 'BEGIN');
SELECT * FROM dblink('a', 'SELECT synth_clone_table(''cc_src'', ''cc_copy'', 50, seed => 1)') AS t(n bigint);
-- session b makes the same table and must wait for a
SELECT dblink_send_query('b', 'SELECT synth_clone_table(''cc_src'', ''cc_copy'', 50, seed => 2)');
DO $$
BEGIN
    FOR i IN 1..400 LOOP
        EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity
                          WHERE pid = current_setting('cc.b_pid')::int AND wait_event_type = 'Lock');
        PERFORM pg_sleep(0.05);
    END LOOP;
END $$;
SELECT dblink_is_busy('b') AS b_waits,
       (SELECT wait_event_type FROM pg_stat_activity WHERE pid = current_setting('cc.b_pid')::int) AS b_wait_event;
SELECT dblink_exec('a', 'COMMIT');
-- b fails as CREATE TABLE does on a name that exists
DO $$
BEGIN
    PERFORM * FROM dblink_get_result('b') AS t(n bigint);
    RAISE NOTICE 'session b succeeded';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'session b: % %', SQLSTATE, SQLERRM;
END $$;
SELECT * FROM dblink_get_result('b') AS t(n bigint);

-- when a rolls back instead, b makes the table
SELECT dblink_exec('a', 'BEGIN');
SELECT * FROM dblink('a', 'SELECT synth_clone_table(''cc_src'', ''cc_copy2'', 50, seed => 1)') AS t(n bigint);
SELECT dblink_send_query('b', 'SELECT synth_clone_table(''cc_src'', ''cc_copy2'', 40, seed => 2)');
DO $$
BEGIN
    FOR i IN 1..400 LOOP
        EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity
                          WHERE pid = current_setting('cc.b_pid')::int AND wait_event_type = 'Lock');
        PERFORM pg_sleep(0.05);
    END LOOP;
END $$;
SELECT dblink_is_busy('b') AS b_waits;
SELECT dblink_exec('a', 'ROLLBACK');
SELECT * FROM dblink_get_result('b') AS t(n bigint);
SELECT * FROM dblink_get_result('b') AS t(n bigint);
SELECT count(*) AS rows FROM cc_copy2;
SELECT dblink_disconnect('a'), dblink_disconnect('b');

-- a's table, complete
SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM cc_copy;
SELECT indexrelid::regclass AS index FROM pg_index WHERE indrelid = 'cc_copy'::regclass;
-- and the same call now fails the same way, in one session
SELECT synth_clone_table('cc_src', 'cc_copy', 50, seed => 2);
DROP TABLE cc_copy, cc_copy2, cc_src;
