# The verifier accepts a text or document missing exactly where an erasure
# covers it: the erased table is compared with the replay like every
# table the rules keep (a row deleted, added or changed fails), and a text
# gone from an entry no erasure covers is still caught.
. tests/lib.sh
. tests/fixtures/faketime.sh
. tests/fixtures/documents.sh
. tests/fixtures/erasure.sh
erasable_ledger
start_daemon
e=$(ctl --json erase H-1 --reason "Opbevaringstiden er udløbet" | json .seq)
[ -n "$e" ] || fail "erase"
expect_rc 0 pool create p24 --cap 50000 --months 12 --from 2024-01-01 --to 2025-12-31
f=$(ctl --json pool fund p24 1000 --note "efter sletningen" | json .seq)
stop_daemon
"$REAL_BUDGETD" verify --db "$DB" --key "$KEY" >"$T/out" 2>&1 ||
    fail "untouched: $(cat "$T/out")"

tamper() {	# CASE PYTHON WANT
	rm -rf "$T/copy"
	cp -r "$DB" "$T/copy"
	"$PY" - "$T/copy" <<PYEOF || fail "$1: tampering failed"
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=64, map_size=1 << 30)
erased = env.open_db(b"erased", create=False)
texts = env.open_db(b"texts", create=False)
def seq(n): return n.to_bytes(8, "big")
with env.begin(write=True) as txn:
$2
PYEOF
	"$REAL_BUDGETD" verify --db "$T/copy" --key "$KEY" >"$T/out" 2>&1 &&
	    fail "$1: not caught: $(cat "$T/out")"
	grep -q "$3" "$T/out" || fail "$1: want '$3', got: $(cat "$T/out")"
	echo "caught: $1: $(grep "FEJL:" "$T/out")"
}
tamper "the erasure forgotten" '
    txn.delete(b"H-1", db=erased)' "erased: borger H-1"
tamper "an erasure that never was" '
    txn.put(b"H-2", seq(1) + seq(1), db=erased)' "erased: borger H-2"
tamper "an erasure reaching further" '
    v = txn.get(b"H-1", db=erased)
    txn.put(b"H-1", v[:8] + seq(int.from_bytes(v[8:], "big") + 5), db=erased)' \
    "erased: borger H-1"
tamper "a text gone after the erasure" "
    txn.delete(seq($f), db=texts)" "texts: teksten for postering $f mangler"
