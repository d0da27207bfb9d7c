# budgetd verify compares every table the daemon keeps with the replay of
# the journal. A real daemon's database with rows in every table; then,
# for each table the database itself names (so a table added later is
# tampered with here and fails until the verifier checks it), a row
# deleted, a row added and a value changed, each in a fresh copy: each
# must fail verification and name the table. Forged older checkpoints
# too. VERIFY_BUDGETD runs another verifier against the same cases.
. tests/lib.sh
VERIFIER=${VERIFY_BUDGETD:-$BUDGETD}
start_daemon
standard_pool pilot 100000
for c in A B C; do
	expect_rc 0 course open "H-$c" --pool pilot --start "$(day '1 month ago')" --grant 20000
done
s1=$(ctl --json spend H-A 500 --category health --voucher V1 | json .seq)
expect_rc 0 reverse "$s1" --reason "fejl"
"$PY" scripts/documents.py pdf "$T/v2.pdf" 20000 "Faktura V2" || fail "pdf"
expect_rc 0 spend H-A 207 --category health --voucher V2 --note "Tandlæge" \
    --receipt "$T/v2.pdf"
expect_rc 0 refund H-A 7 --category health --voucher R1
r1=$(ctl --json reserve H-A 3000 --category education | json .seq)
expect_rc 0 capture "$r1" 2400 --voucher INV-1
expect_rc 0 reserve H-B 1000 --category education
expect_rc 0 reserve H-B 500 --category transport
expect_rc 0 course close H-C --reason moved
# An archive record of H-A's entries (the archived table).
mkdir -p "$T/py"
protoc --proto_path=proto --python_out="$T/py" proto/borgerbudget.proto || fail "protoc"
"$PY" - "$BUDGETD_SOCKET" "$T/py" "$(ctl --json status | json .entries)" <<'PY' || fail "archive record"
import hashlib, sys, uuid
sys.path.insert(0, sys.argv[2]); sys.path.insert(0, "tests/python")
import borgerbudget_pb2 as pb
from budgetd import Budgetd, check
r = Budgetd(sys.argv[1]).call([pb.Op(id=uuid.uuid4().bytes,
    archive_record=pb.ArchiveRecord(citizen="H-A", through=int(sys.argv[3]),
    package_sha256=hashlib.sha256(b"SHA256SUMS").digest()))]).results[0]
check(r.code == pb.OK, "archive record: %s" % r)
PY
key=$(ctl checkpoint --verifier-key)
n=$(ctl --json status | json .entries)
stop_daemon

"$VERIFIER" verify --db "$DB" --key "$key" >"$T/out" 2>&1 ||
    fail "untouched database: $(cat "$T/out")"

# What a message must name for each table: the table, or for the journal's
# own tables what broke. A table not listed must be named as it is.
want_of() {
	case $1 in
	entries)	echo 'postering\|træ' ;;
	tree)		echo 'træ\|blad, Merkle-træet' ;;
	checkpoints)	echo 'kontrolpunkt\|checkpoints:' ;;
	pools)		echo 'pool' ;;
	courses)	echo 'course' ;;
	citizens)	echo 'citizens\|courses\|category_spent' ;;
	meta)		echo 'meta\|format\|ikke en borgerbudget-database' ;;
	*)		echo "$1" ;;
	esac
}

bad=0
# tamper CASE PYTHON WANT: a fresh copy changed by PYTHON (txn, db, rows)
# must fail verification with WANT in the message.
tamper() {
	rm -rf "$T/copy"
	cp -r "$DB" "$T/copy"
	"$PY" - "$T/copy" "$TABLE" <<PYEOF || fail "$1: tampering failed"
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=64, map_size=1 << 30)
db = env.open_db(sys.argv[2].encode(), create=False)
def key(seq): return seq.to_bytes(8, "big")
def bump(b): return (int.from_bytes(b, "big") + 1).to_bytes(len(b), "big")
with env.begin(write=True) as txn:
    rows = list(txn.cursor(db=db))
    assert rows, "no rows"
    mid = rows[len(rows) // 2]
$2
PYEOF
	if "$VERIFIER" verify --db "$T/copy" --key "$key" >"$T/out" 2>&1; then
		echo "NOT CAUGHT: $1: $(cat "$T/out")"
		bad=$((bad + 1))
	elif ! grep -q "$3" "$T/out"; then
		echo "NOT NAMED: $1: want '$3', got: $(cat "$T/out")"
		bad=$((bad + 1))
	else
		echo "caught: $1: $(grep "FEJL:" "$T/out")" >>"$T/caught"
	fi
}

