-- Derived columns of fitted cloning (src/derived.c): a tsvector column is
-- not sampled but computed from the generated text the way the source
-- computes it: tsvector_update_trigger, a stored generated column, or a
-- trigger of the user's (then the current configuration over the text
-- columns).  synth_clone_table keeps the source's tsvector triggers.
BEGIN;
SELECT plan(37);
SET LOCAL client_min_messages = warning;

CREATE TEMP TABLE src_text AS
SELECT i, (ARRAY['Annual report','Quarterly review','Meeting minutes','Project plan'])[1 + i % 4] AS title,
       concat_ws(' ',
         (ARRAY['The team reviewed the budget.','Sales grew in the north region.','Costs were lower than planned.','Hiring is on track.'])[1 + (i * 3) % 4],
         (ARRAY['Next steps were agreed.','Risks remain in the supply chain.','The board approved the plan.','Further analysis is needed.','Customers asked for faster delivery.'])[1 + (i * 7) % 5],
         CASE WHEN i % 2 = 0 THEN (ARRAY['Follow-up in two weeks.','Action items were assigned.','Open questions were listed.'])[1 + i % 3] END,
         'Ref ' || (1000 + (i * 37) % 97) || '.') AS body
FROM generate_series(1, 600) i;

CREATE TABLE docs_trg (id int PRIMARY KEY, title text, body text, tsv tsvector);
CREATE TRIGGER docs_trg_tsv BEFORE INSERT OR UPDATE ON docs_trg
  FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(tsv, 'pg_catalog.english', title, body);
INSERT INTO docs_trg (id, title, body) SELECT i, title, body FROM src_text;

CREATE TABLE docs_gen (id int PRIMARY KEY, title text, body text,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED);
INSERT INTO docs_gen (id, title, body) SELECT i, title, body FROM src_text;

CREATE FUNCTION pg_temp.docs_own_tsv() RETURNS trigger LANGUAGE plpgsql AS
$$BEGIN NEW.tsv := to_tsvector('simple', coalesce(NEW.body, '')); RETURN NEW; END$$;
CREATE TABLE docs_own (id int PRIMARY KEY, body text, tsv tsvector);
CREATE TRIGGER docs_own_tsv BEFORE INSERT ON docs_own FOR EACH ROW EXECUTE FUNCTION pg_temp.docs_own_tsv();
INSERT INTO docs_own (id, body) SELECT i, body FROM src_text;

CREATE TEMP TABLE m AS
SELECT t, c FROM unnest(ARRAY['docs_trg', 'docs_gen', 'docs_own']) t,
     jsonb_array_elements(synth_fit(t::regclass)->'columns') c WHERE c->>'name' = 'tsv';

SELECT is((SELECT c->>'kind' FROM m WHERE t = 'docs_trg'), 'derived', 'a tsvector kept by a trigger is derived');
SELECT is((SELECT c->'derived' FROM m WHERE t = 'docs_trg'),
          '{"how": "trigger", "config": "pg_catalog.english", "columns": ["title", "body"]}'::jsonb,
          'tsvector_update_trigger: its configuration and columns');
SELECT is((SELECT c->'derived' FROM m WHERE t = 'docs_gen'),
          '{"how": "generated", "config": "english", "columns": ["title", "body"]}'::jsonb,
          'a generated column: the configuration and columns of its expression');
SELECT is((SELECT c->'derived'->>'how' FROM m WHERE t = 'docs_own'), 'trigger',
          'a trigger of the user''s: derived, by the current configuration');
SELECT ok((SELECT c->>'reason' LIKE '%current configuration%' FROM m WHERE t = 'docs_own'),
          'and its reason says so');

-- images in a bytea column: PNG, GIF and JPEG headers of known sizes (the
-- pixels are never read, so the rest of each value is filler)
CREATE TEMP TABLE pics (id int PRIMARY KEY, avatar bytea);
CREATE TEMP TABLE wrong_pics (id int, avatar text);
INSERT INTO pics
SELECT i, CASE i % 3
  WHEN 0 THEN '\x89504e470d0a1a0a0000000d49484452'::bytea || int4send(s) || int4send(CASE WHEN i % 4 = 0 THEN s * 3 / 4 ELSE s END) || '\x0802000000'::bytea
  WHEN 1 THEN 'GIF89a'::bytea || set_byte(set_byte('\x00000000'::bytea, 0, s), 2, CASE WHEN i % 4 = 0 THEN s * 3 / 4 ELSE s END)
  ELSE '\xffd8ffc00011080000000003'::bytea END || decode(md5(i::text), 'hex')
