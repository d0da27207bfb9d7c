# A statement for a date range: --from alone picks the lines from that
# day on, with the whole statement's running balances; --from with --to
# picks the lines between.
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

out=$(ctl --json statement H-001 --from "$(day '20 days ago')")
[ "$(echo "$out" | jq -c '[.lines[].balance]')" = "[1376550,2376550]" ] ||
    fail "from: $out"
out=$(ctl --json statement H-001 --from "$(day '50 days ago')" --to "$(day '30 days ago')")
[ "$(echo "$out" | jq -c '[.lines[].amount]')" = "[123450]" ] ||
    fail "range: $out"
