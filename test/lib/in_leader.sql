-- test/lib/in_leader.sql: probes that tell where a CHECK constraint is
-- evaluated, for the tests of parallel draws.  in_leader(x) is true in the
-- backend that ran this file (the caller's own process) and an error
-- anywhere else (a parallel worker); in_leader_unsafe(x) does the same and
-- is marked PARALLEL UNSAFE, which keeps a draw in the caller's process.
-- Run inside the test's transaction: the setting is local to it.
SELECT set_config('synthdata_test.leader_pid', pg_backend_pid()::text, true);
CREATE FUNCTION in_leader(x integer) RETURNS boolean LANGUAGE plpgsql PARALLEL SAFE AS $$
BEGIN
    IF pg_backend_pid() <> current_setting('synthdata_test.leader_pid')::integer THEN
        RAISE EXCEPTION 'evaluated in a parallel worker' USING ERRCODE = 'P0001';
    END IF;
    RETURN x IS NOT NULL OR x IS NULL;
END $$;
CREATE FUNCTION in_leader_unsafe(x integer) RETURNS boolean LANGUAGE plpgsql PARALLEL UNSAFE AS $$
BEGIN
    IF pg_backend_pid() <> current_setting('synthdata_test.leader_pid')::integer THEN
        RAISE EXCEPTION 'evaluated in a parallel worker' USING ERRCODE = 'P0001';
    END IF;
    RETURN true;
END $$;
