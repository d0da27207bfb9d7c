# A supplier's refund after the course closed (SPEC §3): the money goes
# back to the pool, bounded by what the course spent net in the category,
# dated from the close on; the citizen's drawing right grows by it.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-030 --pool pilot --start "$(day '2 months ago')" --grant 20000
expect_rc 0 spend H-030 3000 --category housing --voucher S-1 --date "$(day '1 month ago')"
expect_rc 0 spend H-030 1000 --category education --voucher S-2 --date "$(day "1 month ago")"
expect_rc 0 course close H-030 --reason moved --date "$(day '2 days ago')"
[ "$(ctl --json pool show pilot | json .balance)" = 9600000 ] ||
    fail "balance after the close: $(ctl --json pool show pilot)"

# Refused, nothing written: past the category's spending, a category
# without spending, a date before the close, a date after today.
before=$(ctl --json status | json .entries)
expect_code BAD_REQUEST refund H-030 3000,01 --category housing --voucher K-1
ctl refund H-030 3000,01 --category housing --voucher K-1 2>&1 |
    grep -q "mere end de 3.000,00 kr., der er købt for i kategorien housing i forløb 1" ||
    fail "refusal words: $(ctl refund H-030 3000,01 --category housing --voucher K-1 2>&1)"
expect_code BAD_REQUEST refund H-030 10 --category transport --voucher K-1
expect_code OUTSIDE_WINDOW refund H-030 10 --category housing --voucher K-1 --date "$(day '3 days ago')"
ctl refund H-030 10 --category housing --voucher K-1 --date "$(day '3 days ago')" 2>&1 |
    grep -q "blev lukket $(day '2 days ago'): en tilbagebetaling derefter dateres fra da til i dag" ||
    fail "window words: $(ctl refund H-030 10 --category housing --voucher K-1 --date "$(day '3 days ago')" 2>&1)"
expect_code OUTSIDE_WINDOW refund H-030 10 --category housing --voucher K-1 --date "$(day tomorrow)"
[ "$(ctl --json status | json .entries)" = "$before" ] || fail "a refused refund wrote"

# 1.000 kr. of the sofa comes back: to the pool, out of the expense.
k1=$(ctl --json refund H-030 1000 --category housing --voucher K-1 | json .seq)
ctl export --since "$((k1 - 1))" --limit 1 | jq -e '.op == "refund" and
    .debit == "pool:pilot" and .credit == "expense:housing" and
    .amount == 100000 and .course == 1' >/dev/null ||
    fail "refund entry: $(ctl export --since "$((k1 - 1))" --limit 1)"
[ "$(ctl --json pool show pilot | json .balance)" = 9700000 ] ||
    fail "the pool did not get the refund: $(ctl --json pool show pilot)"
ctl --json course show H-030 | jq -e '.status == "closed" and .available == 0 and
    .refunded == 100000 and .returned == 1700000' >/dev/null ||
    fail "closed course after the refund: $(ctl --json course show H-030)"
# What is left in the category bounds the next one.
expect_code BAD_REQUEST refund H-030 2000,01 --category housing --voucher K-2
expect_rc 0 refund H-030 2000 --category housing --voucher K-2
# A closed course takes no reversal.
expect_code COURSE_CLOSED reverse "$k1" --reason "fejl"
balanced H-030

# The drawing right: the course now holds 20.000 - 19.000 = 1.000 kr. of
# the 50.000 kr., so the next course in the pool may have 49.000 kr.
expect_rc 0 course open H-030 --pool pilot --start "$(day tomorrow)"
[ "$(ctl --json course show H-030 | json .cap)" = 4900000 ] ||
    fail "next course's cap: $(ctl --json course show H-030)"

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 ||
    fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
