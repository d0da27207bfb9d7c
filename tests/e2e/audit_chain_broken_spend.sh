# No entry is signed onto a broken chain: with a citizen's head naming
# another citizen's entry, or one beyond the journal, a spend for the
# citizen is refused INTERNAL and nothing is kept; the other citizen still
# spends.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-A --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-B --pool pilot --start "$(day '1 month ago')" --grant 20000
a1=$(ctl --json spend H-A 100 --category other --voucher A1 | json .seq)
b1=$(ctl --json spend H-B 200 --category other --voucher B1 | json .seq)
a2=$(ctl --json spend H-A 300 --category other --voucher A2 | json .seq)
a3=$(ctl --json spend H-A 400 --category other --voucher A3 | json .seq)
n=$(ctl --json status | json .entries)
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

# H-A's head names H-B's last entry: nothing of H-A's can be reached.
broken "head names another citizen's entry" "
    txn.put(b'H-A', key($b1), db=citizens)"
# No entry is signed onto the broken chain; the other citizen still spends.
expect_code INTERNAL spend H-A 100 --category other --voucher A9
[ "$(ctl --json status | json .entries)" = "$n" ] || fail "a refused spend was kept"
expect_rc 0 spend H-B 100 --category other --voucher B9

# H-A's head names an entry the journal does not hold.
broken "head beyond the journal" "
    txn.put(b'H-A', key($((n + 100))), db=citizens)"
expect_code INTERNAL spend H-A 100 --category other --voucher A9
