-- pgTAP: rule-less fills look like real data -- names read with their
-- table, DEFAULTs as the mode, years, amounts, flags, discounts, coherent
-- places, default NULLs, fan-out, and fake values in every locale.
-- The schemas are written here in the shape of a clinic, of pagila and of
-- chinook (no data from them).
BEGIN;
SELECT plan(72);
SET LOCAL synthdata.progress = off;

-- ---- pagila-shaped ----
CREATE DOMAIN year AS integer CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE TABLE language (language_id serial PRIMARY KEY, name character(20) NOT NULL);
CREATE TABLE category (category_id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE film (
    film_id          serial PRIMARY KEY,
    title            text NOT NULL,
    description      text,
    release_year     year,
    language_id      integer NOT NULL REFERENCES language,
    rental_duration  smallint DEFAULT 3 NOT NULL,
    rental_rate      numeric(4,2) DEFAULT 4.99 NOT NULL,
    length           smallint,
    last_update      timestamptz DEFAULT now() NOT NULL,
    replacement_cost numeric(5,2) DEFAULT 19.99 NOT NULL,
    rating           mpaa_rating DEFAULT 'G'
);
CREATE TABLE customer (
    customer_id serial PRIMARY KEY,
    first_name  text NOT NULL,
    last_name   text NOT NULL,
    email       text,
    activebool  boolean DEFAULT true NOT NULL,
    active      integer,
    city        text NOT NULL,
    state       text NOT NULL,
    postal_code text NOT NULL,
    country     text NOT NULL,
    phone       text NOT NULL,
    password    varchar(40)
);
CREATE TABLE customer_profile (
    profile_id  serial PRIMARY KEY,
    customer_id integer NOT NULL UNIQUE REFERENCES customer,
    bio         text
);
CREATE TABLE rental (
    rental_id   serial PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customer,
    amount      numeric(5,2) NOT NULL,
    rental_date timestamptz NOT NULL,
    return_date timestamptz
);

-- ---- chinook-shaped ----
CREATE TABLE genre (genre_id int PRIMARY KEY, name varchar(120));
CREATE TABLE media_type (media_type_id int PRIMARY KEY, name varchar(120));
CREATE TABLE artist (artist_id int PRIMARY KEY, name varchar(120));
CREATE TABLE album (album_id int PRIMARY KEY, title varchar(160) NOT NULL,
                    artist_id int NOT NULL REFERENCES artist);
CREATE TABLE track (
    track_id      int PRIMARY KEY,
    name          varchar(200) NOT NULL,
    album_id      int REFERENCES album,
    media_type_id int NOT NULL REFERENCES media_type,
    genre_id      int REFERENCES genre,
    unit_price    numeric(4,2) NOT NULL
);
CREATE TABLE invoice_line (
    invoice_line_id int PRIMARY KEY,
    track_id        int NOT NULL REFERENCES track,
    quantity        int NOT NULL,
    discount        numeric(4,2) NOT NULL,
    discount_real   real NOT NULL
);

-- ---- clinic-like ----
CREATE TABLE patient (
    patient_id        serial PRIMARY KEY,
    title_of_courtesy varchar(25) NOT NULL,
    first_name        text NOT NULL,
    middlename        text NOT NULL,
    last_name         text NOT NULL,
    district          varchar(20) NOT NULL,
    contact_title     varchar(30) NOT NULL,
    notes             text,
    allergy_note      text,
    is_active         smallint NOT NULL
);
CREATE TABLE prescription (
    prescription_id serial PRIMARY KEY,
    patient_id      int NOT NULL REFERENCES patient,
    drug            text NOT NULL,
    product_name    text NOT NULL,
    quantity        int NOT NULL
);

SELECT is((SELECT sum(rows) FROM synth_fill_schema(
    '{"language": 6, "category": 16, "film": 1000, "customer": 600, "customer_profile": 500,
      "rental": 6000, "genre": 25, "media_type": 5, "artist": 200, "album": 300,
      "track": 2000, "invoice_line": 2000, "patient": 2000, "prescription": 3000}',
    '{}', 7)), 17652::numeric, 'pagila-, chinook- and clinic-shaped schemas fill with no rules');

