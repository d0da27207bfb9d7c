# origin is a C2SP key name (non-empty UTF-8, no Unicode space, no control
# character, no '+'): budgetd -n and budgetd at start refuse another with
# the file and line. A valid UTF-8 name signs checkpoints under it.
. tests/lib.sh

refused() {
	printf '[daemon]\n# the log\norigin = %s\n' "$1" >"$T/bad.conf"
	"$BUDGETD" -n -c "$T/bad.conf" >"$T/out" 2>&1 && fail "-n accepted origin '$1'"
	grep -q "bad.conf:3: origin" "$T/out" || fail "origin '$1': $(cat "$T/out")"
	timeout 5 "$BUDGETD" -f -c "$T/bad.conf" -D "$DB" -S "$BUDGETD_SOCKET" >"$T/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "start with origin '$1': exit $rc"
	grep -q "bad.conf:3: origin" "$T/out" || fail "start, origin '$1': $(cat "$T/out")"
}
refused 'Halsnæs Kommune/ledger'
refused 'ledger+v2'
refused "$(printf 'budget\tledger')"
refused "$(printf 'halsn\346s.dk/ledger')"		# Latin-1
refused "$(printf 'budget\302\240ledger')"		# no-break space
refused "$(printf 'budget\343\200\200ledger')"		# ideographic space
[ -e "$DB/data.mdb" ] && fail "a refused start opened the database"

printf '[daemon]\norigin = halsnæs.dk/ledger\n' >"$T/ok.conf"
"$BUDGETD" -n -c "$T/ok.conf" >"$T/out" 2>&1 || fail "halsnæs.dk/ledger: $(cat "$T/out")"
start_daemon -c "$T/ok.conf"
standard_pool pilot
ctl checkpoint | head -n 1 | grep -qx 'halsnæs.dk/ledger' || fail "origin line: $(ctl checkpoint)"
ctl checkpoint --verifier-key | grep -q '^halsnæs.dk/ledger+' || fail "verifier key"
