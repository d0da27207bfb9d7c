# Many clients at once: every acknowledged spend is in the journal exactly
# once, seq has no gap, and the balances equal a replay of the entries.
. tests/lib.sh
start_daemon

standard_pool pilot 1000000
n=1
while [ $n -le 8 ]; do
	expect_rc 0 course open "C-$n" --pool pilot --start "$(day '1 month ago')" --grant 50000
	n=$((n + 1))
done
writers=
n=1
while [ $n -le 8 ]; do
	(
		i=0
		while [ $i -lt 25 ]; do
			"$BUDGETCTL" spend "C-$n" 10 --category other \
			    --voucher "P$n-$i" >/dev/null || echo "refused $n $i"
			i=$((i + 1))
		done
	) >"$T/writer.$n" 2>&1 &
	writers="$writers $!"
	n=$((n + 1))
done
# Not a bare wait: the daemon is a child of this shell too.
wait $writers
cat "$T"/writer.* | grep . && fail "a writer was refused"

ctl export --since 0 >"$T/all.jsonl" || fail "export"
entries=$(wc -l <"$T/all.jsonl")
[ "$entries" -eq $((2 + 16 + 200)) ] || fail "entries: $entries"
[ "$(jq -s 'map(.seq) == [range(1; 219)]' "$T/all.jsonl")" = true ] ||
    fail "seq has a gap"
[ "$(jq -s '[.[] | select(.op == "spend") | .voucher] | unique | length' \
    "$T/all.jsonl")" = 200 ] || fail "a spend is missing or doubled"
# Per-citizen chains: each entry links to the citizen's previous one.
jq -s -e 'group_by(.citizen) | map(select(.[0].citizen != "")) |
    all(. as $e | [range(1; length)] | all($e[.].citizen_prev == $e[. - 1].seq))
    and all(.[0].citizen_prev == 0)' "$T/all.jsonl" >/dev/null ||
    fail "per-citizen chain broken"
n=1
while [ $n -le 8 ]; do
	[ "$(ctl --json course show "C-$n" | json .available)" = 4975000 ] ||
	    fail "C-$n balance"
	n=$((n + 1))
done
commits=$(ctl --json status | json .commits)
echo "218 entries in $commits commits"
