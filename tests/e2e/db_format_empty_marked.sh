# A database with no format mark and no entries yet (as a budgetd stopped
# before its first write may leave it) is marked format 4 when opened, not
# refused, and budgetd verify --db passes it.
. tests/lib.sh
. tests/fixtures/db_format.sh

rm -rf "$T/empty"
mkdir -m 700 "$T/empty"
DB=$T/empty
start_daemon
stop_daemon
"$PY" - "$DB" <<'PYEOF' || fail "removing the mark"
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=16, map_size=1 << 30)
meta = env.open_db(b"meta")
with env.begin(write=True) as txn:
    assert txn.delete(b"format", db=meta)
PYEOF
start_daemon
standard_pool pilot 1000
stop_daemon
marked_4
"$BUDGETD" verify --db "$DB" >"$T/out" 2>&1 || fail "marked again: $(cat "$T/out")"
