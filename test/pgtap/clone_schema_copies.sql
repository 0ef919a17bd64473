-- synth_clone_schema's copies of a parent's column (a child column equal to
-- its parent's in every source row).  The sampler of the child makes a copy
-- as it draws the rows when the parent's value is final by then; a copy of
-- a column that an ordering moves later, or of another type, is made by an
-- UPDATE after the fills.  Either way the copy holds in every cloned row,
-- chains of copies included, and the model of such a copy is checked.
BEGIN;
SELECT plan(16);
SET LOCAL client_min_messages = warning;

CREATE SCHEMA chain;
-- accounts <- cards <- swipes
CREATE TABLE chain.accounts (account_id int PRIMARY KEY, opened_at timestamptz NOT NULL,
                             label text NOT NULL, nickname text NOT NULL);
INSERT INTO chain.accounts
SELECT g, timestamptz '2021-01-01' + (g * 37 % 700) * interval '1 day', w1 || ' ' || w2, w2 || '-' || w1
FROM generate_series(1, 600) g,
     LATERAL (SELECT (ARRAY['amber','birch','cedar','delta','ember','fjord','glade'])[1 + g % 7] AS w1,
                     (ARRAY['north','south','east','west','upper','lower','inner','outer','far','near','mid'])[1 + g % 11] AS w2) w;
CREATE TABLE chain.cards (
  card_id int PRIMARY KEY,
  account_id int NOT NULL REFERENCES chain.accounts,
  issued_at timestamptz NOT NULL,     -- after its account was opened: moved by the ordering
  label text NOT NULL,                -- the account's label, same type: copied by the sampler
  short_label varchar(40) NOT NULL    -- the account's nickname, another type: copied by an UPDATE
);
INSERT INTO chain.cards
SELECT g, a.account_id, a.opened_at + (1 + g % 90) * interval '1 day', a.label, a.nickname
FROM generate_series(1, 2400) g JOIN chain.accounts a ON a.account_id = 1 + (g * 7) % 600;
CREATE TABLE chain.swipes (
  swipe_id int PRIMARY KEY,
  card_id int NOT NULL REFERENCES chain.cards,
  card_issued timestamptz NOT NULL,   -- the card's time, which the ordering moves
  card_label text NOT NULL,           -- a copy of a copy the sampler made
  card_short varchar(40) NOT NULL,    -- a copy of a copy an UPDATE made
  amount numeric(8,2) NOT NULL
);
INSERT INTO chain.swipes
SELECT g, c.card_id, c.issued_at, c.label, c.short_label, (g % 400) / 4.0
FROM generate_series(1, 7200) g JOIN chain.cards c ON c.card_id = 1 + (g * 11) % 2400;
ANALYZE chain.accounts, chain.cards, chain.swipes;

SELECT is((SELECT array_agg(link ORDER BY link) FROM synth_schema_links('chain')),
  ARRAY['cards.issued_at >= accounts.opened_at', 'cards.label = accounts.label',
        'cards.short_label = accounts.nickname', 'swipes.card_issued = cards.issued_at',
        'swipes.card_label = cards.label', 'swipes.card_short = cards.short_label'],
  'the source''s copies and ordering are found');
SELECT is((SELECT sum(rows) FROM synth_clone_schema('chain', 'chain_copy', seed => 4)), 10200::numeric,
  'the chain is cloned');
SELECT is((SELECT count(*) FROM chain_copy.cards c JOIN chain_copy.accounts a USING (account_id)
           WHERE c.label IS DISTINCT FROM a.label), 0::bigint,
  'a copy of the same type holds in every card');
SELECT is((SELECT count(*) FROM chain_copy.cards c JOIN chain_copy.accounts a USING (account_id)
           WHERE c.short_label IS DISTINCT FROM a.nickname), 0::bigint,
  'a copy into another type (varchar(40) from text) holds in every card');
SELECT is((SELECT count(*) FROM chain_copy.cards c JOIN chain_copy.accounts a USING (account_id)
           WHERE c.issued_at < a.opened_at), 0::bigint,
  'every card is issued after its account was opened');
SELECT is((SELECT count(*) FROM chain_copy.swipes s JOIN chain_copy.cards c USING (card_id)
           WHERE s.card_issued IS DISTINCT FROM c.issued_at), 0::bigint,
  'a copy of a time the ordering moved holds the moved time');
SELECT is((SELECT count(*) FROM chain_copy.swipes s JOIN chain_copy.cards c USING (card_id)
           WHERE s.card_label IS DISTINCT FROM c.label OR s.card_short IS DISTINCT FROM c.short_label), 0::bigint,
  'copies of copies hold in every swipe');
SELECT cmp_ok((SELECT count(DISTINCT card_label) FROM chain_copy.swipes), '>', 20::bigint,
  'the copied labels are many, as the accounts'' are');

-- a large child drawn by parallel workers copies as the serial fill does
CREATE SCHEMA wide;
CREATE TABLE wide.terminals (terminal_id int PRIMARY KEY, site text NOT NULL);
INSERT INTO wide.terminals SELECT g, (ARRAY['dock','gate','hall','yard','pier'])[1 + g % 5] || ' ' || (g % 9)
FROM generate_series(1, 60) g;
CREATE TABLE wide.taps (tap_id int PRIMARY KEY, terminal_id int NOT NULL REFERENCES wide.terminals,
                        site text NOT NULL, fare numeric(6,2) NOT NULL);
INSERT INTO wide.taps SELECT g, t.terminal_id, t.site, (g % 700) / 100.0
FROM generate_series(1, 150000) g JOIN wide.terminals t ON t.terminal_id = 1 + (g * 13) % 60;
ANALYZE wide.terminals, wide.taps;
-- fits of small tables run serially unless told otherwise
SET LOCAL synthdata.fit_parallel_min_rows = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT synth_clone_schema('wide', 'wide_parallel', seed => 9);
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT synth_clone_schema('wide', 'wide_serial', seed => 9);
SELECT is((SELECT count(*) FROM wide_parallel.taps p JOIN wide_parallel.terminals t USING (terminal_id)
           WHERE p.site IS DISTINCT FROM t.site), 0::bigint,
  'a copy holds in every row a parallel fill drew');
SELECT is((SELECT md5(string_agg(p::text, ',' ORDER BY tap_id)) FROM wide_parallel.taps p),
          (SELECT md5(string_agg(s::text, ',' ORDER BY tap_id)) FROM wide_serial.taps s),
  'the parallel fill writes the serial fill''s rows, copies included');

-- a child whose only value besides its keys is an amount of two decimals
-- that takes every value of its range (each held by 60 rows): no draw could
-- avoid a source row's amount, and none needs to
CREATE SCHEMA dense;
CREATE TABLE dense.shops (shop_id int PRIMARY KEY, city text NOT NULL);
INSERT INTO dense.shops SELECT g, (ARRAY['Arlen','Brisk','Cove'])[1 + g % 3] FROM generate_series(1, 40) g;
CREATE TABLE dense.tickets (ticket_id int PRIMARY KEY, shop_id int NOT NULL REFERENCES dense.shops,
                            fare numeric(5,2) NOT NULL);
INSERT INTO dense.tickets SELECT g, 1 + g % 40, (g % 500) / 100.0 FROM generate_series(1, 30000) g;
ANALYZE dense.shops, dense.tickets;
SELECT is((SELECT sum(rows) FROM synth_clone_schema('dense', 'dense_copy', seed => 2)), 30040::numeric,
  'a child of keys and a dense two-decimal amount is cloned (the exact-copy guard has nothing to tell)');

-- a model whose foreign key copies columns is checked like any other
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::chain.cards, jsonb_set(synth_fit('chain.cards'), '{columns,1,semantics,references,copies}',
                   '"label"'), 5)$$, '22023', 'invalid synthdata model',
  'copies that are not an array are refused');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::chain.cards, jsonb_set(synth_fit('chain.cards'), '{columns,1,semantics,references,copies}',
                   '[{"column": "label"}]'), 5)$$, '22023', 'invalid synthdata model',
  'a copy without the parent''s column is refused');

