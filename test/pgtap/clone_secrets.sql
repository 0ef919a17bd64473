-- Secrets (passwords and their hashes, salts, API keys, access and reset
-- tokens) never show a value of their own in a clone, however many rows
-- share one: fresh values of their shapes and lengths.  "token" or "key"
-- alone, or "pass" (pass or fail), name no secret.
BEGIN;
SELECT plan(11);
SET LOCAL client_min_messages = warning;

CREATE TABLE sec_users (
  id int PRIMARY KEY,
  username text NOT NULL,
  password text NOT NULL,          -- one hash shared by every row, as pagila's staff
  passwordSalt text,
  api_key text UNIQUE,
  reset_token text,                -- NULL in most rows
  result text NOT NULL,            -- "pass" or "fail": a category
  token text NOT NULL,             -- words of a corpus: a category
  credentials text NOT NULL        -- MD, PhD, RN: a category
);
INSERT INTO sec_users
SELECT g, 'user' || g, '8cb2237d0679ca88db6464eac60da96345513964',
       substr(md5('salt' || (g % 4)), 1, 16),
       md5('key' || g),
       CASE WHEN g % 10 = 0 THEN md5('reset' || g) END,
       (ARRAY['pass', 'fail'])[1 + g % 2],
       (ARRAY['the', 'cat', 'sat', 'on', 'a', 'mat'])[1 + g % 6],
       (ARRAY['MD', 'PhD', 'RN'])[1 + g % 3]
FROM generate_series(1, 2000) g;
ANALYZE sec_users;

CREATE TEMP TABLE sec_cols AS SELECT * FROM synth_columns('sec_users');
CREATE TEMP TABLE sec_c AS SELECT * FROM synth_clone(NULL::sec_users, 3000, seed => 6);

SELECT is((SELECT string_agg("column" || ':' || model_kind, ',' ORDER BY "column") FROM sec_cols
           WHERE "column" IN ('password', 'passwordsalt', 'api_key', 'reset_token')),
          'api_key:format,password:format,passwordsalt:format,reset_token:format',
    'passwords, salts, API keys and reset tokens are modelled by their shapes');
SELECT is((SELECT string_agg("column" || ':' || model_kind, ',' ORDER BY "column") FROM sec_cols
           WHERE "column" IN ('result', 'token')),
          'result:categorical,token:categorical', '"pass" or "fail" and a corpus''s tokens stay categories');
SELECT is((SELECT count(*) FROM sec_c WHERE password = '8cb2237d0679ca88db6464eac60da96345513964'), 0::bigint,
    'the password hash every source row shares is never emitted');
SELECT is((SELECT count(*) FROM sec_c c JOIN sec_users s ON s.passwordsalt = c.passwordsalt), 0::bigint,
    'no salt is a source salt (4 salts of 500 rows each)');
SELECT is((SELECT count(*) FROM sec_c c JOIN sec_users s ON s.api_key = c.api_key), 0::bigint,
    'no API key is a source key');
SELECT is((SELECT count(*) FROM sec_c c JOIN sec_users s ON s.reset_token = c.reset_token), 0::bigint,
    'no reset token is a source token');
SELECT ok((SELECT bool_and(length(password) = 40) AND bool_and(length(api_key) = 32) FROM sec_c),
    'secrets keep their lengths (40 and 32 characters)');
SELECT is((SELECT count(DISTINCT api_key) FROM sec_c), 3000::bigint, 'a unique API key stays unique');
SELECT ok(abs((SELECT avg((reset_token IS NULL)::int) FROM sec_c) - 0.9) < 0.03,
    'reset tokens keep their NULL share (90%)');
SELECT ok((SELECT count(DISTINCT result) = 2 AND count(DISTINCT token) = 6 FROM sec_c),
    'the categories come back');
SELECT is((SELECT model_kind FROM sec_cols WHERE "column" = 'credentials'), 'categorical',
    'credentials (MD, PhD, RN) are no secret');

SELECT * FROM finish();
ROLLBACK;