-- names read with their table
SELECT ok((SELECT bool_and(trim(name) ~ '^[A-Z][a-z]+$') FROM language), 'language.name is a short label');
SELECT ok((SELECT bool_and(trim(name) IN ('English', 'French', 'German', 'Japanese', 'Mandarin', 'Italian', 'Spanish',
                                          'Dutch', 'Portuguese', 'Korean', 'Russian', 'Arabic', 'Hindi', 'Swedish',
                                          'Polish', 'Turkish', 'Greek', 'Danish')) FROM language),
          'language.name is a language');
SELECT is((SELECT count(DISTINCT name) FROM language), 6::bigint, 'a lookup table lists each label once');
SELECT ok((SELECT bool_and(name ~ '^[A-Z][A-Za-z-]+( [A-Z][a-z]+)?$') FROM category), 'category.name is a short label');
SELECT ok((SELECT bool_and(name ~ '^[A-Z][A-Za-z-]+( [A-Z][a-z]+)?$') FROM genre), 'genre.name is a short label');
SELECT ok((SELECT bool_and(name !~ '[.]' AND length(name) <= 30 AND array_length(string_to_array(name, ' '), 1) <= 4)
           FROM media_type), 'media_type.name is a short label');
SELECT ok((SELECT bool_and(title ~ '^[A-Z][a-z]+( (of|the|[A-Z][a-z]+)){1,3}$') FROM film),
          'film.title is a title (capitalised words)');
SELECT is((SELECT count(*) FROM album WHERE title IN (SELECT synth_fake(3000, 'job_title', 'en', 1))),
          0::bigint, 'album.title is no job title');
SELECT ok((SELECT bool_and(title ~ '^[A-Z][a-z]+( (of|the|[A-Z][a-z]+)){1,3}$') FROM album),
          'album.title is a title');
SELECT ok((SELECT bool_and(name ~ '^[A-Z][a-z]+( (of|the|[A-Z][a-z]+)){1,3}$') FROM track),
          'track.name is a title');
SELECT ok((SELECT bool_and(product_name ~ '^[A-Z][a-z]+( (of|the|[A-Z][a-z]+)){1,3}$') FROM prescription),
          'product_name is a title');
SELECT ok((SELECT bool_and(title_of_courtesy IN ('Mr.', 'Ms.', 'Mrs.', 'Dr.')) FROM patient),
          'title_of_courtesy is Mr/Ms/Mrs/Dr');
SELECT is((SELECT count(DISTINCT title_of_courtesy) FROM patient), 4::bigint, 'all four forms occur');
SELECT is((SELECT count(*) FROM patient WHERE contact_title NOT IN (SELECT synth_fake(5000, 'job_title', 'en', 1))),
          0::bigint, 'contact_title is a job title');
SELECT ok((SELECT bool_and(middlename ~ '^[A-Z][a-z]+$') FROM patient), 'middlename is one name');
SELECT ok((SELECT bool_and(district !~ '[.]' AND array_length(string_to_array(district, ' '), 1) <= 3) FROM patient),
          'district is a region, not a sentence');
SELECT ok((SELECT bool_and(drug ~ '^[A-Z][a-z]+$') FROM prescription), 'drug is a label, not a sentence');
SELECT ok((SELECT bool_and(name ~ '^[A-Z][a-z''-]+ [A-Z][A-Za-z''-]+$') FROM artist WHERE name IS NOT NULL),
          'artist.name is a person''s name');

SELECT ok((SELECT bool_and(password ~ '^[0-9a-f]{40}$') FROM customer WHERE password IS NOT NULL),
          'a password column holds a hex digest, not a sentence');
