#!/bin/bash
# test/fuzz/run.sh — run the fuzzer (test/fuzz/fuzz.pl) on its own.
#
# Builds, installs and starts the private cluster like test/check.sh (see
# test/cluster.sh), runs the fuzzer, and stops the cluster again if it was
# not running before.  Output is TAP; the exit status is non-zero on a
# failure that test/fuzz/known.txt does not list.
#
#   bash test/fuzz/run.sh                                  # as in CI
#   SYNTHDATA_FUZZ_ITERATIONS=1000 bash test/fuzz/run.sh   # a longer run
#   SYNTHDATA_FUZZ_SEED=7 SYNTHDATA_FUZZ_TARGETS='^model/' bash test/fuzz/run.sh
#   SYNTHDATA_FUZZ_CASE='model/synth_sample:17' bash test/fuzz/run.sh
#
# The variables are described at the top of test/fuzz/fuzz.pl.

# The test cluster of test/check.sh (never the demo's): .pgdata-test, port 54316.
_sd_tree="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SYNTHDATA_PGDATA="${SYNTHDATA_TEST_PGDATA:-$_sd_tree/.pgdata-test}"
export SYNTHDATA_PGPORT="${SYNTHDATA_TEST_PGPORT:-54316}"
source "$_sd_tree/test/cluster.sh"
set +e
cd "$SD_ROOT"

running=0
sd_pguser "$("$PG_CONFIG" --bindir)/pg_ctl" -D "$SD_PGDATA" status >/dev/null 2>&1 && running=1
sd_setup || exit 1
[ "$running" = 1 ] || trap sd_stop_cluster EXIT
SYNTHDATA_PGDATA="$SD_PGDATA" perl test/fuzz/fuzz.pl