FROM generate_series(1, 600) i, LATERAL (SELECT (ARRAY[32, 48, 64, 96])[1 + i % 4] AS s) z;
-- the JPEGs: a start-of-frame with height and width
UPDATE pics SET avatar = overlay(avatar PLACING int2send((CASE WHEN id % 4 = 0 THEN s * 3 / 4 ELSE s END)::int2) || int2send(s::int2) FROM 6)
FROM (SELECT id AS j, (ARRAY[32, 48, 64, 96])[1 + id % 4] AS s FROM pics) z WHERE id = j AND id % 3 = 2;

-- CRC-32 of PNG chunks (ISO 3309), bit by bit
CREATE FUNCTION pg_temp.crc32(b bytea) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE c bigint := 4294967295; i int; k int;
BEGIN
  FOR i IN 0 .. length(b) - 1 LOOP
    c := c # get_byte(b, i);
    FOR k IN 1 .. 8 LOOP
      c := CASE WHEN c & 1 = 1 THEN (c >> 1) # 3988292384 ELSE c >> 1 END;
    END LOOP;
  END LOOP;
  RETURN c # 4294967295;
END $$;
-- the chunks of a PNG: type, data length, CRC valid
CREATE FUNCTION pg_temp.png_chunks(b bytea) RETURNS TABLE (type text, len int, crc_ok bool) LANGUAGE plpgsql AS $$
DECLARE p int := 8; n int;
BEGIN
  WHILE p < length(b) LOOP
    n := (get_byte(b, p) << 24) | (get_byte(b, p + 1) << 16) | (get_byte(b, p + 2) << 8) | get_byte(b, p + 3);
    type := convert_from(substr(b, p + 5, 4), 'SQL_ASCII');
    len := n;
    crc_ok := pg_temp.crc32(substr(b, p + 5, 4 + n)) =
              ((get_byte(b, p + 8 + n)::bigint << 24) | (get_byte(b, p + 9 + n) << 16) | (get_byte(b, p + 10 + n) << 8) | get_byte(b, p + 11 + n));
    RETURN NEXT;
    p := p + 12 + n;
  END LOOP;
END $$;

CREATE TEMP TABLE pm AS SELECT c FROM jsonb_array_elements(synth_fit('pics')->'columns') c WHERE c->>'name' = 'avatar';
SELECT is((SELECT c->>'kind' FROM pm), 'image', 'a bytea column of PNG, GIF and JPEG images is an image column');
SELECT is((SELECT (c->'width_quantiles'->>0)::numeric || '..' || (c->'width_quantiles'->>16)::numeric FROM pm), '32..96',
          'widths from the headers of all three formats');
SELECT ok((SELECT abs((c->>'square_fraction')::float8 - 0.75) < 0.01 FROM pm), 'the share of square images (0.75)');
CREATE TEMP TABLE pics_syn AS SELECT * FROM synth_clone(NULL::pics, 60, seed => 1);
SELECT is((SELECT count(*) FROM pics_syn WHERE substr(avatar, 1, 8) = '\x89504e470d0a1a0a'::bytea), 60::bigint,
          'every value starts with the PNG signature');
CREATE TEMP TABLE pics_chunks AS SELECT id, (pg_temp.png_chunks(avatar)).* FROM pics_syn;
SELECT is((SELECT string_agg(type, ',' ORDER BY type) FROM pics_chunks WHERE id = 1), 'IDAT,IEND,IHDR',
          'an image is IHDR, IDAT and IEND');
SELECT ok((SELECT bool_and(crc_ok) AND count(*) = 180 FROM pics_chunks), 'every chunk''s CRC is valid');
SELECT ok((SELECT bool_and(w BETWEEN 32 AND 96 AND h BETWEEN 20 AND 100 AND get_byte(avatar, 24) = 8 AND get_byte(avatar, 25) = 2)
             FROM (SELECT avatar, (get_byte(avatar, 18) << 8) | get_byte(avatar, 19) AS w,
                          (get_byte(avatar, 22) << 8) | get_byte(avatar, 23) AS h FROM pics_syn) z),
          'IHDR: widths and heights of the source''s range, 8-bit RGB');
