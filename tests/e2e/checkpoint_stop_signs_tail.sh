# A clean stop signs the entries after the latest checkpoint before the
# daemon exits: SIGTERM while an import commits (one spend a turn,
# milliseconds apart, so a tail younger than the timer's 100 ms is
# always there) leaves a journal whose latest checkpoint signs every
# entry.
. tests/lib.sh
start_daemon
standard_pool pilot 1000000
expect_rc 0 course open H-1 --pool pilot --start "$TODAY" --grant 50000

try=0
# The stop can land just after a turn signed, leaving no tail: tried
# again then.
while ! grep -q 'signerede kontrolpunktet over' "$LOG"; do
	try=$((try + 1))
	[ $try -le 5 ] || fail "the stop never found a tail to sign"
	[ -n "$DPID" ] || start_daemon
	spends_file "$T/in.jsonl" H-1 20000 0 "S$try"
	ctl import "$T/in.jsonl" --batch 1 >/dev/null 2>&1 &
	ipid=$!
	# Stop while it commits: it has connected and begun by then.
	sleep 0.5
	stop_daemon
	wait "$ipid" || :
	"$BUDGETD" verify --db "$DB" >"$T/out" 2>&1 ||
	    fail "verify: $(cat "$T/out")"
	grep -q 'ikke signeret endnu' "$T/out" &&
	    fail "a clean stop left a tail: $(cat "$T/out")"
done
grep 'signerede kontrolpunktet over' "$LOG"
