# An entry in a citizen's chain links to another citizen's entry as the one
# before it: audit answers chain_intact false with the entries up to the
# bad link, the linking one marked chain_ok false and no entry of the other
# citizen listed; statement refuses naming the entry linked to; the other
# citizen's chain is intact, in full.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-A --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-B --pool pilot --start "$(day '1 month ago')" --grant 20000
a1=$(ctl --json spend H-A 100 --category other --voucher A1 | json .seq)
b1=$(ctl --json spend H-B 200 --category other --voucher B1 | json .seq)
a2=$(ctl --json spend H-A 300 --category other --voucher A2 | json .seq)
a3=$(ctl --json spend H-A 400 --category other --voucher A3 | json .seq)
b_all=$(ctl --json audit H-B | jq -c '[.entries[].seq]')
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

# statement_broken CITIZEN SEQ: refused, naming the link that breaks.
statement_broken() {
	out=$(timeout 20 "$BUDGETCTL" --json statement "$1" 2>&1)
	rc=$?
	[ $rc -eq 1 ] || fail "statement $1: exit $rc: $out"
	case $out in
	*'"code":"INTERNAL"'*"broken at entry $2:"*) ;;
	*) fail "statement $1: want broken at entry $2: $out" ;;
	esac
}

# The other citizen's chain does not pass the break: intact, in full.
others_intact() {
	audit_is H-B true "$b_all" "$(echo "$b_all" | jq -c 'map(true)')"
	ctl --json statement H-B >/dev/null || fail "statement H-B"
}

# A link to another citizen's entry inside the chain.
broken "link to another citizen's entry" "
    relink($a2, $b1)"
audit_is H-A false "[$a2,$a3]" '[false,true]'
statement_broken H-A "$b1"
others_intact
