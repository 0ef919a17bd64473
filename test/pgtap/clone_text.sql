-- Free text of fitted cloning: the word n-gram model (src/text_model.c).
-- A table of 2,000 clinical notes built from sentences, with personal
-- spans (surnames after a title, full names, emails, phone numbers,
-- record numbers, dates) and vital signs.  Targets, with the default
-- k = 10: at least 90% of generated words are words 10 source rows hold;
-- no 6-word sequence of the output is held by 1 to 9 source rows; no
-- source email, phone number or surname appears; words per row keep their
-- mean within 10% and median within 15%; bad models fail with 22023.
BEGIN;
SELECT plan(60);
SET LOCAL client_min_messages = warning;

CREATE TEMP TABLE notes (id int PRIMARY KEY, body text);
INSERT INTO notes
SELECT i, concat_ws(' ',
  (ARRAY['Patient seen in clinic today for follow-up.','Patient presents with a cough for three days.','Patient returns for a routine check.','Patient called about new symptoms.'])[1 + i % 4],
  CASE WHEN i % 3 = 0 THEN 'Seen by Dr. ' || (ARRAY['Quimbley','Vantreight','Thistlewood','Zellwegerova','Okonkwo-Bassey','Marchettiruiz'])[1 + (i * 7) % 6] || '.' END,
  (ARRAY['Reports mild chest pain after exercise.','Denies fever, chills or shortness of breath.','Blood pressure stable on current medication.','Labs ordered and results pending.','Wound is healing well with no sign of infection.'])[1 + (i * 3) % 5],
  CASE WHEN i % 5 = 1 THEN 'Contact ' || (ARRAY['john','mary','li','anna','omar','sofia'])[1 + i % 6] || '.' || (ARRAY['lee','kim','ross','berg'])[1 + i % 4] || i || '@mailbox.org or ' || (200 + i % 700) || '-555-' || lpad(((i * 7919) % 10000)::text, 4, '0') || '.' END,
  (ARRAY['Advised to continue lisinopril and return in two weeks.','Discussed diet and exercise with the patient.','Referred to cardiology for further evaluation.','No acute distress noted on examination.','Plan to repeat imaging next month.'])[1 + (i * 7) % 5],
  CASE WHEN i % 4 = 2 THEN 'Record MRN-' || lpad(((i * 104729) % 1000000)::text, 6, '0') || ' updated on ' || (date '2020-01-01' + (i * 37) % 1500)::text || '.' END,
  CASE WHEN i % 7 = 3 THEN (ARRAY['Follow up with James Fennimore next week.','Spoke with daughter Maria Oyelaran about care.','Message left for Robert Kinsellagh.'])[1 + i % 3] END,
  CASE WHEN i % 2 = 0 THEN 'BP ' || (100 + (i * 13) % 60) || '/' || (60 + (i * 17) % 30) || ', pulse ' || (55 + (i * 19) % 50) || '.' END,
  (ARRAY['Will reassess at next visit.','Return if symptoms worsen.','Continue current plan.'])[1 + (i * 11) % 3]
) FROM generate_series(1, 2000) i;

CREATE TEMP TABLE m AS SELECT synth_fit('notes') AS m;
CREATE TEMP TABLE col AS
SELECT c FROM m, jsonb_array_elements(m->'columns') c WHERE c->>'name' = 'body';
CREATE TEMP TABLE syn AS SELECT * FROM synth_clone(NULL::notes, 2000, seed => 1);

SELECT is((SELECT c->>'kind' FROM col), 'text', 'a column of multi-word, mostly distinct texts is free text');
SELECT is((SELECT c->>'role' FROM col), 'attribute', 'free text is an attribute, not an identifier');
SELECT ok((SELECT jsonb_array_length(c->'vocabulary') BETWEEN 50 AND 20000
              AND jsonb_array_length(c->'bigrams') % 3 = 0
              AND jsonb_array_length(c->'trigrams') % 4 = 0
              AND jsonb_array_length(c->'words_quantiles') = 17
              AND jsonb_typeof(c->'rare_sequences') = 'array' FROM col),
          'the model carries the vocabulary, n-gram tables, rare sequences and words per row');

-- what the model holds: no personal value of the source
SELECT is((SELECT count(*) FROM col, jsonb_array_elements_text(c->'vocabulary') w, notes n
            WHERE w ~ '@|MRN-[0-9]|[0-9]{3}-555|Quimbley|Vantreight|Fennimore|Kinsellagh|Oyelaran'
              AND w NOT LIKE '%{{%'), 0::bigint,
          'the vocabulary holds no email, phone number, record number or surname');
