#!/bin/bash
# test/browser/render.sh — synth_report rendered by a real browser.
#
# Builds a small production-shaped table (keys, names, emails, places, free
# text, categories, numbers, times) and a synthetic one, writes
# synth_report() to a file and loads it in Debian's headless Chromium: the
# page must load without console messages or uncaught errors, and its
# screenshot must be a real picture (larger than that of a blank page).  A
# control page with a console error must be caught, so the check can fail.
# Prints TAP lines; test/check.sh counts them.
#
# Chromium is installed (apt-get) when missing.  When it cannot be, the
# test is skipped with a message -- unless SYNTHDATA_REQUIRE_BROWSER=1 (set
# by .ci/run), which makes that a failure.
#
# Environment: PG_CONFIG, PGHOST, PGPORT, PGUSER as set by test/cluster.sh;
# the database is $1 (default synthdata).
set -u
DB="${1:-synthdata}"
PSQL="$("${PG_CONFIG:-pg_config}" --bindir)/psql"
TMP="$(mktemp -d)"
chmod 755 "$TMP"
trap 'rm -rf "$TMP"' EXIT
n=0
tap() {    # tap ok|"not ok" description
    n=$((n + 1)); echo "$1 $n - $2"
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

BROWSER=""
find_browser() {
    for b in chromium chromium-browser; do
        command -v "$b" >/dev/null 2>&1 && { BROWSER="$b"; return 0; }
    done
    return 1
}
if ! find_browser; then
    echo "# installing chromium (apt-get)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium >/dev/null 2>&1
    find_browser
fi
if [ -z "$BROWSER" ]; then
    if [ "${SYNTHDATA_REQUIRE_BROWSER:-0}" = 1 ]; then
        echo "1..1"
        tap "not ok" "chromium is required (SYNTHDATA_REQUIRE_BROWSER=1) but could not be installed"
        exit 1
    fi
    echo "1..0 # SKIP chromium is not installed and could not be installed: the report was not rendered in a browser"
    exit 0
fi
echo "1..5"

# chromium refuses to run as root without --no-sandbox
render() {    # render page.html shot.png log
    timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --enable-logging=stderr --v=0 --window-size=1400,1000 \
        --screenshot="$2" "file://$1" > /dev/null 2> "$3"
}
console_errors() { grep -E 'CONSOLE|Uncaught' "$1"; }

"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$DB" > /dev/null 2> "$TMP/sql.log" <<'SQL'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS browser_test CASCADE;
CREATE SCHEMA browser_test;
CREATE TABLE browser_test.patients (
    id serial PRIMARY KEY, first_name text, email text UNIQUE, city text,
    ward text, systolic int, admitted timestamptz, notes text);
INSERT INTO browser_test.patients (first_name, email, city, ward, systolic, admitted, notes)
SELECT fn.v, lower(fn.v) || '.' || i || '@mail.org', ci.v,
       (ARRAY['cardiology', 'oncology', 'icu'])[1 + i % 3], 100 + (i * 13) % 60,
       timestamptz '2024-01-01 00:00+00' + ((i * 104729) % 31536000) * interval '1 second', tx.v
FROM generate_series(1, 3000) i
JOIN synth_fake(3000, 'first_name', seed => 1) WITH ORDINALITY fn(v, i) USING (i)
JOIN synth_fake(3000, 'city', seed => 1) WITH ORDINALITY ci(v, i) USING (i)
JOIN synth_fake_text(3000, 30, 120, seed => 1) WITH ORDINALITY tx(v, i) USING (i);
ANALYZE browser_test.patients;
CREATE TABLE browser_test.patients_synth AS
SELECT * FROM synth_clone(NULL::browser_test.patients, 3000, seed => 2);
SQL
rc=$?
"$PSQL" -X -At -d "$DB" -c "SELECT synth_report('browser_test.patients', 'browser_test.patients_synth', '{\"seed\": 1}')" \
    > "$TMP/report.html" 2>> "$TMP/sql.log"
if [ $rc = 0 ] && [ -s "$TMP/report.html" ]; then
    tap ok "synth_report wrote a page ($(wc -c < "$TMP/report.html") bytes)"
else
    tap "not ok" "synth_report wrote a page"; sed 's/^/# /' "$TMP/sql.log"
fi
"$PSQL" -X -q -d "$DB" -c "DROP SCHEMA browser_test CASCADE" > /dev/null 2>&1

render "$TMP/report.html" "$TMP/report.png" "$TMP/report.log"
rc=$?
if [ $rc = 0 ]; then tap ok "chromium loaded the report"; else tap "not ok" "chromium loaded the report (exit $rc)"; sed 's/^/# /' "$TMP/report.log"; fi
if console_errors "$TMP/report.log" > "$TMP/errors"; then
    tap "not ok" "the report loads without console errors"; sed 's/^/# /' "$TMP/errors"
else
    tap ok "the report loads without console errors"
fi

printf '<!DOCTYPE html><html><body></body></html>' > "$TMP/blank.html"
render "$TMP/blank.html" "$TMP/blank.png" "$TMP/blank.log"
shot=$(stat -c %s "$TMP/report.png" 2>/dev/null || echo 0)
blank=$(stat -c %s "$TMP/blank.png" 2>/dev/null || echo 0)
if [ "$shot" -gt $((blank * 4)) ] && [ "$blank" -gt 0 ]; then
    tap ok "the screenshot is a picture ($shot bytes; a blank page $blank)"
else
    tap "not ok" "the screenshot is a picture ($shot bytes; a blank page $blank)"
fi

# the check can fail: a page with a console error is caught
printf '<!DOCTYPE html><html><body><script>console.error("x"); no_such_function();</script></body></html>' > "$TMP/bad.html"
render "$TMP/bad.html" "$TMP/bad.png" "$TMP/bad.log"
if console_errors "$TMP/bad.log" > /dev/null; then
    tap ok "a control page with a console error is caught"
else
    tap "not ok" "a control page with a console error is caught"
fi
