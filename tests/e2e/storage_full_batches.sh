# An import into a map too small for it: every line is ok or STORAGE_FULL
# (never INTERNAL), a batch refused for space writes nothing, what was
# acknowledged is what the ledger holds, and after a restart with a larger
# map_size the same file applies the rest (the refused lines' ids were not
# recorded). An atomic import into the full map writes nothing.
. tests/lib.sh
printf '[daemon]\nmap_size = 1M\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool pilot 1000000
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 50000
before=$(ctl --json status | json .entries)

spends_file "$T/spends.jsonl" H-1 6000
# Six batches' worth: whatever room the pages freed since the first
# import's last commit make (a reader may have held them then), an atomic
# request this large does not fit where a batch of 500 did not.
spends_file "$T/atomic.jsonl" H-1 3000 0 A

ctl --json import "$T/spends.jsonl" --batch 500 >"$T/first.jsonl"
ok=$(grep -c '"status":"ok"' "$T/first.jsonl")
full=$(grep -c '"code":"STORAGE_FULL"' "$T/first.jsonl")
echo "first import: $ok ok, $full STORAGE_FULL"
[ $((ok + full)) -eq 6000 ] ||
    fail "lines neither ok nor STORAGE_FULL: $(grep -v '"status":"ok"' "$T/first.jsonl" | grep -v STORAGE_FULL | sort | uniq -c | head -3)"
[ "$full" -gt 0 ] || fail "the map never filled"
[ $((full % 500)) -eq 0 ] || fail "a batch was refused in part: $full STORAGE_FULL"
[ "$(ctl --json status | json .entries)" = $((before + ok)) ] ||
    fail "the ledger holds $(ctl --json status | json .entries) entries, $before + $ok acknowledged"
[ "$(ctl --json course show H-1 | json .spent)" = "$ok" ] || fail "spent"
bad=$(grep -c MDB_BAD_TXN "$LOG")
[ "$bad" -eq 0 ] || fail "$bad MDB_BAD_TXN lines in the log"
grep -q 'map_size' "$LOG" || fail "the log does not say what to do"

# Atomic: all or nothing, and here nothing.
ctl --json import --atomic "$T/atomic.jsonl" >"$T/atomic.out"
[ "$(grep -c -e '"code":"STORAGE_FULL"' -e '"status":"not_applied"' "$T/atomic.out")" -eq 3000 ] ||
    fail "atomic import: $(sort "$T/atomic.out" | uniq -c | head -3)"
grep -q '"code":"STORAGE_FULL"' "$T/atomic.out" || fail "atomic: no STORAGE_FULL"
[ "$(ctl --json status | json .entries)" = $((before + ok)) ] || fail "the atomic import wrote"

# status shows how full it is, not "0 af 1 MiB".
ctl status | grep database
ctl status | grep -Eq '^database +[0-9.]+ KiB af 1\.024 KiB \([0-9]+,[0-9] %\)$' ||
    fail "status: $(ctl status | grep database)"

# A larger map: the refused lines apply, the acknowledged ones exist.
stop_daemon
printf '[daemon]\nmap_size = 64M\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
ctl --json import "$T/spends.jsonl" --batch 500 >"$T/second.jsonl" || fail "second import"
[ "$(grep -c '"status":"exists"' "$T/second.jsonl")" -eq "$ok" ] || fail "second: exists"
[ "$(grep -c '"status":"ok"' "$T/second.jsonl")" -eq "$full" ] || fail "second: ok"
[ "$(ctl --json course show H-1 | json .spent)" = 6000 ] || fail "spent after"
stop_daemon
"$BUDGETD" verify --db "$DB" >"$T/verify.out" 2>&1 || fail "verify: $(cat "$T/verify.out")"