SELECT ok((SELECT count(DISTINCT md5(avatar)) = 60 AND bool_and(avatar NOT IN (SELECT avatar FROM pics)) FROM pics_syn),
          'every image is new');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::wrong_pics, (SELECT synth_fit('pics')), 1)$$,
                 '42804', NULL, 'images cannot go into a text column');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::pics, (SELECT jsonb_set(m, '{columns,1,width_quantiles,16}', '100000')
                                                           FROM (SELECT synth_fit('pics') AS m) z), 1)$$,
                 '22023', NULL, 'an image wider than 4096 pixels is refused');

-- xml documents: the source's element shape
CREATE TEMP TABLE orders (id int PRIMARY KEY, doc xml);
INSERT INTO orders
SELECT i, xmlelement(name "order", xmlelement(name customer, 'Customer ' || (i * 7919 % 499)),
                     xmlelement(name amount, (i * 37 % 1000) / 10.0), xmlelement(name qty, 1 + i % 5),
                     CASE WHEN i % 3 = 0 THEN xmlelement(name note, 'Leave at the door please') END)
FROM generate_series(1, 600) i;
CREATE TEMP TABLE om AS SELECT synth_fit('orders') AS m;
SELECT is((SELECT c->>'kind' || ' ' || (c->>'root') FROM om, jsonb_array_elements(m->'columns') c WHERE c->>'name' = 'doc'),
          'xml order', 'an xml column of documents: its root element');
CREATE TEMP TABLE orders_syn AS SELECT * FROM synth_clone(NULL::orders, 600, seed => 1);
SELECT ok((SELECT bool_and(xml_is_well_formed_document(doc::text)) AND bool_and((xpath('name(/*)', doc))[1]::text = 'order')
             FROM orders_syn), 'every document is well formed, with the source''s root');
SELECT is((SELECT string_agg(DISTINCT array_to_string(ARRAY(SELECT (xpath('name(/*)', e))[1]::text
                                                             FROM unnest(xpath('/*/*', doc)) e), ','), ' | ')
             FROM orders_syn), 'customer,amount,qty | customer,amount,qty,note',
          'child elements in the source''s sequences');
SELECT ok((SELECT abs(avg((xpath('count(/*/note)', doc))[1]::text::int) - 1 / 3.0) < 0.06 FROM orders_syn),
          'the share of documents with a note (1/3, within 0.06)');
SELECT ok((SELECT bool_and(q::int BETWEEN 1 AND 5) FROM orders_syn, LATERAL (SELECT (xpath('/*/qty/text()', doc))[1]::text AS q) z),
          'integer elements are integers of the source''s range');
SELECT is((SELECT count(*) FROM orders_syn WHERE (xpath('string(/*/customer)', doc))[1]::text IN
             (SELECT (xpath('string(/*/customer)', doc))[1]::text FROM orders)), 0::bigint,
          'no source text of an element appears');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::orders,
                   (SELECT jsonb_set(m, '{columns,1,root}', '"a b"') FROM om), 1)$$,
                 '22023', NULL, 'a root that is no XML name is refused');

-- synth_clone: computed from the generated text, as the source computes it
CREATE TEMP TABLE s_trg AS SELECT * FROM synth_clone(NULL::docs_trg, 500, seed => 1);
SELECT is((SELECT count(*) FROM s_trg
            WHERE tsv IS DISTINCT FROM to_tsvector('pg_catalog.english', concat_ws(' ', title, body))), 0::bigint,
          'every tsvector is the trigger''s, of the row''s own title and body');
SELECT ok((SELECT count(DISTINCT body) > 100 AND bool_and(length(tsv) > 3) FROM s_trg),
          'the texts vary and their tsvectors are not empty');
CREATE TEMP TABLE s_gen AS SELECT * FROM synth_clone(NULL::docs_gen, 500, seed => 1);
SELECT is((SELECT count(*) FROM s_gen
            WHERE tsv IS DISTINCT FROM to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))), 0::bigint,
          'every generated tsvector equals its expression over the row');
SELECT is((SELECT count(*) FROM synth_clone(NULL::docs_own, 200, seed => 1)
            WHERE tsv IS DISTINCT FROM to_tsvector(body)), 0::bigint,
          'a user trigger''s tsvector is to_tsvector of the text columns');

