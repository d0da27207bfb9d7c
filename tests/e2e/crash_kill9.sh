# kill -9 at any moment loses nothing acknowledged and leaves nothing half
# applied: concurrent writers, the daemon killed and restarted again and
# again; afterwards every acknowledged write is there (its id resubmitted
# gives "exists") and the ledger verifies, online and offline.
. tests/lib.sh
CYCLES=${CYCLES:-10}
WRITERS=4
start_daemon
standard_pool pilot 1000000
i=1
while [ $i -le $WRITERS ]; do
	ctl course open "K-$i" --pool pilot --start "$(day '1 month ago')" --grant 50000 >/dev/null ||
	    fail "course $i"
	i=$((i + 1))
done

# A writer: spends of 1 kr. with fresh ids; an id is written down as
# acknowledged only when budgetctl said so (exit 0). While the daemon is
# down budgetctl exits 3 and the writer just goes on.
writer() {
	n=0
	while [ ! -f "$T/stop" ]; do
		n=$((n + 1))
		id=$(cat /proc/sys/kernel/random/uuid)
		if "$BUDGETCTL" --id "$id" spend "K-$1" 1 --category other \
		    --voucher "W$1-$n" >/dev/null 2>&1; then
			echo "$id K-$1 W$1-$n" >>"$T/acked.$1"
		fi
	done
}
i=1
while [ $i -le $WRITERS ]; do
	writer $i &
	HELPERS="$HELPERS $!"
	i=$((i + 1))
done

c=0
while [ $c -lt "$CYCLES" ]; do
	sleep "0.$(( $(od -An -N1 -tu1 /dev/urandom) % 6 + 2 ))"
	kill_daemon
	start_daemon
	c=$((c + 1))
done
sleep 0.5
touch "$T/stop"
wait $HELPERS 2>/dev/null
HELPERS=

cat "$T"/acked.* >"$T/acked"
acked=$(wc -l <"$T/acked")
[ "$acked" -gt 0 ] || fail "no write was acknowledged"
# Resubmit every acknowledged write with its id and the same content.
awk '{printf "{\"op\":\"spend\",\"id\":\"%s\",\"citizen\":\"%s\",\"amount\":100,\"category\":\"other\",\"voucher\":\"%s\"}\n", $1, $2, $3}' \
    "$T/acked" >"$T/resubmit.jsonl"
ctl import "$T/resubmit.jsonl" >"$T/resubmit.out" 2>"$T/resubmit.err"
exists=$(grep -c ': findes allerede, seq' "$T/resubmit.out")
lost=$((acked - exists))
echo "kill -9 cycles: $CYCLES, acknowledged writes: $acked, lost: $lost"
[ "$lost" -eq 0 ] || fail "$lost acknowledged writes lost: $(grep -v "findes allerede" "$T/resubmit.out" | head -n 3)"
# Nothing half applied: every spend is whole, the balances replay.
ctl verify >/dev/null || fail "verify after the crashes: $(ctl verify 2>&1)"
balanced K-1
total=$(ctl export --since 0 | jq -s '[.[] | select(.op == "spend")] | length')
[ "$total" -ge "$acked" ] || fail "$total spends for $acked acknowledged"
stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
