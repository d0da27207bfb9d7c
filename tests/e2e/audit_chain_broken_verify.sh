# Online verify on a database where a citizen's head names another
# citizen's entry fails, naming the citizen.
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

# H-A's head names H-B's last entry: nothing of H-A's can be reached.
broken "head names another citizen's entry" "
    txn.put(b'H-A', key($b1), db=citizens)"
out=$(ctl verify 2>&1) && fail "online verify passed"
case $out in *"citizen H-A"*) ;; *) fail "online verify: $out" ;; esac