SELECT ok((SELECT bool_and(w IN (SELECT x FROM notes, regexp_split_to_table(body, '\s+') x)
                           OR w LIKE '%{{%}}%')
             FROM col, jsonb_array_elements_text(c->'vocabulary') w),
          'every word of the vocabulary is a source word or a placeholder');
SELECT ok((SELECT count(*) FROM col, jsonb_array_elements_text(c->'vocabulary') w
            WHERE w ~ '^\{\{(email|phone|first_name|last_name)\}\}\.?$') >= 4,
          'emails, phone numbers and names became placeholders');

-- target 1: words of the source's vocabulary held by k rows
CREATE TEMP TABLE src_words AS
SELECT x AS w, count(DISTINCT id) AS rows FROM notes, regexp_split_to_table(body, '\s+') x GROUP BY x;
SELECT cmp_ok((SELECT avg((coalesce(s.rows, 0) >= 10)::int) FROM syn, regexp_split_to_table(syn.body, '\s+') x
                 LEFT JOIN src_words s ON s.w = x)::numeric, '>=', 0.90,
              'at least 90% of generated words are source words that 10 rows hold');

-- target 2: no 6-word sequence held by 1 to k-1 source rows
CREATE TEMP TABLE src6 AS
SELECT g, count(DISTINCT id) AS rows
FROM (SELECT id, array_to_string(w[i:i + 5], ' ') AS g
      FROM (SELECT id, regexp_split_to_array(body, '\s+') AS w FROM notes) s,
           generate_series(1, array_length(w, 1) - 5) i) x
GROUP BY g;
CREATE TEMP TABLE syn6 AS
SELECT array_to_string(w[i:i + 5], ' ') AS g
FROM (SELECT regexp_split_to_array(body, '\s+') AS w FROM syn) s,
     generate_series(1, array_length(w, 1) - 5) i;
SELECT ok((SELECT count(*) FROM syn6) > 20000, 'the output has many 6-word sequences to check');
-- (a filled date or number may match a real one by chance: those windows are
-- counted apart, and bounded)
SELECT is((SELECT count(*) FROM syn6 JOIN src6 USING (g) WHERE src6.rows < 10 AND g !~ '[0-9@]'), 0::bigint,
          'no 6-word sequence of words is held by fewer than 10 source rows');
SELECT cmp_ok((SELECT count(*) FROM syn6 JOIN src6 USING (g) WHERE src6.rows < 10)::numeric /
              (SELECT count(*) FROM syn6), '<', 0.001,
              'a random fill matches a rare real sequence in under 0.1% of the sequences');
SELECT cmp_ok((SELECT avg((src6.g IS NOT NULL)::int) FROM syn6 LEFT JOIN src6 USING (g))::numeric, '>', 0.5,
              'most 6-word sequences read like the source (held by 10 rows or more)');

-- target 3: no personal span of the source
SELECT is((SELECT count(*) FROM syn, (SELECT DISTINCT x FROM notes, regexp_split_to_table(body, '\s+') x
                                        WHERE x ~ '@') e
            WHERE position(rtrim(e.x, '.') IN syn.body) > 0), 0::bigint, 'no source email appears');
SELECT is((SELECT count(*) FROM syn, (SELECT DISTINCT (regexp_match(body, '[0-9]{3}-555-[0-9]{4}'))[1] AS p FROM notes) e
            WHERE e.p IS NOT NULL AND position(e.p IN syn.body) > 0), 0::bigint, 'no source phone number appears');
SELECT is((SELECT count(*) FROM syn WHERE body ~ 'Quimbley|Vantreight|Thistlewood|Zellwegerova|Okonkwo-Bassey|Marchettiruiz|Fennimore|Oyelaran|Kinsellagh'),
          0::bigint, 'no source surname appears');
-- record numbers are random digits of their shape: about 500 of them, each
-- one of 900,000, meet the source's 500 by chance 0.28 times on average
-- (none at seeds 2 to 9, one at seed 1); a copied one would meet hundreds
SELECT cmp_ok((SELECT count(*) FROM syn, (SELECT DISTINCT (regexp_match(body, 'MRN-[0-9]{6}'))[1] AS r FROM notes) e
                WHERE e.r IS NOT NULL AND position(e.r IN syn.body) > 0), '<=', 3::bigint,
              'no source record number appears beyond chance (at most 3 where 0.28 are expected)');
