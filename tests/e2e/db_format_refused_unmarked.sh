# A database with entries but no format mark is refused by budgetd verify
# --db and by budgetd itself, with a message saying so, and the refusal
# leaves the file as it was (only an empty one is marked: see
# db_format_empty_marked.sh).
. tests/lib.sh
MSG="written in another format than this budgetd's (2)"

start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-A --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-B --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 spend H-A 100 --category other --voucher V1
expect_rc 0 spend H-B 200 --category other --voucher V2
key=$(ctl checkpoint --verifier-key)
stop_daemon

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

refused "no format mark" both '
    txn.delete(b"format", db=meta)'
