
/* ---- src/labels.sql: rules stored with the schema (security labels) -------
 *
 * SECURITY LABEL FOR synthdata ON COLUMN t.c IS '...' stores a column's
 * role, kind and fill rule; synth_fit, synth_clone*, synth_columns,
 * synth_fill and synth_rows read them.  synth_labels lists them: it reads
 * the catalog only (STABLE, PARALLEL SAFE); not STRICT, as NULL arguments
 * mean "every table" and "every schema".
 */

CREATE FUNCTION synth_labels(source regclass DEFAULT NULL, schema name DEFAULT NULL,
                             OUT "table" regclass, OUT "column" name, OUT label text,
                             OUT role text, OUT kind text, OUT rule jsonb,
                             OUT options jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'synth_labels'
LANGUAGE C STABLE PARALLEL SAFE
ROWS 20;
COMMENT ON FUNCTION synth_labels(regclass, name) IS
'the synthdata security labels in effect, of one table, of the tables of a schema, or of every table: per labelled column its label, the role and kind the fit takes from it and the rule synth_fill takes from it (the label''s rule, else a fake of its kind); a table''s label (column NULL) gives fit options';