SELECT cmp_ok((SELECT count(*) FROM syn WHERE body ~ 'Dr\. [A-Z][a-z]+'), '>', 200::bigint,
              'surnames after a title are filled with fakes');
SELECT ok((SELECT count(*) > 100 AND bool_and(e ~ '^[a-z0-9._-]+@([a-z]+\.)?example\.(com|net|org)$')
             FROM syn, regexp_matches(body, '([^ ]+@[^ ]+?)\.?( |$)', 'g') r(a), LATERAL (SELECT a[1] AS e) z),
          'emails are filled with well-formed fakes of reserved domains');
SELECT ok((SELECT count(*) > 100 FROM syn WHERE body ~ 'MRN-[0-9]{6} updated on 20[0-9]{2}-[0-9]{2}-[0-9]{2}\.'),
          'record numbers and dates keep their shapes');
-- the dates' years: those of the source's dates (2020-2024), clipped at the
-- k-th extremes; a filled date was of any year from 2000
SELECT is((SELECT c->'date_years' FROM col), '[2020, 2024]'::jsonb, 'the model keeps the span of the texts'' dates');
SELECT ok((SELECT count(*) > 100 AND bool_and(substr(d[1], 1, 4)::int BETWEEN 2020 AND 2024)
             FROM syn, regexp_matches(body, '(20[0-9]{2}-[0-9]{2}-[0-9]{2})', 'g') d),
          'every filled date is of a year the source''s dates span');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::notes,
                   (SELECT jsonb_set(m, '{columns}', (SELECT jsonb_agg(CASE WHEN c->>'name' = 'body'
                      THEN c || '{"date_years": [2025, 2020]}' ELSE c END) FROM jsonb_array_elements(m->'columns') c)) FROM m), 1)$$,
                 '22023', NULL, 'a span of years that ends before it starts is refused');

-- length: words per row and characters
SELECT cmp_ok((SELECT abs(avg(array_length(regexp_split_to_array(body, '\s+'), 1)) /
                         (SELECT avg(array_length(regexp_split_to_array(body, '\s+'), 1)) FROM notes) - 1) FROM syn),
              '<', 0.10::numeric, 'mean words per row within 10% of the source');
SELECT cmp_ok((SELECT abs(percentile_cont(0.5) WITHIN GROUP (ORDER BY array_length(regexp_split_to_array(body, '\s+'), 1)) /
                         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY array_length(regexp_split_to_array(body, '\s+'), 1)) FROM notes) - 1) FROM syn),
              '<', 0.15::float8, 'median words per row within 15% of the source');
SELECT ok((SELECT max(length(body)) FROM syn) <= (SELECT max(length(body)) FROM notes),
          'no text is longer than the longest source text');

-- reproducible, and the same through the model's JSON
SELECT is((SELECT md5(string_agg(body, '|' ORDER BY id)) FROM synth_clone(NULL::notes, 300, seed => 7)),
          (SELECT md5(string_agg(body, '|' ORDER BY id)) FROM synth_clone(NULL::notes, 300, seed => 7)),
          'the same seed gives the same texts');
SELECT ok((SELECT count(*) = 300 AND count(DISTINCT body) > 250
             FROM synth_sample(NULL::notes, (SELECT m FROM m), 300, seed => 7)),
          'a model read back from JSON generates texts');

-- a k no word reaches: the format model, and the model says why
SELECT alike((SELECT c->>'reason' FROM jsonb_array_elements(synth_fit('notes', '{"k": 5000}')->'columns') c
              WHERE c->>'name' = 'body'), 'free text without a text model%',
            'a k that no word reaches leaves the column to its format');

-- bad models
CREATE TEMP TABLE bad AS
SELECT jsonb_set(m, '{columns}', (SELECT jsonb_agg(CASE WHEN c->>'name' = 'body' THEN c || x ELSE c END)
                                    FROM jsonb_array_elements(m->'columns') c)) AS m, what
FROM m, (VALUES ('{"vocabulary": []}'::jsonb, 'empty'),
                ('{"trigrams": [1, 2, 999999, 5]}', 'id'),
                ('{"bigrams": [2, 1, 5, 1, 1, 5]}', 'order')) v(x, what);
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::notes, (SELECT m FROM bad WHERE what = 'empty'), 1)$$,
                 '22023', NULL, 'an empty vocabulary is refused');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::notes, (SELECT m FROM bad WHERE what = 'id'), 1)$$,
                 '22023', NULL, 'a trigram of a word out of the vocabulary is refused');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::notes, (SELECT m FROM bad WHERE what = 'order'), 1)$$,
                 '22023', NULL, 'unsorted bigrams are refused');

