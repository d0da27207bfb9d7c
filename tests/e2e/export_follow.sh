# export --follow: a subscription on the socket. New entries arrive within
# a second of their commit; a follower that stops reading is cut off by
# the daemon without slowing the writers, and budgetctl resumes from its
# cursor so that every seq arrives exactly once.
. tests/lib.sh
start_daemon

standard_pool pilot 10000000
i=1
while [ $i -le 10 ]; do
	ctl course open "F-$i" --pool pilot --start "$(day '1 month ago')" --grant 50000 >/dev/null ||
	    fail "course $i"
	i=$((i + 1))
done

"$BUDGETCTL" export --since 0 --follow >"$T/follow.jsonl" 2>"$T/follow.err" &
follower=$!
HELPERS="$follower"
have() { grep -q "\"seq\":$1," "$T/follow.jsonl"; }
i=0
until have 21; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "the follower did not catch up"; sleep 0.05
done

# A new entry arrives within a second of its acknowledgement.
seq=$(ctl --json spend F-1 100 --category other --voucher V-1 | json .seq)
start=$(date +%s%N)
until have "$seq"; do
	[ $(( ($(date +%s%N) - start) / 1000000 )) -gt 1000 ] && fail "entry $seq not pushed within 1 s"
	sleep 0.01
done
echo "pushed in $(( ($(date +%s%N) - start) / 1000000 )) ms"

# A follower that never reads: the daemon keeps serving writers and cuts
# it off. Here: budgetctl itself, stopped.
$PY - "$T" <<'PY'
import json, sys
with open(sys.argv[1] + "/many.jsonl", "w") as f:
    for n in range(20000):
        f.write(json.dumps({"op": "spend", "citizen": "F-%d" % (n % 10 + 1), "amount": 100,
            "category": "other", "voucher": "M-%d" % n, "note": "x" * 200}) + "\n")
PY
kill -STOP "$follower"
start=$(date +%s)
ctl import "$T/many.jsonl" >/dev/null 2>"$T/import.err" || fail "import: $(cat "$T/import.err")"
[ $(($(date +%s) - start)) -lt 30 ] || fail "writers were held up by a stopped follower"
grep -q "lukker en abonnent" "$LOG" || fail "the stopped follower was not cut off"
last=$(ctl --json status | json .entries)
kill -CONT "$follower"
i=0
until have "$last"; do
	i=$((i + 1)); [ $i -gt 200 ] && fail "the follower did not resume: $(cat "$T/follow.err")"; sleep 0.05
done
grep -q "fortsætter fra" "$T/follow.err" || fail "no resume: $(cat "$T/follow.err")"
# Every seq exactly once, in order.
sleep 0.2
jq -s -e "map(.seq) == [range(1; $last + 1)]" "$T/follow.jsonl" >/dev/null ||
    fail "follow output: $(jq -s 'map(.seq) | length' "$T/follow.jsonl") entries for $last"

# Other formats follow too; a limit ends the subscription.
"$BUDGETCTL" export --since "$last" --follow --format csv --limit 2 >"$T/two.csv" &
p2=$!
HELPERS="$HELPERS $p2"
sleep 0.3
expect_rc 0 spend F-2 1 --category other --voucher W-1
expect_rc 0 spend F-2 1 --category other --voucher W-2
i=0
while kill -0 $p2 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "--follow --limit 2 did not end"; sleep 0.05
done
wait $p2 || fail "--follow --limit exit status"
[ "$(wc -l <"$T/two.csv")" = 3 ] || fail "csv follow: $(cat "$T/two.csv")"
kill "$follower" 2>/dev/null
