# audit walks a citizen's chain back from the citizens table: on an
# intact chain it lists every entry of the citizen, oldest first, each
# link good; so it does on a copy of the database opened and committed to
# unchanged (the set-up the audit_chain_broken_* scenarios change), where
# statement answers and verify passes too.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-A --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-B --pool pilot --start "$(day '1 month ago')" --grant 20000
a1=$(ctl --json spend H-A 100 --category other --voucher A1 | json .seq)
b1=$(ctl --json spend H-B 200 --category other --voucher B1 | json .seq)
a2=$(ctl --json spend H-A 300 --category other --voucher A2 | json .seq)
a3=$(ctl --json spend H-A 400 --category other --voucher A3 | json .seq)
ctl --json audit H-A >"$T/audit" || fail "audit"
[ "$(json .chain_intact <"$T/audit")" = true ] || fail "intact: $(cat "$T/audit")"
a_all=$(jq -c '[.entries[].seq]' "$T/audit")
[ "$(echo "$a_all" | jq -c '.[-3:]')" = "[$a1,$a2,$a3]" ] || fail "H-A's entries: $a_all"
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

# audit_is CITIZEN INTACT SEQS OKS: the daemon's audit of the citizen, in
# time (a loop in the chain must not hang it).
audit_is() {
	timeout 20 "$BUDGETCTL" --json audit "$1" >"$T/audit" 2>&1
	rc=$?
	if [ $rc -eq 124 ]; then
		kill -KILL "$DPID"
		DPID=
		fail "audit $1 did not answer"
	fi
	[ $rc -eq 0 ] || fail "audit $1: exit $rc: $(cat "$T/audit")"
	[ "$(json .citizen <"$T/audit")" = "$1" ] || fail "citizen: $(cat "$T/audit")"
	[ "$(json .chain_intact <"$T/audit")" = "$2" ] ||
	    fail "audit $1: chain_intact, want $2: $(cat "$T/audit")"
	[ "$(jq -c '[.entries[].seq]' "$T/audit")" = "$3" ] ||
	    fail "audit $1: entries, want $3: $(jq -c '[.entries[].seq]' "$T/audit")"
	[ "$(jq -c '[.entries[].chain_ok]' "$T/audit")" = "$4" ] ||
	    fail "audit $1: chain_ok, want $4: $(jq -c '[.entries[].chain_ok]' "$T/audit")"
	jq -e --arg c "$1" 'all(.entries[]; .citizen == $c)' "$T/audit" >/dev/null ||
	    fail "audit $1: another citizen's entry listed: $(cat "$T/audit")"
}

# A copy opened and committed to unchanged: intact, every entry, every
# link good.
broken "nothing" "
    pass"
audit_is H-A true "$a_all" "$(echo "$a_all" | jq -c 'map(true)')"
ctl --json statement H-A >/dev/null || fail "statement H-A"
out=$(ctl verify) || fail "online verify: $out"