-- A free-text column of few distinct values (at most 2 x category_cap) takes
-- its texts from the scan's counts instead of reading the table again: the
-- same texts, so the same text model, as the query gives (category_cap 2
-- makes the counts overflow, so that fit reads the texts by the query)
SELECT setseed(0.25);
CREATE TABLE tx_short (id int PRIMARY KEY, note text);
INSERT INTO tx_short
SELECT i, CASE WHEN i % 50 = 0 THEN NULL ELSE
       (ARRAY['stable and discharged home', 'observed overnight for pain', 'referred to the clinic today',
              'follow-up in two weeks', 'no complications were seen', 'wound dressed and checked'])[1 + i % 6]
       || ' ' || ((hashint4(i) & 65535) % 61) END
FROM generate_series(1, 60000) i;
ANALYZE tx_short;
CREATE TEMP TABLE tx_short_scans (what text, scans bigint, m jsonb);
INSERT INTO tx_short_scans
SELECT 'counts', -(SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'tx_short'::regclass), synth_fit('tx_short');
UPDATE tx_short_scans SET scans = scans + (SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'tx_short'::regclass);
INSERT INTO tx_short_scans
SELECT 'query', -(SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'tx_short'::regclass),
       synth_fit('tx_short', '{"category_cap": 2}');
UPDATE tx_short_scans SET scans = scans + (SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'tx_short'::regclass)
WHERE what = 'query';
CREATE FUNCTION pg_temp.text_part(m jsonb) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_object('kind', c->'kind', 'words', c->'words_quantiles', 'vocabulary', c->'vocabulary',
                              'unigrams', c->'unigrams', 'bigrams', c->'bigrams', 'trigrams', c->'trigrams',
                              'skips', c->'skips', 'rare', c->'rare_sequences')
    FROM jsonb_array_elements(m->'columns') c WHERE c->>'name' = 'note'
$$;
SELECT is((SELECT pg_temp.text_part(m)->>'kind' FROM tx_short_scans WHERE what = 'counts'), 'text',
          'a note of 366 distinct texts is free text with a text model');
SELECT is((SELECT pg_temp.text_part(m) FROM tx_short_scans WHERE what = 'counts'),
          (SELECT pg_temp.text_part(m) FROM tx_short_scans WHERE what = 'query'),
          'its text model from the scan''s counts is the one the query''s texts give');
SELECT is((SELECT scans FROM tx_short_scans WHERE what = 'counts'),
          (SELECT scans - 1 FROM tx_short_scans WHERE what = 'query'),
          'and the fit reads the table once less');

-- Templated text whose every adjective-noun pair is rare: 2,400 film blurbs
-- "A <adjective> <noun> of a <person> who must <verb> a <person> in <place>",
-- 20 adjectives x 16 nouns, each pair in about 7.5 rows (fewer than k = 10).
-- With bigrams and trigrams alone every context after an adjective is a
-- dead end and the text starts over ("A Fateful A Amazing A Epic ..."); the
-- skips ("A _ Documentary", held by 150 rows) carry it on.
CREATE TEMP TABLE blurbs (id int PRIMARY KEY, blurb text);
INSERT INTO blurbs
SELECT i, format('A %s %s of a %s who must %s a %s in %s',
  (ARRAY['Fateful','Amazing','Epic','Boring','Taut','Stunning','Thoughtful','Brilliant','Emotional','Fanciful',
         'Intrepid','Insightful','Lacklusture','Touching','Unbelievable','Beautiful','Astounding','Awe-Inspiring','Action-Packed','Fast-Paced'])[1 + i % 20],
  (ARRAY['Documentary','Drama','Story','Tale','Saga','Yarn','Epistle','Panorama','Reflection','Display',
         'Character','Study','Chronicle','Portrait','Fable','Legend'])[1 + (i / 20) % 16],
  (ARRAY['Pastry','Dentist','Composer','Frisbee','Lumberjack','Monkey','Pioneer','Waitress','Feminist','Cat','Squirrel','Moose'])[1 + abs(hashint4(i)) % 12],
  (ARRAY['Chase','Battle','Outrace','Meet','Kill','Defeat','Find','Sink','Escape','Conquer'])[1 + abs(hashint4(i * 3)) % 10],
  (ARRAY['Teacher','Explorer','Husband','Crocodile','Hunter','Robot','Girl','Boy','Sumo','Womanizer','Astronaut','Butler'])[1 + abs(hashint4(i * 5)) % 12],
  (ARRAY['Nigeria','Ancient','Berlin','Australia','Mexico','India','Japan','Canada'])[1 + abs(hashint4(i * 7)) % 8])
