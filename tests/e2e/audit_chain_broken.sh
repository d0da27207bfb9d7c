# audit and statement walk a citizen's chain back from the citizens table.
# On a copy whose chain is broken (a head naming another citizen's entry or
# none, an entry missing, a link to a newer entry or to itself), budgetd
# still starts and audit answers: chain_intact false, the entries it could
# reach after the break, the oldest of them marked chain_ok false; it never
# loops. statement refuses, naming the break; other citizens are untouched.
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
b_all=$(ctl --json audit H-B | jq -c '[.entries[].seq]')
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

# H-A's head names H-B's last entry: nothing of H-A's can be reached.
broken "head names another citizen's entry" "
    txn.put(b'H-A', key($b1), db=citizens)"
audit_is H-A false '[]' '[]'
statement_broken H-A "$b1"
others_intact
out=$(ctl verify 2>&1) && fail "online verify passed"
case $out in *"citizen H-A"*) ;; *) fail "online verify: $out" ;; esac
# No entry is signed onto the broken chain; the other citizen still spends.
expect_code INTERNAL spend H-A 100 --category other --voucher A9
[ "$(ctl --json status | json .entries)" = "$n" ] || fail "a refused spend was kept"
expect_rc 0 spend H-B 100 --category other --voucher B9

# H-A's head names an entry the journal does not hold.
broken "head beyond the journal" "
    txn.put(b'H-A', key($((n + 100))), db=citizens)"
audit_is H-A false '[]' '[]'
statement_broken H-A "$((n + 100))"
expect_code INTERNAL spend H-A 100 --category other --voucher A9
others_intact

# An entry in the middle of H-A's chain is missing: the two after it are
# listed, the older of them marked.
broken "entry in the middle missing" "
    txn.delete(key($a1), db=entries)"
audit_is H-A false "[$a2,$a3]" '[false,true]'
statement_broken H-A "$a1"
others_intact
ctl audit H-A >"$T/text" || fail "human audit"
grep -q 'kæden er BRUDT' "$T/text" || fail "human audit: $(cat "$T/text")"
[ "$(grep -c 'KÆDEN BRUDT' "$T/text")" = 1 ] || fail "human audit: $(cat "$T/text")"

# A link to another citizen's entry inside the chain.
broken "link to another citizen's entry" "
    relink($a2, $b1)"
audit_is H-A false "[$a2,$a3]" '[false,true]'
statement_broken H-A "$b1"
others_intact

# A link forward, to a newer entry of the same citizen: a loop a3 -> a2 ->
# a3 that the walk must leave.
broken "link to a newer entry" "
    relink($a2, $a3)"
audit_is H-A false "[$a2,$a3]" '[false,true]'
statement_broken H-A "$a3"
others_intact

# An entry that names itself as the one before it.
broken "link to itself" "
    relink($a3, $a3)"
audit_is H-A false "[$a3]" '[false]'
statement_broken H-A "$a3"
others_intact

# The untouched database: intact, every entry, every link good.
broken "nothing" "
    pass"
audit_is H-A true "$a_all" "$(echo "$a_all" | jq -c 'map(true)')"
ctl --json statement H-A >/dev/null || fail "statement H-A"
out=$(ctl verify) || fail "online verify: $out"
