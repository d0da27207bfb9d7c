# The database records its format (2, in the meta table): a new database
# gets it when budgetd first opens it; a database of another format, or
# without the mark, or without one of format 2's tables, is refused by
# budgetd verify --db and by budgetd itself, with a message saying so, and
# the refusal leaves the file as it was.
. tests/lib.sh
MSG="written in another format than this budgetd's (2)"

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

start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-A --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-B --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 spend H-A 100 --category other --voucher V1
expect_rc 0 spend H-B 200 --category other --voucher V2
key=$(ctl checkpoint --verifier-key)
n=$(ctl --json status | json .entries)
stop_daemon

# A new database carries format 2.
marked_2

"$BUDGETD" verify --db "$DB" --key "$key" >"$T/out" 2>&1 ||
    fail "untouched database: $(cat "$T/out")"
sum=$(sha256sum <"$DB/data.mdb")

# refused NAME WHO PYTHON: a copy, changed by PYTHON (env, txn, meta), is
# refused by budgetd verify --db and, when WHO is "both", by budgetd at
# start; neither changes the file.
refused() {
	rm -rf "$T/copy"
	cp -r "$DB" "$T/copy"
	"$PY" - "$T/copy" <<PYEOF || fail "$1: editing failed"
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=16, map_size=1 << 30)
meta = env.open_db(b"meta")
with env.begin(write=True) as txn:
$3
PYEOF
	before=$(sha256sum <"$T/copy/data.mdb")
	"$BUDGETD" verify --db "$T/copy" --key "$key" >"$T/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "$1: verify exited $rc: $(cat "$T/out")"
	grep -q FAILED "$T/out" || fail "$1: verify: $(cat "$T/out")"
	grep -qF "$MSG" "$T/out" || fail "$1: verify: $(cat "$T/out")"
	if [ "$2" = both ]; then
		timeout 20 "$BUDGETD" -f -D "$T/copy" -S "$T/refused.sock" \
		    >"$T/out" 2>&1
		rc=$?
		[ $rc -ne 124 ] || fail "$1: budgetd served: $(cat "$T/out")"
		[ $rc -ne 0 ] || fail "$1: budgetd exited 0: $(cat "$T/out")"
		grep -qF "$MSG" "$T/out" || fail "$1: budgetd: $(cat "$T/out")"
		[ ! -e "$T/refused.sock" ] || fail "$1: budgetd listened"
		grep -q Sanitizer "$T/out" && fail "$1: $(cat "$T/out")"
	fi
	[ "$(sha256sum <"$T/copy/data.mdb")" = "$before" ] ||
	    fail "$1: the refusal changed the file"
	echo "$1: $(grep -F "$MSG" "$T/out" | head -n 1)"
}

refused "format 1" both '
    txn.put(b"format", (1).to_bytes(4, "big"), db=meta)'
refused "format 3" both '
    txn.put(b"format", (3).to_bytes(4, "big"), db=meta)'
refused "format 2 in 8 bytes" both '
    txn.put(b"format", (2).to_bytes(8, "big"), db=meta)'
refused "format 2 as text" both '
    txn.put(b"format", b"2", db=meta)'
refused "no format mark" both '
    txn.delete(b"format", db=meta)'
# What a budgetd of format 1 left: no mark, a dupsort citizen_seq index of
# every entry and no citizens table.
refused "format 1 layout" both '
    citizens = env.open_db(b"citizens", txn=txn)
    index = env.open_db(b"citizen_seq", txn=txn, dupsort=True, dupfixed=True)
    for k, v in txn.cursor(db=citizens):
        for seq in range(1, int.from_bytes(v, "big") + 1):
            txn.put(k, seq.to_bytes(8, "big"), db=index)
    txn.drop(citizens, delete=True)
    txn.delete(b"format", db=meta)'
# Without the citizens table, but marked 2: budgetd makes tables only in a
# new database, never an empty one in place of a lost one.
refused "no citizens table" both '
    txn.drop(env.open_db(b"citizens", txn=txn), delete=True)'

# The original was never touched and still serves.
[ "$(sha256sum <"$DB/data.mdb")" = "$sum" ] || fail "the original changed"
start_daemon
[ "$(ctl --json status | json .entries)" = "$n" ] || fail "status"
[ "$(ctl --json status | json .citizens)" = 2 ] || fail "citizens"
expect_rc 0 spend H-A 300 --category other --voucher V3
out=$(ctl verify) || fail "verify after the refusals: $out"
stop_daemon

# A database with no mark and no entries yet (as a budgetd stopped before
# its first write may leave it) is marked when opened, not refused.
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
marked_2
"$BUDGETD" verify --db "$DB" >"$T/out" 2>&1 || fail "marked again: $(cat "$T/out")"