FROM generate_series(1, 2400) i;
CREATE TEMP TABLE bm AS SELECT synth_fit('blurbs') AS m;
CREATE TEMP TABLE bm0 AS
SELECT jsonb_set(m, '{columns}', (SELECT jsonb_agg(CASE WHEN c->>'name' = 'blurb' THEN c || '{"skips": []}' ELSE c END ORDER BY o)
                                    FROM jsonb_array_elements(m->'columns') WITH ORDINALITY x(c, o))) AS m FROM bm;
CREATE TEMP TABLE b_pairs AS
SELECT DISTINCT w[i] AS a, w[i + 1] AS b FROM (SELECT regexp_split_to_array(blurb, ' ') AS w FROM blurbs) s,
       generate_series(1, array_length(w, 1) - 1) i;
CREATE FUNCTION pg_temp.seen_pairs(t regclass) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE r numeric;
BEGIN
  EXECUTE format('SELECT avg((p.a IS NOT NULL)::int) FROM (SELECT w[i] AS a, w[i + 1] AS b
                  FROM (SELECT regexp_split_to_array(blurb, %L) AS w FROM %s) s,
                  generate_series(1, array_length(w, 1) - 1) i) x LEFT JOIN b_pairs p USING (a, b)', ' ', t) INTO r;
  RETURN r;
END $$;
CREATE TEMP TABLE b1 AS SELECT * FROM synth_sample(NULL::blurbs, (SELECT m FROM bm), 2000, 3);
CREATE TEMP TABLE b0 AS SELECT * FROM synth_sample(NULL::blurbs, (SELECT m FROM bm0), 2000, 3);
SELECT is((SELECT c->>'kind' FROM bm, jsonb_array_elements(m->'columns') c WHERE c->>'name' = 'blurb'), 'text',
          'film blurbs are free text');
SELECT ok((SELECT jsonb_array_length(c->'skips') > 0 AND jsonb_array_length(c->'skips') % 3 = 0
             FROM bm, jsonb_array_elements(m->'columns') c WHERE c->>'name' = 'blurb'),
          'the model keeps the skips k rows hold ("A _ Documentary")');
SELECT cmp_ok(pg_temp.seen_pairs('b1'), '>=', 0.85::numeric,
              'with skips, most adjacent word pairs of the blurbs are pairs of the source');
SELECT cmp_ok(pg_temp.seen_pairs('b1') - pg_temp.seen_pairs('b0'), '>=', 0.15::numeric,
              '... many more than without them (a dead end after each adjective)');
-- (a start over is also what the rare sequences leave: "of a Pastry who" may
-- close a 6-word sequence a few rows hold, and then nothing goes on)
SELECT cmp_ok((SELECT avg((SELECT count(*) FROM regexp_matches(blurb, '(^| )A ', 'g'))) FROM b1) /
              (SELECT avg((SELECT count(*) FROM regexp_matches(blurb, '(^| )A ', 'g'))) FROM b0), '<', 0.5::numeric,
              'a blurb starts over less than half as often as without skips (1.8 against 6.3 "A"s)');
-- no 6-word sequence of the output that 1 to 9 source rows hold
SELECT is((SELECT count(*)
             FROM (SELECT array_to_string(w[i:i + 5], ' ') AS g
                     FROM (SELECT regexp_split_to_array(blurb, '\s+') AS w FROM b1) s,
                          generate_series(1, array_length(w, 1) - 5) i) y
             JOIN (SELECT g, count(DISTINCT id) AS rows
                     FROM (SELECT id, array_to_string(w[i:i + 5], ' ') AS g
                             FROM (SELECT id, regexp_split_to_array(blurb, '\s+') AS w FROM blurbs) s,
                                  generate_series(1, array_length(w, 1) - 5) i) x GROUP BY g) z USING (g)
            WHERE z.rows < 10), 0::bigint,
          'the skips produce no 6-word sequence fewer than 10 source rows hold');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::blurbs,
                   (SELECT jsonb_set(m, '{columns}', (SELECT jsonb_agg(CASE WHEN c->>'name' = 'blurb'
                      THEN c || '{"skips": [5, 1, 3, 2, 1, 3]}' ELSE c END) FROM jsonb_array_elements(m->'columns') c)) FROM bm), 1)$$,
                 '22023', NULL, 'unsorted skips are refused');

