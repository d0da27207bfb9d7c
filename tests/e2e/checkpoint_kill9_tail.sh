# kill -9 while writes go on can leave entries after the latest
# checkpoint: nothing acknowledged is lost, the offline verifier accepts
# the unsigned tail and says so, and the daemon signs it when it starts
# again, before it answers anything.
. tests/lib.sh
start_daemon
standard_pool pilot 1000000
expect_rc 0 course open K-1 --pool pilot --start "$TODAY" --grant 40000

tails=0
round=0
# Requests sent ahead by import commit one a turn, milliseconds apart,
# and a signature comes every 100 ms: a kill nearly always lands after
# an unsigned commit; three rounds make missing it all but impossible.
while [ $round -lt 3 ]; do
	round=$((round + 1))
	spends_file "$T/in.$round" K-1 3000 0 "R$round"
	ctl import "$T/in.$round" --batch 1 >"$T/out.$round" 2>&1 &
	imp=$!
	HELPERS=$imp
	sleep 0.5
	kill_daemon
	wait $imp
	HELPERS=
	"$BUDGETD" verify --db "$DB" >"$T/out" 2>&1 ||
	    fail "offline verify after kill -9: $(cat "$T/out")"
	start_daemon
	if grep -q 'ikke signeret endnu' "$T/out"; then
		tails=$((tails + 1))
		n=$(sed -n 's/^kontrollerede \([0-9]*\) posteringer.*/\1/p' "$T/out")
		grep -q "signerede kontrolpunktet over $n posteringer" "$LOG" ||
		    fail "the tail of $n entries was not signed at start"
	fi
	[ "$(ctl --json checkpoint | json .size)" = \
	    "$(ctl --json status | json .entries)" ] || fail "checkpoint"
done
echo "$tails of 3 kills left an unsigned tail"
[ $tails -gt 0 ] || fail "no kill left an unsigned tail"

# Every line import saw acknowledged is there: imported again, exists.
acked=0
round=0
while [ $round -lt 3 ]; do
	round=$((round + 1))
	sed -n 's/^linje \([0-9]*\): ok, seq .*/\1p/p' "$T/out.$round" \
	    >"$T/lines"
	sed -n -f "$T/lines" "$T/in.$round" >"$T/again"
	acked=$((acked + $(wc -l <"$T/again")))
	ctl import "$T/again" >"$T/resubmit" 2>&1
	grep -v ': findes allerede, seq' "$T/resubmit" | grep '^linje' &&
	    fail "round $round: an acknowledged write was lost"
done
[ $acked -gt 0 ] || fail "nothing acknowledged: $(head -n 3 "$T/out.1")"
echo "$acked acknowledged writes, none lost"
stop_daemon
"$BUDGETD" verify --db "$DB" >"$T/out" 2>&1 || fail "verify: $(cat "$T/out")"
grep -q 'ikke signeret endnu' "$T/out" && fail "a clean stop left a tail"
exit 0
