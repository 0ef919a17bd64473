# test/bench/peak.sh — sourced by the benchmarks that measure memory.
# peak SQL: runs SQL in a backend of its own (no parallel workers), samples
# the backend's RssAnon every 50 ms and prints the peak in kB; the query's
# own output goes to stderr.  Needs PSQL (an array: psql and its options).
peak() {   # runs SQL in a backend, samples its RssAnon, prints the peak in kB
    local sql="$1" out pid max=0 v
    out=$(mktemp)
    ( "${PSQL[@]}" -Atc "SELECT pg_backend_pid()" -c "SELECT pg_sleep(0.5)" \
         -c "SET max_parallel_workers_per_gather = 0" -c "\\timing on" -c "$sql" > "$out" 2>&1 ) &
    local job=$!
    sleep 0.3
    pid=$(head -1 "$out")
    while kill -0 "$job" 2>/dev/null; do
        v=$(awk '/^RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ -n "$v" ] && [ "$v" -gt "$max" ] && max=$v
        sleep 0.05
    done
    wait "$job"
    # the query's own output (result, timing, notices) goes to stderr, for the record
    tail -n +3 "$out" | grep -v '^SET$' >&2
    rm -f "$out"
    echo "$max"
}
