# A statement in JSON: every entry of the citizen with the running
# balance after it, and the course with its available budget.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

statement_ledger

out=$(ctl --json statement H-001) || fail "statement"
[ "$(echo "$out" | jq '.lines | length')" = 5 ] || fail "lines: $out"
[ "$(echo "$out" | jq -c '[.lines[].balance]')" = "[0,2000000,1876550,1376550,2376550]" ] ||
    fail "balances: $(echo "$out" | jq -c '[.lines[].balance]')"
[ "$(echo "$out" | jq -r '.courses[0].available')" = 2376550 ] || fail "course"
