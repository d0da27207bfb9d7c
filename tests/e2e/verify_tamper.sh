# budgetd verify --db: an untouched copy of a real daemon's database
# passes; each tampering is caught and named; the file is never changed.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
for c in A B C; do
	expect_rc 0 course open "H-$c" --pool pilot --start "$(day '1 month ago')" --grant 20000
done
i=0
while [ $i -lt 6 ]; do
	expect_rc 0 spend H-A 100 --category other --voucher "V$i"
	i=$((i + 1))
done
s=$(ctl --json spend H-B 500 --category health --voucher B1 | json .seq)
expect_rc 0 reverse "$s" --reason "fejl"
expect_rc 0 course close H-C --reason moved
key=$(ctl checkpoint --verifier-key)
n=$(ctl --json status | json .entries)
# H-A's grant (not its last entry) and H-B's last entry, for the citizens
# table's cases.
a_grant=$(ctl --json audit H-A | jq '.entries[1].seq')
b_last=$(ctl --json audit H-B | jq '.entries[-1].seq')
stop_daemon

"$BUDGETD" verify --db "$DB" --key "$key" >"$T/out" 2>&1 ||
    fail "untouched database: $(cat "$T/out")"
grep -q "kontrollerede $n posteringer" "$T/out" || fail "output: $(cat "$T/out")"
sum=$(sha256sum "$DB/data.mdb")
[ "$(sha256sum "$DB/data.mdb")" = "$sum" ] || fail "verify changed the file"

# tamper NAME PYTHON WANT: a copy, changed by PYTHON (env, tables), must
# fail verification with WANT in the message.
tamper() {
	rm -rf "$T/copy"
	cp -r "$DB" "$T/copy"
	"$PY" - "$T/copy" <<PYEOF || fail "$1: tampering failed"
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=16, map_size=1 << 30)
entries = env.open_db(b"entries")
checkpoints = env.open_db(b"checkpoints")
pools = env.open_db(b"pools")
citizens = env.open_db(b"citizens")
def key(seq): return seq.to_bytes(8, "big")
# A citizen's head in the citizens table (format 4: layout.c).
def head(citizen): return citizen + b"\0\x01"
with env.begin(write=True) as txn:
$2
PYEOF
	if "$BUDGETD" verify --db "$T/copy" --key "$key" >"$T/out" 2>&1; then
		fail "$1: passed verification"
	fi
	grep -q "$3" "$T/out" || fail "$1: want '$3', got: $(cat "$T/out")"
	echo "$1: $(grep "FEJL:" "$T/out")"
}

tamper "bit flipped in entry 7" '
    v = bytearray(txn.get(key(7), db=entries)); v[-3] ^= 1
    txn.put(key(7), bytes(v), db=entries)' "postering 7: dens bytes er ikke det blad"
tamper "entry 9 deleted" '
    txn.delete(key(9), db=entries)' "postering 9: seq har et hul"
tamper "entries 10 and 11 swapped" '
    a = txn.get(key(10), db=entries); b = txn.get(key(11), db=entries)
    txn.put(key(10), b, db=entries); txn.put(key(11), a, db=entries)' "postering 10"
tamper "tail truncated" "
    txn.delete(key($n), db=entries); txn.delete(key($((n - 1))), db=entries)" \
    "det seneste kontrolpunkt signerer $n posteringer"
tamper "checkpoint signature bit flipped" '
    c = txn.cursor(db=checkpoints); c.last(); k, v = c.item()
    v = bytearray(v); v[-10] ^= 4
    txn.put(k, bytes(v), db=checkpoints)' "ingen gyldig signatur"
tamper "pool balance edited" '
    v = bytearray(txn.get(b"pilot", db=pools)); v[-20] ^= 1
    txn.put(b"pilot", bytes(v), db=pools)' "pools: pulje pilot: granted gemt [0-9]*, journalen 6000000"

# The citizens table (citizen -> seq of their last entry), where statements
# and audits start to walk the chain: each row must name the last entry of
# its citizen, and there must be a row for every citizen and no other.
tamper "citizen's last entry moved back" "
    txn.put(head(b'H-A'), key($a_grant), db=citizens)" \
    "citizens: borger H-A: sidste postering gemt $a_grant, journalen [0-9]*"
tamper "citizen's last entry another citizen's" "
    txn.put(head(b'H-A'), key($b_last), db=citizens)" \
    "citizens: borger H-A: sidste postering gemt $b_last, journalen [0-9]*"
tamper "citizen's last entry beyond the journal" "
    txn.put(head(b'H-C'), key($((n + 5))), db=citizens)" \
    "citizens: borger H-C: sidste postering gemt $((n + 5)), journalen [0-9]*"
tamper "citizen's row deleted" '
    txn.delete(head(b"H-B"), db=citizens)' "citizens: borger H-B: ingen række, som journalen danner"
tamper "row for a citizen without entries" '
    txn.put(head(b"H-Z"), key(0), db=citizens)' "citizens: borger H-Z: en ekstra række"
tamper "citizen's row not 8 bytes" '
    txn.put(head(b"H-C"), b"\0\0\0\1", db=citizens)' "citizens: borger H-C: gemt 4 byte, journalen 8"

# Another signing key: the checkpoint no longer verifies with it.
rm -rf "$T/copy"
cp -r "$DB" "$T/copy"
head -c 32 /dev/urandom >"$T/copy/checkpoint.key"
"$BUDGETD" verify --db "$T/copy" >"$T/out" 2>&1 && fail "replaced key passed"
grep -q "ingen gyldig signatur" "$T/out" || fail "replaced key: $(cat "$T/out")"
other=$(echo "$key" | sed 's/+[0-9a-f]\{8\}+.*//')+00000000+AQ$(head -c 32 /dev/urandom | base64 | tr -d '=' | cut -c1-42)=
"$BUDGETD" verify --db "$DB" --key "$other" >"$T/out" 2>&1 && fail "a foreign --key passed"

# Garbage in the file: a clear verdict, never a crash of the caller.
rm -rf "$T/copy"
cp -r "$DB" "$T/copy"
size=$(stat -c %s "$T/copy/data.mdb")
dd if=/dev/urandom of="$T/copy/data.mdb" bs=4096 seek=2 count=$((size / 4096 - 2)) conv=notrunc 2>/dev/null
"$BUDGETD" verify --db "$T/copy" --key "$key" >"$T/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "garbage database: exit $rc: $(cat "$T/out")"
grep -q "FEJL:" "$T/out" || fail "garbage database: $(cat "$T/out")"
expect_verify_usage() { "$BUDGETD" verify >/dev/null 2>&1; [ $? -eq 2 ] || fail "usage"; }
expect_verify_usage
