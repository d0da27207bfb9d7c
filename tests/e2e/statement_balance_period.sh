# A statement a citizen can follow: lines in value-date order between an
# opening balance (everything before --from) and a closing balance, so
# that opening + the lines' changes = closing and each line's balance is
# the one before plus its change; a reservation holds money (held) without
# changing the balance, a capture costs what it captured, a release lets
# go of what was held.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

statement_ledger
statement_out_of_order
r=$(ctl --json reserve H-001 3000 --category other | json .seq)
expect_rc 0 capture "$r" 1000 --voucher C-1
expect_rc 0 reserve H-001 500 --category housing
balanced H-001

# check JSON: the sums hold, the dates are in order, the balance chains.
check() {
	$PY - "$1" <<'PY' || fail "statement $2: $(cat "$1")"
import json, sys
s = json.load(open(sys.argv[1]))
lines = s["lines"]
bal = s["opening_balance"]
for l in lines:
    bal += l["change"]
    assert l["balance"] == bal, (l, bal)
assert bal == s["closing_balance"], (bal, s["closing_balance"])
dates = [l["value_date"] for l in lines]
assert dates == sorted(dates), dates
assert all(s["from"] <= d for d in dates) and all(not s["to"] or d <= s["to"] for d in dates)
PY
}
for range in "" "--from $(d 60)" "--to $(d 56)" "--from $(d 60) --to $(d 40)" \
    "--from $(d 54) --to $(d 51)" "--from $TODAY"; do
	for c in H-001 H-003; do
		# shellcheck disable=SC2086
		ctl --json statement $c $range >"$T/s.json" || fail "statement $c $range"
		check "$T/s.json" "$c $range"
	done
done

# H-003 from 60 days ago: before it the grant of 30.000 and the spend of
# 2.000 (80 days ago): opening 28.000; the course closed at zero and the
# next spent 700 of 7.000: closing 6.300.
ctl --json statement H-003 --from "$(d 60)" >"$T/s.json"
[ "$(jq -c '[.opening_balance, .closing_balance]' "$T/s.json")" = "[2800000,630000]" ] ||
    fail "H-003 opening/closing: $(jq -c '[.opening_balance, .closing_balance]' "$T/s.json")"
# Nothing in the range: opening = closing, no lines.
ctl --json statement H-003 --from "$(d 54)" --to "$(d 51)" >"$T/s.json"
[ "$(jq -c '[.opening_balance, .closing_balance, (.lines | length)]' "$T/s.json")" = "[2750000,2750000,0]" ] ||
    fail "H-003 empty range: $(cat "$T/s.json")"

# Today's reservation, capture and release: held money, and what it cost.
ctl --json statement H-001 --from "$TODAY" >"$T/s.json"
[ "$(jq -c '[.lines[] | [.op, .change, .held]]' "$T/s.json")" = \
  '[["reserve",0,300000],["capture",-100000,200000],["release",0,0],["reserve",0,50000]]' ] ||
    fail "reservations: $(jq -c '[.lines[] | [.op, .change, .held]]' "$T/s.json")"
[ "$(jq -c '[.opening_balance, .closing_balance, .held]' "$T/s.json")" = "[2376550,2276550,50000]" ] ||
    fail "H-001 today: $(jq -c '[.opening_balance, .closing_balance, .held]' "$T/s.json")"
# What is not yet spent, less what is held, is the course's available.
[ "$(jq '.closing_balance - .held == .courses[0].available' "$T/s.json")" = true ] ||
    fail "available: $(cat "$T/s.json")"
# The text says so too.
ctl statement H-001 >"$T/text"
grep -q 'Saldo primo: 0,00 kr.' "$T/text" || fail "text opening: $(cat "$T/text")"
grep -q 'Saldo ultimo: 22.765,50 kr., heraf reserveret 500,00 kr.' "$T/text" ||
    fail "text closing: $(cat "$T/text")"
grep -q 'afregning .*-1.000,00 kr.' "$T/text" || fail "text capture: $(cat "$T/text")"