tables=$("$PY" - "$DB" <<'PYEOF'
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=64, readonly=True, lock=False)
with env.begin() as txn:
    for k, _ in txn.cursor():
        print(k.decode())
PYEOF
)
[ -n "$tables" ] || fail "no tables in the database"
for TABLE in $tables; do
	want=$(want_of "$TABLE")
	# Erasures need years on the daemon's clock: erase_tamper.sh
	# tampers with that table.
	[ "$TABLE" = erased ] && continue
	"$PY" - "$DB" "$TABLE" <<'PYEOF' || fail "$TABLE: no rows to tamper with"
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=64, readonly=True, lock=False)
db = env.open_db(sys.argv[2].encode(), create=False)
with env.begin() as txn:
    sys.exit(0 if txn.stat(db)["entries"] > 0 else 1)
PYEOF
	if [ "$TABLE" = checkpoints ]; then
		# Checkpoints are signed on a schedule, so no size must have
		# one; but each names the one signed before it, and a journal
		# without any is refused (the daemon signs its first commit).
		# The latest deleted leaves a tail the timer had not signed
		# yet, which an auditor who kept the notes catches (consistency,
		# proof_consistency.sh).
		tamper "$TABLE: a row deleted" '
    txn.delete(mid[0], db=db)' \
		    "kontrolpunkt over [0-9]* posteringer: det blev signeret efter kontrolpunktet over [0-9]* posteringer, som tabellen mangler"
		tamper "$TABLE: the first row deleted" '
    txn.delete(rows[0][0], db=db)' \
		    "kontrolpunkt over [0-9]* posteringer: det blev signeret efter kontrolpunktet over [0-9]* posteringer, som tabellen mangler"
		tamper "$TABLE: every row deleted" '
    for k, v in rows:
        txn.delete(k, db=db)' "intet kontrolpunkt signerer de [0-9]* posteringer"
	else
		tamper "$TABLE: a row deleted" '
    txn.delete(mid[0], db=db)' "$want"
	fi
	# The last row again under the next key: the same shape, another key.
	tamper "$TABLE: a row added" '
    k, v = rows[-1]
    txn.put(bump(k), v, db=db)' "$want"
	# The ids table'"'"'s content hash is of the request, which no entry
	# holds: its result (at the end) is what can be checked.
	if [ "$TABLE" = document_uses ]; then
		# Its rows are keys alone: the empty value gets a byte.
		tamper "$TABLE: a value changed" '
    txn.put(mid[0], b"\x01", db=db)' "$want"
	elif [ "$TABLE" = ids ]; then
		tamper "$TABLE: a value changed" '
    v = bytearray(mid[1]); v[-1] ^= 1
    txn.put(mid[0], bytes(v), db=db)' "$want"
	else
		tamper "$TABLE: a value changed" '
    v = bytearray(mid[1]); v[0] ^= 1
    txn.put(mid[0], bytes(v), db=db)' "$want"
	fi
done

# The tree's nodes are kept in the entries table, each after the entry
# it ends at (9-byte keys ending in the level), and so are the ids of the
# operations, after their first entry (9-byte keys ending in 0xff): one
# of each changed, deleted, added.
TABLE=entries
tamper "entries: a node of the tree changed" '
    k, v = [r for r in rows if len(r[0]) == 9 and 0 < r[0][8] < 64][-1]
    txn.put(k, bytes(32), db=db)' "træ: knuden på niveau [0-9]*, .*ændret"
tamper "entries: a node of the tree deleted" '
    k, v = [r for r in rows if len(r[0]) == 9 and 0 < r[0][8] < 64][0]
    txn.delete(k, db=db)' "træ: knuden på niveau [0-9]*, .*mangler"