-- Templated notes: a few texts, each in many rows.  The model reads
-- distinct texts with the rows that hold them, so it knows every template;
-- a sample of rows by the hash of their text took all the copies of the
-- five texts whose hashes are lowest (five of 485 notes, two phrases of
-- five never written).  485 texts come from the scan's counts, 4,985 from
-- the texts query.
CREATE TEMP TABLE canned (id int PRIMARY KEY, few text, many text);
INSERT INTO canned
SELECT i, (ARRAY['stable, discharged home', 'observed overnight', 'referred to clinic',
                 'follow-up in two weeks', 'no complications'])[1 + h % 5] || ' ' || (h % 97),
          (ARRAY['stable, discharged home', 'observed overnight', 'referred to clinic',
                 'follow-up in two weeks', 'no complications'])[1 + h % 5] || ' ' || (h % 997)
FROM (SELECT i, hashint4(i * 7) & 2147483647 AS h FROM generate_series(1, 100000) i) s;
CREATE TEMP TABLE canned_syn AS SELECT * FROM synth_clone(NULL::canned, 20000, seed => 1);
-- chi-square of the five phrases against equal shares, 4 degrees of
-- freedom: 18.47 is its 0.1% critical value
CREATE FUNCTION pg_temp.phrase_chi2(col text) RETURNS float8 LANGUAGE sql AS $$
  SELECT sum((n - e) ^ 2 / e) FROM (
    SELECT count(x.p) AS n, (SELECT count(*) FROM canned_syn) / 5.0 AS e
      FROM unnest(ARRAY['stable, discharged home', 'observed overnight', 'referred to clinic',
                        'follow-up in two weeks', 'no complications']) t(p)
      LEFT JOIN (SELECT regexp_replace(CASE col WHEN 'few' THEN few ELSE many END, ' [0-9]+$', '') AS p
                   FROM canned_syn) x USING (p)
     GROUP BY t.p) y $$;
SELECT is((SELECT c->>'kind' FROM jsonb_array_elements(synth_fit('canned')->'columns') c
            WHERE c->>'name' = 'many'), 'text', 'templated notes get a text model');
SELECT cmp_ok(pg_temp.phrase_chi2('few'), '<', 18.47::float8,
              'each of five phrases keeps its share (485 notes, from the scan''s counts)');
SELECT cmp_ok(pg_temp.phrase_chi2('many'), '<', 18.47::float8,
              'each of five phrases keeps its share (4,985 notes, from the texts query)');
SELECT cmp_ok((SELECT count(DISTINCT few) FROM canned_syn), '>=', 470::bigint,
              'the clone writes nearly all 485 notes, not the five of lowest hash');
SELECT cmp_ok((SELECT count(DISTINCT (regexp_match(many, '[0-9]+$'))[1]) FROM canned_syn), '>=', 990::bigint,
              'the numbers after the phrases are nearly all 997 of the source');
SELECT is((SELECT count(*) FROM canned_syn WHERE few NOT IN (SELECT few FROM canned)), 0::bigint,
          'every templated note is one the source holds in many rows (none made up)');

-- A token of one row inside a template: a hash is a hexadecimal
-- placeholder of its length, a rare word is left out; both used to end the
-- text there and start it over ("patient patient patient ...").
CREATE TEMP TABLE visits (id int PRIMARY KEY, hashed text, worded text);
INSERT INTO visits
SELECT i, 'patient ' || md5(i::text) || ' seen on ward ' || (i % 50) || ' by the ' ||
          (ARRAY['morning', 'evening', 'night'])[1 + i % 3] || ' shift',
       'patient ' || chr(97 + i % 26) || chr(97 + (i / 26) % 26) || chr(97 + (i / 676) % 26) ||
          chr(97 + (i / 17576) % 26) || ' seen on ward ' || (i % 50) || ' by the ' ||
          (ARRAY['morning', 'evening', 'night'])[1 + i % 3] || ' shift'
FROM generate_series(1, 20000) i;
CREATE TEMP TABLE visits_syn AS SELECT * FROM synth_clone(NULL::visits, 2000, seed => 1);
SELECT ok((SELECT c->'vocabulary' ? '{{hex:32}}' FROM jsonb_array_elements(synth_fit('visits')->'columns') c
            WHERE c->>'name' = 'hashed'), 'a 32-digit hexadecimal token is the placeholder {{hex:32}}');