-- synth_clone_table keeps the trigger
SELECT synth_clone_table('docs_trg', 'docs_trg_clone', 300, seed => 2);
SELECT is((SELECT count(*) FROM pg_trigger WHERE tgrelid = 'docs_trg_clone'::regclass AND NOT tgisinternal), 1::bigint,
          'the clone table has the source''s tsvector trigger');
SELECT is((SELECT count(*) FROM docs_trg_clone
            WHERE tsv IS DISTINCT FROM to_tsvector('pg_catalog.english', concat_ws(' ', title, body))), 0::bigint,
          'the clone table''s tsvectors are the trigger''s');
INSERT INTO docs_trg_clone (id, title, body) VALUES (100000, 'Budget', 'Lower costs');
SELECT is((SELECT tsv FROM docs_trg_clone WHERE id = 100000), to_tsvector('english', 'Budget Lower costs'),
          'a row inserted later is kept by the trigger');
SELECT synth_clone_table('docs_gen', 'docs_gen_clone', 300, seed => 2);
SELECT is((SELECT count(*) FROM docs_gen_clone
            WHERE tsv IS DISTINCT FROM to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))), 0::bigint,
          'the clone of a generated column holds its expression''s values');

-- bad models and targets
CREATE TEMP TABLE fm AS SELECT synth_fit('docs_trg') AS m;
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::docs_trg,
                   (SELECT jsonb_set(m, '{columns,3,derived,how}', '"magic"') FROM fm), 1)$$,
                 '22023', NULL, 'an unknown way of deriving is refused');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::docs_trg,
                   (SELECT jsonb_set(m, '{columns,3,derived,config}', '"no_such_config"') FROM fm), 1)$$,
                 '42704', NULL, 'an unknown text search configuration is refused');
CREATE TEMP TABLE wrong_type (id int, title text, body text, tsv text);
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::wrong_type, (SELECT m FROM fm), 1)$$,
                 '42804', NULL, 'a derived tsvector cannot go into a text column');

-- a schema clone recreates the source's triggers after its repairs: a
-- self-reference repaired by an UPDATE fired the copied BEFORE UPDATE
-- trigger that stamps last_update, and every row came out updated now
CREATE SCHEMA sc_doc;
CREATE FUNCTION sc_doc.touch() RETURNS trigger LANGUAGE plpgsql AS
$$BEGIN NEW.last_update := pg_catalog.now(); RETURN NEW; END$$;
CREATE TABLE sc_doc.article (id int PRIMARY KEY, parent_id int REFERENCES sc_doc.article (id),
  title text, body text, tsv tsvector, last_update timestamptz NOT NULL DEFAULT now());
CREATE TRIGGER article_tsv BEFORE INSERT OR UPDATE ON sc_doc.article
  FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(tsv, 'pg_catalog.english', title, body);
CREATE TRIGGER article_touch BEFORE UPDATE ON sc_doc.article FOR EACH ROW EXECUTE FUNCTION sc_doc.touch();
INSERT INTO sc_doc.article (id, parent_id, title, body, last_update)
SELECT i, CASE WHEN i > 20 THEN 1 + (i * 7) % 20 END, title, body, timestamptz '2022-09-10 16:46:03+00'
FROM src_text;
ANALYZE sc_doc.article;
SELECT lives_ok($$SELECT * FROM synth_clone_schema('sc_doc', 'sc_doc_anon', 1.0, seed => 3)$$,
    'a schema with a self-reference and the triggers of a derived column clones');
SELECT is((SELECT count(*) FROM sc_doc_anon.article WHERE last_update <> timestamptz '2022-09-10 16:46:03+00'),
          0::bigint, 'the repairs fire no trigger: last_update keeps the source''s value');
SELECT is((SELECT count(*) FROM pg_trigger WHERE tgrelid = 'sc_doc_anon.article'::regclass AND NOT tgisinternal),
          2::bigint, 'the clone has the source''s two triggers, recreated at the end');
UPDATE sc_doc_anon.article SET title = title WHERE id = 1;
SELECT ok((SELECT last_update > timestamptz '2023-01-01' FROM sc_doc_anon.article WHERE id = 1),
    '... which fire on the clone''s own updates');

SELECT * FROM finish();
ROLLBACK;