-- a parent's column the model leaves to its default (a NOT NULL time of a
-- six-row table, which k rows do not hold: now()) is no parent to follow:
-- its children keep their own times, not mirrored after now() by as long
CREATE SCHEMA lang;
CREATE TABLE lang.language (language_id int PRIMARY KEY, name text NOT NULL,
                            last_update timestamptz NOT NULL DEFAULT now());
INSERT INTO lang.language SELECT g, 'language ' || g, timestamptz '2022-02-15 10:02:19+00'
FROM generate_series(1, 6) g;
CREATE TABLE lang.film (film_id int PRIMARY KEY, language_id int NOT NULL REFERENCES lang.language,
                        length int NOT NULL, last_update timestamptz NOT NULL DEFAULT now());
INSERT INTO lang.film SELECT g, 1 + g % 6, 60 + g % 120, timestamptz '2022-09-10 16:46:03+00'
FROM generate_series(1, 1000) g;
ANALYZE lang.language, lang.film;
SELECT ok((SELECT bool_or(link = 'film.last_update >= language.last_update') FROM synth_schema_links('lang')),
  'the films'' times after their language''s are found');
SELECT is((SELECT sum(rows) FROM synth_clone_schema('lang', 'lang_copy', seed => 4)), 1006::numeric,
  'the schema is cloned');
SELECT is((SELECT count(*) FROM lang_copy.film WHERE last_update <> timestamptz '2022-09-10 16:46:03+00'), 0::bigint,
  'the films keep their own time, not one mirrored after the language''s default (now())');

SELECT * FROM finish();
ROLLBACK;
