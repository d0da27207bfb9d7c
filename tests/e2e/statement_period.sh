# A statement for a date range: --from alone picks the lines from that
# day on, with the whole statement's running balances; --from with --to
# picks the lines between.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

statement_ledger

out=$(ctl --json statement H-001 --from "$(day '20 days ago')")
[ "$(echo "$out" | jq -c '[.lines[].balance]')" = "[1376550,2376550]" ] ||
    fail "from: $out"
out=$(ctl --json statement H-001 --from "$(day '50 days ago')" --to "$(day '30 days ago')")
[ "$(echo "$out" | jq -c '[.lines[].amount]')" = "[123450]" ] ||
    fail "range: $out"
