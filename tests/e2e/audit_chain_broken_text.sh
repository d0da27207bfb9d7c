# The human audit of a citizen whose chain is broken (an entry in the
# middle missing) says the chain is broken, and marks the break once.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-A --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-B --pool pilot --start "$(day '1 month ago')" --grant 20000
a1=$(ctl --json spend H-A 100 --category other --voucher A1 | json .seq)
b1=$(ctl --json spend H-B 200 --category other --voucher B1 | json .seq)
a2=$(ctl --json spend H-A 300 --category other --voucher A2 | json .seq)
a3=$(ctl --json spend H-A 400 --category other --voucher A3 | json .seq)
stop_daemon
mv "$DB" "$T/orig"
mkdir -p "$T/py"
protoc --proto_path=proto --python_out="$T/py" proto/borgerbudget.proto ||
    fail "protoc"

# broken NAME PYTHON: a daemon on a copy changed by PYTHON (env, txn,
# entries, citizens, key(), relink(seq, prev): set an entry's citizen_prev).
broken() {
	echo "--- $1"
	if [ -n "$DPID" ]; then
		stop_daemon
	fi
	DB=$T/copy
	rm -rf "$DB"
	cp -r "$T/orig" "$DB"
	"$PY" - "$DB" "$T/py" <<PYEOF || fail "$1: tampering failed"
import lmdb, sys
sys.path.insert(0, sys.argv[2])
import borgerbudget_pb2 as pb
env = lmdb.open(sys.argv[1], max_dbs=16, map_size=1 << 30)
entries = env.open_db(b"entries")
citizens = env.open_db(b"citizens")
def key(seq): return seq.to_bytes(8, "big")
def relink(seq, prev):
    e = pb.Entry()
    e.ParseFromString(txn.get(key(seq), db=entries))
    e.citizen_prev = prev
    txn.put(key(seq), e.SerializeToString(), db=entries)
with env.begin(write=True) as txn:
$2
PYEOF
	start_daemon
}

# An entry in the middle of H-A's chain is missing: the text says so.
broken "entry in the middle missing" "
    txn.delete(key($a1), db=entries)"
ctl audit H-A >"$T/text" || fail "human audit"
grep -q 'kæden er BRUDT' "$T/text" || fail "human audit: $(cat "$T/text")"
[ "$(grep -c 'KÆDEN BRUDT' "$T/text")" = 1 ] || fail "human audit: $(cat "$T/text")"