SELECT ok((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY length) BETWEEN 80 AND 125 FROM film),
          'a film''s length is in minutes (median 100 +- 20)');

-- DEFAULTs are the mode, not the only value
SELECT cmp_ok((SELECT count(DISTINCT last_update) FROM film), '>', 900::bigint,
              'DEFAULT now() is spread over time, not one instant for every row');
SELECT is((SELECT mode() WITHIN GROUP (ORDER BY rental_duration) FROM film), 3::smallint,
          'rental_duration: the default is the mode');
SELECT ok((SELECT avg((rental_duration = 3)::int) BETWEEN 0.45 AND 0.85 FROM film),
          'rental_duration: the default in 45-85% of rows');
SELECT is((SELECT mode() WITHIN GROUP (ORDER BY rental_rate) FROM film), 4.99, 'rental_rate: the default is the mode');
SELECT cmp_ok((SELECT count(DISTINCT rental_rate) FROM film), '>=', 4::bigint, 'rental_rate varies');
SELECT ok((SELECT bool_and(rental_rate - floor(rental_rate) = 0.99) FROM film),
          'rental_rate keeps the default''s .99 ending');
SELECT is((SELECT mode() WITHIN GROUP (ORDER BY rating) FROM film), 'G'::mpaa_rating, 'rating: the default enum label is the mode');
SELECT is((SELECT count(DISTINCT rating) FROM film), 5::bigint, 'rating: every label occurs');
SELECT ok((SELECT avg(activebool::int) BETWEEN 0.65 AND 0.85 FROM customer), 'activebool: mostly the default true');

-- years, amounts, quantities, flags, discounts
SELECT ok((SELECT bool_and(release_year BETWEEN 1901 AND extract(year FROM now())) FROM film),
          'year domain 1901-2155 gives years up to now');
SELECT cmp_ok((SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY release_year::int) FROM film), '>=',
              (extract(year FROM now()) - 30)::int, 'release years are mostly recent (median in the last 30 years)');
SELECT ok((SELECT bool_and(unit_price BETWEEN 0.01 AND 99.99) FROM track), 'numeric(4,2) price within its type');
SELECT cmp_ok((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY unit_price) FROM track)::numeric, '<', 20::numeric,
              'numeric(4,2) price scaled to its column (median below 20)');
SELECT cmp_ok((SELECT count(*) FROM track WHERE unit_price = 99.99), '<', 40::bigint,
              'few prices pile up at the top of the type');
SELECT ok((SELECT bool_and(quantity BETWEEN 1 AND 100) AND percentile_disc(0.5) WITHIN GROUP (ORDER BY quantity) <= 5
           FROM invoice_line), 'quantities are small');
SELECT ok((SELECT bool_and(is_active IN (0, 1)) FROM patient), 'smallint is_active flag is 0/1');
SELECT ok((SELECT avg(is_active) BETWEEN 0.75 AND 0.95 FROM patient), 'flags mostly 1 (85% +- 10%)');
SELECT ok((SELECT bool_and(active IN (0, 1)) FROM customer WHERE active IS NOT NULL), 'integer active flag is 0/1');
SELECT ok((SELECT bool_and(discount BETWEEN 0 AND 0.3 AND discount_real BETWEEN 0 AND 0.3::real) FROM invoice_line),
          'discounts 0-0.3 in numeric(4,2) and real');
SELECT ok((SELECT avg((discount = 0)::int) BETWEEN 0.4 AND 0.6 FROM invoice_line), 'no discount in about half the rows');

-- coherent places
SELECT is((SELECT count(*) FROM customer WHERE country <> 'United States'), 0::bigint,
          'the country of a row with a city is the locale''s');
SELECT is((SELECT count(*) FROM (SELECT city, state FROM customer GROUP BY city, state
                                  HAVING count(DISTINCT left(postal_code, 3)) > 1) s),
          0::bigint, 'each city lies in one postal area of its state');
