# SPEC §3 rule 5: every amount positive, at most 1.000.000.000 kr. per
# operation, a capture's amount too when given; "capture SEQ" without an
# amount still takes the whole reservation.
. tests/lib.sh
start_daemon

ctl pool create big --cap 50000 --months 12 --from "$(day '2 years ago')" \
    --to "$(day '2 years')" --grace 30 >/dev/null || fail "pool create"

# Exactly the limit is taken; one øre more is refused, naming the limit.
expect_rc 0 pool fund big 1.000.000.000
expect_code BAD_REQUEST pool fund big 1.000.000.000,01
case $out in
*"1.000.000.000,00 kr."*) ;;
*) fail "the refusal does not name the limit: $out" ;;
esac
# The total may pass it: a second funding at the limit.
expect_rc 0 pool fund big 1000000000
[ "$(ctl --json pool show big | json .balance)" = 200000000000 ] ||
    fail "balance: $(ctl --json pool show big)"

expect_rc 0 course open H-050 --pool big --start "$(day '1 month ago')" --grant 10000
expect_code BAD_REQUEST grant H-050 1.000.000.000,01
expect_code BAD_REQUEST spend H-050 1.000.000.000,01 --category education --voucher F-1
expect_code BAD_REQUEST reserve H-050 1.000.000.000,01 --category education
expect_code BAD_REQUEST refund H-050 1.000.000.000,01 --category education --voucher K-1
expect_code BAD_REQUEST spend H-050 100 --category education --voucher F-2 --vat 100,01
case $out in
*"100,01 kr."*"100,00 kr."*) ;;
*) fail "the VAT refusal does not name the figures: $out" ;;
esac

# A capture's amount, when given, is positive: 0 is not "all of it".
r1=$(ctl --json reserve H-050 3000 --category education | json .seq)
expect_code BAD_REQUEST capture "$r1" 0 --voucher INV-1
case $out in
*"et beløb skal være positivt"*) ;;
*) fail "capture 0: $out" ;;
esac
expect_code BAD_REQUEST capture "$r1" 1.000.000.000,01 --voucher INV-1
show=$(ctl --json course show H-050)
[ "$(echo "$show" | json .reserved)" = 300000 ] || fail "reserved after refusals: $show"
# Without an amount: the whole reservation.
expect_rc 0 capture "$r1" --voucher INV-2
show=$(ctl --json course show H-050)
[ "$(echo "$show" | json .reserved)" = 0 ] || fail "reserved after capture: $show"
[ "$(echo "$show" | json .spent)" = 300000 ] || fail "spent after capture: $show"
# An amount given: that much, the rest released.
r2=$(ctl --json reserve H-050 1000 --category transport | json .seq)
expect_rc 0 capture "$r2" 400 --voucher INV-3
show=$(ctl --json course show H-050)
[ "$(echo "$show" | json .spent)" = 340000 ] || fail "spent after partial capture: $show"
[ "$(echo "$show" | json .available)" = 660000 ] || fail "available: $show"

# An import line without an amount captures all; with 0 it is refused.
r3=$(ctl --json reserve H-050 500 --category transport | json .seq)
r4=$(ctl --json reserve H-050 500 --category transport | json .seq)
printf '{"op":"capture","reservation":%s,"voucher":"INV-4"}\n{"op":"capture","reservation":%s,"amount":0,"voucher":"INV-5"}\n' \
    "$r3" "$r4" >"$T/cap.jsonl"
out=$(ctl --json import "$T/cap.jsonl" 2>&1)
[ $? -eq 1 ] || fail "import with a capture of 0: $out"
echo "$out" | grep -q BAD_REQUEST || fail "import capture 0: $out"
show=$(ctl --json course show H-050)
[ "$(echo "$show" | json .spent)" = 390000 ] || fail "spent after import: $show"
[ "$(echo "$show" | json .reserved)" = 50000 ] || fail "reserved after import: $show"
balanced H-050

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