SELECT cmp_ok((SELECT avg((hashed ~ '^patient [0-9a-f]{32} seen on ward [0-9]+ by the (morning|evening|night) shift$')::int)
                 FROM visits_syn), '>=', 0.95::numeric,
              'the notes with a hash read like the source''s, with a fresh hash of 32 digits');
SELECT is((SELECT count(*) FROM visits_syn s JOIN visits v ON split_part(s.hashed, ' ', 2) = md5(v.id::text)),
          0::bigint, 'no source hash appears in the clone');
SELECT is((SELECT count(*) FROM visits_syn WHERE hashed ~ 'patient patient' OR worded ~ 'patient patient'),
          0::bigint, 'no note starts over after its rare token');
SELECT cmp_ok((SELECT avg((worded ~ '^patient seen on ward [0-9]+ by the (morning|evening|night) shift$')::int)
                 FROM visits_syn), '>=', 0.95::numeric,
              'a word of one row is left out and the note goes on ("patient seen on ward ...")');

-- Where a text ends.  One-sentence tickets (6 to 15 words): a text ended
-- only past 60% of its drawn length, and one that ended before started over
-- as another ticket ("... shows an error Customer reports the ..."): 10%
-- of clone texts.  Notes of 3 to 6 sentences: a text went on past its
-- length to a cut in mid-sentence (38% of notes).  A text now goes on
-- where it can below 70% of its drawn length, ends by the model's counts
-- up to it, and at the first end its context allows past it.
CREATE TEMP TABLE tickets (id int PRIMARY KEY, opened_at timestamptz NOT NULL, body text NOT NULL);
INSERT INTO tickets
SELECT i, timestamptz '2025-01-01 00:00+00' + i * interval '7 minutes',
       (ARRAY['Customer reports', 'User says', 'Caller mentioned', 'Client complains'])[1 + abs(hashint4(i)) % 4] || ' ' ||
       (ARRAY['the printer', 'the laptop', 'the router', 'the phone', 'the app'])[1 + abs(hashint4(i * 3)) % 5] || ' ' ||
       (ARRAY['does not start', 'keeps crashing', 'is very slow', 'shows an error', 'lost connection'])[1 + abs(hashint4(i * 5)) % 5] ||
       CASE WHEN abs(hashint4(i * 7)) % 3 = 0
            THEN ' after the ' || (ARRAY['update', 'reboot', 'move', 'power cut'])[1 + abs(hashint4(i * 11)) % 4] ELSE '' END ||
       CASE WHEN abs(hashint4(i * 13)) % 4 = 0 THEN ' ref ' || (100 + i % 900) || 'x' || (i % 7) ELSE '' END
FROM generate_series(1, 20000) i;
CREATE TEMP TABLE tickets_syn AS SELECT * FROM synth_clone(NULL::tickets, 20000, seed => 1);
SELECT cmp_ok((SELECT avg((body ~ '. (Customer reports|User says|Caller mentioned|Client complains)')::int) FROM tickets_syn),
              '<', 0.02::numeric, 'fewer than 2% of one-sentence tickets run on into another (10% before)');
-- the two-sample Kolmogorov-Smirnov statistic of the words per row of two
-- sets of texts
CREATE FUNCTION pg_temp.words_ks(a text[], b text[]) RETURNS float8 LANGUAGE sql AS $$
  SELECT max(abs(sa - sb)) FROM (
    SELECT (count(*) FILTER (WHERE w = 'a') OVER (ORDER BY n))::float8 / cardinality(a) AS sa,
           (count(*) FILTER (WHERE w = 'b') OVER (ORDER BY n))::float8 / cardinality(b) AS sb
    FROM (SELECT 'a' AS w, array_length(regexp_split_to_array(t, ' '), 1) AS n FROM unnest(a) t
          UNION ALL SELECT 'b', array_length(regexp_split_to_array(t, ' '), 1) FROM unnest(b) t) x) k $$;
SELECT cmp_ok(pg_temp.words_ks((SELECT array_agg(body) FROM tickets), (SELECT array_agg(body) FROM tickets_syn)),
              '<', 0.08::float8, 'the tickets'' words per row: Kolmogorov-Smirnov statistic under 0.08');