tamper "entries: a node of the tree added" '
    k, v = [r for r in rows if len(r[0]) == 9 and r[0][8] < 64][0]
    txn.put(k[:8] + bytes([40]), v, db=db)' "træ: en ekstra række"
tamper "entries: a row of no table" '
    txn.put(rows[0][0] + bytes([0x80]), b"x", db=db)' \
    "efter postering [0-9]*: entries-tabellen er beskadiget"
ids='[r for r in rows if len(r[0]) == 9 and r[0][8] == 0xff]'
tamper "entries: an operation's id changed" "
    k, v = $ids[-1]
    txn.put(k, bytes([v[0] ^ 1]) + v[1:], db=db)" "ids: rækken for postering [0-9]* har et andet id"
tamper "entries: an operation's course changed" "
    k, v = [r for r in $ids if r[1][-1] != 0][0]
    txn.put(k, v[:-1] + bytes([v[-1] ^ 2]), db=db)" "ids: id'et for postering [0-9]* svarer forløb"
tamper "entries: an operation's id deleted" "
    k, v = $ids[len($ids) // 2]
    txn.delete(k, db=db)" "ids: id'et for postering [0-9]* mangler"
tamper "entries: an id where no operation begins" "
    k, v = $ids[0]
    txn.put(($n + 5).to_bytes(8, 'big') + k[8:], v, db=db)" \
    "ids: en ekstra række ved postering $((n + 5))"
tamper "entries: one id in two operations" "
    (k1, v1), (k2, v2) = $ids[1], $ids[2]
    txn.put(k2, v1[:16] + v2[16:], db=db)" "ids: rækken for postering [0-9]* har et andet id"

# The cases of the issue: a reversal forgotten (a second reversal would
# be accepted), a category's spending raised (a refund beyond it would).
TABLE=reversals
tamper "reversals: the reversal of entry $s1 forgotten" "
    txn.delete(key($s1), db=db)" "reversals: seq $s1: ingen række"
# A citizen's courses and spending per category are kept with the head
# of their chain (format 4, layout.c): each is told apart and named.
TABLE=citizens
tamper "category_spent: raised to 9.000 kr." '
    for k, v in rows:
        if k.endswith(b"health"):
            txn.put(k, (900000).to_bytes(8, "big"), db=db)' \
    "category_spent: forløb 1 for H-A, kategori health: gemt 900000, journalen 20000"
tamper "courses: a course deleted" '
    txn.delete([k for k, v in rows if k.startswith(b"H-B\0\x02")][0], db=db)' \
    "courses: .*H-B"
tamper "citizens: a head deleted" '
    txn.delete(b"H-C\0\x01", db=db)' "citizens: borger H-C: ingen række"
tamper "citizens: a row of no table" '
    txn.put(b"H-C", b"x", db=db)' "citizens\|courses\|category_spent"

# Older checkpoints: one signed by another key (over the right text), one
# with another root, one validly signed for another size moved here.
TABLE=checkpoints
tamper "checkpoint signed by another key" '
    import base64, hashlib
    from cryptography.hazmat.primitives.asymmetric import ed25519
    k, v = mid
    note = v[32:]
    body = note[:note.index(b"\n\n") + 1]
    name = body.split(b"\n")[0]
    sk = ed25519.Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization as s
    pk = sk.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)
    kid = hashlib.sha256(name + b"\n\x01" + pk).digest()[:4]
    sig = base64.b64encode(kid + sk.sign(body))
    txn.put(k, v[:32] + body + b"\n\xe2\x80\x94 " + name + b" " + sig + b"\n", db=db)' \
    "kontrolpunkt over [0-9]* posteringer: ingen gyldig signatur"
tamper "checkpoint with another root" '
    k, v = mid
    txn.put(k, bytes(32) + v[32:], db=db)' \
    "kontrolpunkt over [0-9]* posteringer: dets rod er ikke roden"
tamper "checkpoint of another size moved" '
    k, v = rows[len(rows) // 2 - 1]
    txn.put(mid[0], v, db=db)' \
    "kontrolpunkt over [0-9]* posteringer: dets"

[ $bad -eq 0 ] || fail "$bad tamperings not caught or not named"