SELECT cmp_ok((SELECT count(*) FROM (SELECT city FROM customer GROUP BY city HAVING count(DISTINCT state) > 1) s),
              '<=', 10::bigint, 'a city name in several states only for the few homonyms (Augusta, Charleston...)');

-- an end after its start
SELECT is((SELECT count(*) FROM rental WHERE return_date < rental_date), 0::bigint,
          'return_date is after rental_date');
SELECT cmp_ok((SELECT count(*) FROM rental WHERE return_date IS NULL), '>', 0::bigint,
              'some rentals are not returned yet (default NULLs)');

-- default NULLs
SELECT ok((SELECT avg((notes IS NULL)::int) BETWEEN 0.07 AND 0.13 FROM patient),
          'nullable columns: 10% NULL by default (+- 3%)');
SELECT ok((SELECT avg((email IS NULL)::int) BETWEEN 0.06 AND 0.14 FROM customer), 'nullable email: 10% NULL');
SELECT is((SELECT count(*) FROM film WHERE title IS NULL OR rating IS NULL), 0::bigint,
          'titles and columns with a DEFAULT get no default NULLs');
SELECT is((SELECT count(*) FROM genre WHERE name IS NULL), 0::bigint, 'a label table''s name is never NULL by default');
CREATE TABLE nulls_t (id int PRIMARY KEY, a text, b text, c int);
SELECT is(synth_fill('nulls_t', 2000, '{"b": {"null": 0}, "c": {"null": 0.5}}', seed => 3), 2000::bigint, 'fill with null rules');
SELECT is((SELECT count(*) FROM nulls_t WHERE b IS NULL), 0::bigint, 'a "null": 0 rule overrides the default share');
SELECT ok((SELECT avg((c IS NULL)::int) BETWEEN 0.45 AND 0.55 FROM nulls_t), 'a "null": 0.5 rule overrides the default share');
SET LOCAL synthdata.null_share = 0.3;
TRUNCATE nulls_t;
SELECT is(synth_fill('nulls_t', 2000, seed => 3), 2000::bigint, 'fill with synthdata.null_share = 0.3');
SELECT ok((SELECT avg((a IS NULL)::int) BETWEEN 0.26 AND 0.34 FROM nulls_t), 'synthdata.null_share sets the share');
RESET synthdata.null_share;

-- fan-out
SELECT is((SELECT count(DISTINCT customer_id) FROM customer_profile), 500::bigint,
          'a UNIQUE foreign key is 1:1');
SELECT cmp_ok((SELECT max(c) / avg(c) FROM (SELECT count(*) c FROM rental GROUP BY customer_id) s), '>', 2::numeric,
              'children per parent are skewed (max/mean > 2)');
SELECT cmp_ok((SELECT count(DISTINCT customer_id) FROM rental), '>=', 540::bigint,
              'skewed fan-out still reaches at least 90% of the parents');

-- locales
CREATE TABLE person (
    id          int PRIMARY KEY,
    full_name   text NOT NULL,
    email       text NOT NULL,
    phone       text NOT NULL,
    city        text NOT NULL,
    postal_code text NOT NULL,
    country     text NOT NULL
);
CREATE FUNCTION fill_in(loc text) RETURNS SETOF person LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('synthdata.locale', loc, true);
    TRUNCATE person;
    PERFORM synth_fill('person', 300, seed => 11);
    RETURN QUERY SELECT * FROM person;
END $$;
SELECT ok((SELECT bool_and(phone ~ '^(\+33 |0)[1-6] \d\d \d\d \d\d \d\d$' AND postal_code ~ '^\d{5}$'
                    AND country = 'France' AND full_name ~ '^\S+ \S+$') FROM fill_in('fr')),
          'fr: phone, postal code, country, names');
