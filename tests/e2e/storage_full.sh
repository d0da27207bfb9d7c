# A full database refuses the batch with STORAGE_FULL, writes nothing
# partial, keeps serving reads, and says in the log what to do.
. tests/lib.sh
printf '[daemon]\nmap_size = 1M\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool pilot 1000000
expect_rc 0 course open H-001 --pool pilot --start "$(day '1 month ago')" --grant 50000

# Notes of 900 bytes fill a megabyte in about a thousand spends, each its
# own request (import --batch 1: one connection, one spend a request).
spends_file "$T/spends.jsonl" H-001 3000 900
ctl --json import "$T/spends.jsonl" --batch 1 >"$T/results.jsonl"
acked=$(grep -c '"status":"ok"' "$T/results.jsonl")
full=$(grep -c STORAGE_FULL "$T/results.jsonl")
[ $((acked + full)) -eq 3000 ] ||
    fail "$acked ok and $full STORAGE_FULL of 3000: $(grep -v -e '"ok"' -e STORAGE_FULL "$T/results.jsonl" | head -3)"
[ "$full" -gt 0 ] || fail "the map never filled"
grep -q 'map_size' "$LOG" || fail "the log does not say what to do"
out=$(ctl --json course show H-001) || fail "reads stopped: $out"
[ "$(echo "$out" | json .spent)" = "$acked" ] || fail "spent $(echo "$out" | json .spent), acked $acked"
[ "$(ctl --json status | json .entries)" = $((acked + 4)) ] || fail "entries"
# After a restart the ledger is whole and still answers.
stop_daemon
start_daemon -c "$T/budgetd.conf"
[ "$(ctl --json course show H-001 | json .spent)" = "$acked" ] || fail "after restart"
echo "$acked spends acknowledged before STORAGE_FULL"
