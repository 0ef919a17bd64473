-- synth_clone_schema: anonymized copies of whole schemas (src/clone_schema.c)

CREATE FUNCTION synth_clone_schema(source text, target_schema text,
    scale float8 DEFAULT 1.0, options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS TABLE (table_name regclass, source_table regclass, "rows" bigint)
AS 'MODULE_PATHNAME', 'synth_clone_schema'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION synth_clone_schema(text, text, float8, jsonb, bigint) IS
'creates target_schema with an anonymized copy of every table of schema source: same definitions, fresh keys, foreign keys between the copies, children per parent and cross-table links kept; all or nothing';

CREATE FUNCTION synth_clone_schema(source regclass[], target_schema text,
    scale float8 DEFAULT 1.0, options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS TABLE (table_name regclass, source_table regclass, "rows" bigint)
AS 'MODULE_PATHNAME', 'synth_clone_schema_tables'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION synth_clone_schema(regclass[], text, float8, jsonb, bigint) IS
'like synth_clone_schema(text, ...) for the given tables and every table they reference (each added one named in a NOTICE)';

CREATE FUNCTION synth_schema_links(source text)
RETURNS TABLE (child regclass, parent regclass, kind text, link text)
AS 'MODULE_PATHNAME', 'synth_schema_links'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION synth_schema_links(text) IS
'the links between parents'' and children''s columns that hold in every row of schema source (sums, counts, copies, times after the parent''s), which synth_clone_schema keeps';