SELECT ok((SELECT bool_and(phone ~ '^(\+34 )?[69]\d\d \d{3} \d{3}$' AND postal_code ~ '^\d{5}$'
                    AND country = 'España') FROM fill_in('es')), 'es: phone, postal code, country');
SELECT ok((SELECT bool_and(phone ~ '^(\+39 )?(0\d|3\d\d) \d{4} \d{4}$' AND postal_code ~ '^\d{5}$'
                    AND country = 'Italia') FROM fill_in('it')), 'it: phone, postal code, country');
SELECT ok((SELECT bool_and(phone ~ '^(06-\d{8}|0\d\d-\d{7}|\+31 6 \d{8}|\+31 \d\d \d{3} \d{4})$'
                    AND postal_code ~ '^\d{4} [A-Z]{2}$' AND country = 'Nederland') FROM fill_in('nl')),
          'nl: phone, postal code 1234 AB, country');
SELECT ok((SELECT bool_and(phone ~ '^(\+55 )?\(\d\d\) 9?\d{4}-\d{4}$' AND postal_code ~ '^\d{5}-\d{3}$'
                    AND country = 'Brasil') FROM fill_in('pt_BR')), 'pt_BR: phone, CEP, country');
SELECT ok((SELECT bool_and(full_name ~ '^[\u3005\u3040-\u30ff\u4e00-\u9fff]+ [\u3005\u3040-\u30ff\u4e00-\u9fff]+$'
                    AND city ~ '^[\u4e00-\u9fff]+$' AND phone ~ '^0[3689]0?-\d{4}-\d{4}$'
                    AND postal_code ~ '^\d{3}-\d{4}$' AND country = '日本') FROM fill_in('ja')),
          'ja: names and cities in Japanese script, phone, postal code');
SELECT ok((SELECT bool_and(email ~ '^[a-z0-9._]+[a-z][a-z0-9._]*@[a-z.]+$') FROM fill_in('ja')),
          'ja: email addresses are romanised');
SELECT ok((SELECT count(DISTINCT full_name) > 100 AND bool_and(full_name ~ '[àâäçéèêëîïôöùûüÿœ]' IS NOT NULL)
           FROM fill_in('fr')), 'fr: varied names');
SELECT ok((SELECT bool_or(full_name ~ '[éèçëï]') FROM fill_in('fr')), 'fr: names keep their accents');
SELECT is((SELECT md5(string_agg(p::text, ',' ORDER BY id)) FROM fill_in('pt_BR') p),
          (SELECT md5(string_agg(p::text, ',' ORDER BY id)) FROM fill_in('pt_BR') p), 'a locale''s fill is reproducible');
SELECT ok((SELECT bool_and(v ~ '^\d{4} [A-Z]{2}$') FROM synth_fake(200, 'postal_code', 'nl_NL', 1) v),
          'synth_fake takes the new locales');
SELECT ok((SELECT bool_and(full_name ~ '^[\u3005\u4e00-\u9fff\u3040-\u30ff]+ ') FROM
           (SELECT (r).full_name FROM synth_rows(NULL::person, 50, '{"full_name": "fake(''full_name'', ''ja'')"}', 2) r) s),
          'a locale per column through a fake() rule');
SELECT throws_ok($$SET synthdata.locale = 'xx'$$, '22023', NULL, 'an unknown locale is refused');
CREATE FUNCTION huge_text_outcome() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM count(*) FROM synth_fake_text(50, 2147483647, 2147483647, 'ja', 5);
    RETURN 'finished';
EXCEPTION
    WHEN query_canceled THEN RETURN 'canceled';
    WHEN OTHERS THEN RETURN SQLSTATE;
END $$;
SET LOCAL statement_timeout = '1s';
SELECT is(huge_text_outcome(), 'canceled', 'a huge text is cancellable (statement_timeout)');
RESET statement_timeout;

SELECT * FROM finish();
ROLLBACK;
