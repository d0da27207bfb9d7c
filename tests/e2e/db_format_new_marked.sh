# A new database records its format, 2, in the meta table (4 bytes
# big-endian under "format") when budgetd first opens it, and budgetd
# verify --db passes it.
. tests/lib.sh

start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-A --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-B --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 spend H-A 100 --category other --voucher V1
expect_rc 0 spend H-B 200 --category other --voucher V2
key=$(ctl checkpoint --verifier-key)
stop_daemon

# marked_2: the database in $DB carries format 2, 4 bytes big-endian
# under "format" in the meta table.
marked_2() {
	"$PY" - "$DB" >"$T/out" <<'PYEOF' || fail "reading the format"
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=16, readonly=True, lock=False)
meta = env.open_db(b"meta", create=False)
with env.begin() as txn:
    print(txn.get(b"format", db=meta).hex())
PYEOF
	[ "$(cat "$T/out")" = 00000002 ] || fail "format mark: $(cat "$T/out")"
}

# A new database carries format 2.
marked_2

"$BUDGETD" verify --db "$DB" --key "$key" >"$T/out" 2>&1 ||
    fail "untouched database: $(cat "$T/out")"
