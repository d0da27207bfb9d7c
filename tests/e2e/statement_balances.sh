# A statement in JSON: every entry of the citizen with the running
# balance after it, and the course with its available budget.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '2 months ago')" --grant 20000
expect_rc 0 spend H-001 1.234,50 --category transport --voucher K-1 \
    --date "$(day '40 days ago')" --note "Køretimer, 1. rate"
expect_rc 0 spend H-001 5000 --category education --voucher U-1 \
    --date "$(day '10 days ago')"
expect_rc 0 grant H-001 10000 --date "$(day '5 days ago')"
expect_rc 0 course open H-002 --pool pilot --start "$TODAY" --grant 100

out=$(ctl --json statement H-001) || fail "statement"
[ "$(echo "$out" | jq '.lines | length')" = 5 ] || fail "lines: $out"
[ "$(echo "$out" | jq -c '[.lines[].balance]')" = "[0,2000000,1876550,1376550,2376550]" ] ||
    fail "balances: $(echo "$out" | jq -c '[.lines[].balance]')"
[ "$(echo "$out" | jq -r '.courses[0].available')" = 2376550 ] || fail "course"
