# Refunds: money back from a supplier, never more than was spent in that
# category on that course; reversals keep the bound.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-020 --pool pilot --start "$(day '2 months ago')" --grant 20000
expect_rc 0 spend H-020 4000 --category housing --voucher S-1 --date "$(day '1 month ago')"
expect_rc 0 spend H-020 1000 --category housing --voucher S-2
r=$(ctl --json reserve H-020 3000 --category education | json .seq)
expect_rc 0 capture "$r" 2000 --voucher U-1
balanced H-020

# Above what was spent in the category: refused, nothing written.
before=$(ctl --json status | json .entries)
expect_code BAD_REQUEST refund H-020 5000,01 --category housing --voucher K-1
expect_code BAD_REQUEST refund H-020 10 --category transport --voucher K-1
expect_code BAD_REQUEST refund H-020 2000,01 --category education --voucher K-1
[ "$(ctl --json status | json .entries)" = "$before" ] || fail "a refused refund wrote"
expect_code OUTSIDE_WINDOW refund H-020 10 --category housing --voucher K-1 --date "$(day tomorrow)"
expect_code UNKNOWN_CATEGORY refund H-020 10 --category yachts --voucher K-1
expect_rc 2 refund H-020 10 --category housing

# Up to the amount spent, in parts; captures count as spending.
k1=$(ctl --json refund H-020 1500 --category housing --voucher K-1 --note "Sofa returneret, \"defekt\"" | json .seq)
expect_rc 0 refund H-020 3500 --category housing --voucher K-2
expect_code BAD_REQUEST refund H-020 0,01 --category housing --voucher K-3
expect_rc 0 refund H-020 2000 --category education --voucher K-4
show=$(ctl --json course show H-020)
[ "$(echo "$show" | json .spent)" = 700000 ] || fail "spent: $show"
# available = granted - spent - reserved + refunded = 20000 - 7000 + 7000
[ "$(echo "$show" | json .available)" = 2000000 ] || fail "available: $show"
ctl export --since "$((k1 - 1))" --limit 1 | jq -e '.op == "refund" and
    .debit == "budget:H-020:1" and .credit == "expense:housing" and .amount == 150000' \
    >/dev/null || fail "refund entry"
balanced H-020

# A spend whose money came back cannot be reversed; reverse the refund
# first, then the spend.
s2=$(ctl --json export --since 0 | jq -s '.[] | select(.voucher == "S-2") | .seq')
expect_code BAD_REQUEST reverse "$s2" --reason "fejl"
expect_rc 0 reverse "$k1" --reason "Refusion bogført to gange"
expect_rc 0 reverse "$s2" --reason "Forkert borger"
balanced H-020
# Reversing the refund gave 1500 back to what may be refunded: now 500 after
# the spend reversal of 1000.
expect_code BAD_REQUEST refund H-020 500,01 --category housing --voucher K-5
expect_rc 0 refund H-020 500 --category housing --voucher K-5
balanced H-020

# A refund that has been used cannot be reversed.
k6=$(ctl --json export --since 0 | jq -s '.[] | select(.voucher == "K-4") | .seq')
avail=$(ctl --json course show H-020 | json .available)
expect_rc 0 spend H-020 "$(echo "scale=2; $avail / 100" | bc | tr . ,)" --category other --voucher ALL
expect_code INSUFFICIENT_FUNDS reverse "$k6" --reason "fejl"
balanced H-020

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
