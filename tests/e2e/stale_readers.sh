# Readers left in the lock file by a killed process pin old pages, so the
# daemon clears them when it starts, and says so. (When no process has the
# database open LMDB resets the reader table itself; the case that matters
# is another process holding it open, e.g. a monitoring tool.)
. tests/lib.sh
start_daemon
standard_pool
stop_daemon
# A process that holds the database open, without a transaction...
$PY - "$DB" <<'PY' &
import lmdb, sys, time
env = lmdb.open(sys.argv[1], max_dbs=16, lock=True)
open(sys.argv[1] + "/holder-ready", "w").close()
time.sleep(60)
PY
holder=$!
HELPERS=$holder
i=0
until [ -f "$DB/holder-ready" ]; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "the holder did not start"; sleep 0.05
done
rm -f "$DB/holder-ready"
# ... and a reader (python3-lmdb) that dies with its read transaction open.
$PY - "$DB" <<'PY' &
import lmdb, os, signal, sys, time
env = lmdb.open(sys.argv[1], max_dbs=16, lock=True)
txn = env.begin()
open(sys.argv[1] + "/reader-ready", "w").close()
time.sleep(60)
PY
reader=$!
i=0
until [ -f "$DB/reader-ready" ]; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "the reader did not start"; sleep 0.05
done
rm -f "$DB/reader-ready"
kill -KILL "$reader"
wait "$reader" 2>/dev/null
start_daemon
grep -q "ryddede 1 forældede LMDB-læsere" "$LOG" || fail "stale reader not cleared: $(tail -n 5 "$LOG")"
ctl verify >/dev/null || fail "verify"
kill "$holder"
