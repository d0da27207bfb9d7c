# A clean stop signs the entries after the latest checkpoint before the
# daemon exits: SIGTERM right after an import (its requests committed one
# a turn, milliseconds apart, the last left unsigned) leaves a journal
# whose latest checkpoint signs every entry.
. tests/lib.sh
start_daemon
standard_pool pilot 1000000
expect_rc 0 course open H-1 --pool pilot --start "$TODAY" --grant 1000

try=0
# The timer may sign first when the stop comes late: tried again then.
while ! grep -q 'signerede kontrolpunktet over' "$LOG"; do
	try=$((try + 1))
	[ $try -le 5 ] || fail "the stop never found a tail to sign"
	[ -n "$DPID" ] || start_daemon
	spends_file "$T/in.jsonl" H-1 100 0 "S$try"
	ctl import "$T/in.jsonl" --batch 1 >/dev/null || fail "import"
	stop_daemon
	"$BUDGETD" verify --db "$DB" >"$T/out" 2>&1 ||
	    fail "verify: $(cat "$T/out")"
	grep -q 'ikke signeret endnu' "$T/out" &&
	    fail "a clean stop left a tail: $(cat "$T/out")"
done
grep 'signerede kontrolpunktet over' "$LOG"