CREATE TEMP TABLE ward_notes (id int PRIMARY KEY, written_at timestamptz NOT NULL, note text NOT NULL);
INSERT INTO ward_notes
SELECT i, timestamptz '2025-01-01 00:00+00' + i * interval '11 minutes',
       string_agg((ARRAY['Patient seen on the ward.', 'Vitals stable overnight.', 'Pain controlled with oral medication.',
                         'Mobilising with assistance.', 'Family updated by phone.', 'Wound clean and dry.',
                         'Plan to review tomorrow.', 'Bloods sent this morning.'])[1 + abs(hashint4(i * 31 + j)) % 8], ' ' ORDER BY j)
FROM generate_series(1, 20000) i, generate_series(1, 6) j
WHERE j <= 3 + abs(hashint4(i)) % 4 GROUP BY i;
CREATE TEMP TABLE ward_notes_syn AS SELECT * FROM synth_clone(NULL::ward_notes, 20000, seed => 1);
SELECT cmp_ok((SELECT avg((note !~ '\.$')::int) FROM ward_notes_syn), '<', 0.05::numeric,
              'fewer than 5% of notes of sentences end in mid-sentence (38% before)');
SELECT cmp_ok((SELECT abs(avg(array_length(regexp_split_to_array(note, '\. '), 1))
                          - (SELECT avg(array_length(regexp_split_to_array(note, '\. '), 1)) FROM ward_notes))
               FROM ward_notes_syn), '<', 0.25::numeric, 'the notes'' sentences per row: mean within 0.25 of the source''s 4.5');
SELECT cmp_ok(pg_temp.words_ks((SELECT array_agg(note) FROM ward_notes), (SELECT array_agg(note) FROM ward_notes_syn)),
              '<', 0.08::float8, 'the notes'' words per row: Kolmogorov-Smirnov statistic under 0.08');

-- Short hexadecimal codes ("ref c4cx1"): each shape of where their letters
-- fall ("{{num:c9cx9}}") was held by few rows, so the code was left out
-- and the text ended on "ref" (6% of texts), and the word sequences around
-- the shapes that k rows held were rare too.  A shape held by fewer than k
-- rows, or by fewer than half of the codes of its length, is now a code
-- of its length, filled with random digits and letters.
CREATE TEMP TABLE coded (id int PRIMARY KEY, opened_at timestamptz NOT NULL, body text NOT NULL);
INSERT INTO coded
SELECT i, timestamptz '2025-01-01 00:00+00' + i * interval '5 minutes',
       (ARRAY['Customer reports', 'User says', 'Caller mentioned'])[1 + abs(hashint4(i)) % 3] || ' ' ||
       (ARRAY['the printer', 'the laptop', 'the router'])[1 + abs(hashint4(i * 3)) % 3] || ' ' ||
       (ARRAY['does not start', 'keeps crashing', 'shows an error'])[1 + abs(hashint4(i * 5)) % 3] ||
       CASE WHEN abs(hashint4(i * 13)) % 4 > 0 THEN ' ref ' || substr(md5(i::text), 1, 3) || 'x' || (i % 7) ELSE '' END
FROM generate_series(1, 10000) i;
CREATE TEMP TABLE coded_syn AS SELECT * FROM synth_clone(NULL::coded, 10000, seed => 1);
SELECT ok((SELECT c->'vocabulary' ? '{{code:xxxxx}}' FROM jsonb_array_elements(synth_fit('coded')->'columns') c
            WHERE c->>'name' = 'body'), 'short codes whose letters vary are the placeholder {{code:xxxxx}}');
SELECT cmp_ok((SELECT avg((body ~ ' ref$')::int) FROM coded_syn), '<', 0.01::numeric,
              'under 1% of texts end on "ref" (the source: none)');
SELECT cmp_ok((SELECT abs(avg((body ~ ' ref [0-9a-z]{5}$')::int) - (SELECT avg((body ~ ' ref ')::int) FROM coded)) FROM coded_syn),
              '<', 0.03::numeric, 'texts with a code keep their share within 3 points');
-- a code is one of 36^5; the source's 7,500 meet the clone's by chance
-- about 2 times on average (none of them held by the model)
SELECT cmp_ok((SELECT count(*) FROM coded_syn s JOIN coded c ON split_part(s.body, ' ref ', 2) = split_part(c.body, ' ref ', 2)
                WHERE s.body ~ ' ref '), '<=', 10::bigint, 'no source code appears beyond chance');

SELECT * FROM finish();
ROLLBACK;
