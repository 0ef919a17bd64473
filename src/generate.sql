
/* ---- src/generate.sql: rule-constrained rows ---------------------------
 *
 * Labels.  All three are VOLATILE: with seed NULL each call draws a fresh
 * seed, foreign keys and unique keys depend on the rows already in the
 * tables, and synth_fill / synth_fill_schema write.  synth_rows is
 * PARALLEL RESTRICTED (a seedless call records its seed in this backend and
 * it reads the catalog and parent tables through SPI); the fills are
 * PARALLEL UNSAFE because they insert.  None is STRICT: NULL rules mean
 * "no rules" and a NULL seed "choose one", and NULL where a value is
 * required gets an error rather than silently nothing.
 */

CREATE FUNCTION synth_rows(t anyelement, n bigint, rules jsonb DEFAULT '{}',
                           seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_rows'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_rows(anyelement, bigint, jsonb, bigint, bigint) IS
'n generated rows typed like table t (pass NULL::t), honouring its types, NOT NULL, CHECK, UNIQUE and FOREIGN KEY constraints and the rules (column -> rule); nothing is inserted';

CREATE FUNCTION synth_fill(t regclass, n bigint, rules jsonb DEFAULT '{}',
                           seed bigint DEFAULT NULL)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_fill'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION synth_fill(regclass, bigint, jsonb, bigint) IS
'inserts n generated rows into table t through the executor (triggers, indexes, partitions, row-level security apply) and returns the count; all or nothing; concurrent fills of one table are serialized by a SHARE ROW EXCLUSIVE lock';

CREATE FUNCTION synth_fill_schema(counts jsonb, rules jsonb DEFAULT '{}',
                                  seed bigint DEFAULT NULL)
RETURNS TABLE (table_name regclass, rows bigint)
AS 'MODULE_PATHNAME', 'synth_fill_schema'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION synth_fill_schema(jsonb, jsonb, bigint) IS
'fills several tables (counts: table name -> rows) in foreign-key order, with per-table rules (table name -> column -> rule); returns the rows inserted per table';
