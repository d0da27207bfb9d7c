# A full database refuses the batch with STORAGE_FULL, writes nothing
# partial, keeps serving reads, and says in the log what to do.
. tests/lib.sh
printf '[daemon]\nmap_size = 1M\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool pilot 1000000
expect_rc 0 course open H-001 --pool pilot --start "$(day '1 month ago')" --grant 50000

# Notes of 900 bytes fill a megabyte in about a thousand spends.
note=$(printf '%0900d' 0)
acked=0
full=
i=0
while [ $i -lt 3000 ]; do
	out=$(ctl --json spend H-001 0,01 --category other --voucher "V$i" --note "$note")
	case $out in
	*'"status":"ok"'*) acked=$((acked + 1)) ;;
	*STORAGE_FULL*) full=1; break ;;
	*) fail "spend $i: $out" ;;
	esac
	i=$((i + 1))
done
[ -n "$full" ] || fail "the map never filled"
grep -q 'map_size' "$LOG" || fail "the log does not say what to do"
out=$(ctl --json course show H-001) || fail "reads stopped: $out"
[ "$(echo "$out" | json .spent)" = "$acked" ] || fail "spent $(echo "$out" | json .spent), acked $acked"
[ "$(ctl --json status | json .entries)" = $((acked + 4)) ] || fail "entries"
# After a restart the ledger is whole and still answers.
stop_daemon
start_daemon -c "$T/budgetd.conf"
[ "$(ctl --json course show H-001 | json .spent)" = "$acked" ] || fail "after restart"
echo "$acked spends acknowledged before STORAGE_FULL"
