# A refusal names the condition that failed with its figures: the window
# bound, the cap and what is granted, what is available, what the pool
# holds, and why a reversal cannot be made.
. tests/lib.sh
start_daemon

# want PATTERN: the last refusal's message ($out) matches it.
want() {
	case $out in
	$1) ;;
	*) fail "message does not match '$1': $out" ;;
	esac
}

standard_pool pilot 60000
START=$(day '1 month ago')
expect_rc 0 course open H-080 --pool pilot --start "$START" --grant 40000

expect_code CAP_EXCEEDED grant H-080 10000,01
want '*10.000,01 kr.*50.000,00 kr.*40.000,00 kr.*'
expect_rc 0 course open H-081 --pool pilot --start "$START"
expect_code POOL_INSUFFICIENT grant H-081 20000,01
want '*20.000,00 kr.*20.000,01 kr.*'

# The window bound that failed, with both dates.
before=$(day '2 months ago')
expect_code OUTSIDE_WINDOW grant H-080 10 --date "$before"
want "*$before*før starten*$START*"
expect_code OUTSIDE_WINDOW spend H-080 10 --category education --voucher F-0 --date "$before"
want "*$before*før starten*$START*"
tomorrow=$(day tomorrow)
expect_code OUTSIDE_WINDOW spend H-080 10 --category education --voucher F-0 --date "$tomorrow"
want "*$tomorrow*efter i dag*$TODAY*"
expect_code OUTSIDE_WINDOW refund H-080 10 --category education --voucher K-0 --date "$tomorrow"
want "*$tomorrow*efter i dag*$TODAY*"
end=$(ctl --json course show H-080 | json .end)
after=$(date -d "$end + 1 day" +%F)
expect_code OUTSIDE_WINDOW grant H-080 10 --date "$after"
want "*$after*efter slutningen*$end*"

# What is available, against what was asked.
expect_code INSUFFICIENT_FUNDS spend H-080 40000,01 --category education --voucher F-1
want '*40.000,00 kr.*40.000,01 kr.*'
expect_code INSUFFICIENT_FUNDS reserve H-080 40000,01 --category education
want '*40.000,00 kr.*40.000,01 kr.*'

# Reversals that would break a rule say by how much.
spend=$(ctl --json spend H-080 30000 --category education --voucher F-2 | json .seq)
grant=$(ctl --json grant H-081 5000 | json .seq)
expect_rc 0 spend H-081 4000 --category housing --voucher F-3
expect_code INSUFFICIENT_FUNDS reverse "$grant" --reason "fejl"
want '*1.000,00 kr.*5.000,00 kr.*'
expect_rc 0 refund H-080 100 --category education --voucher K-1
expect_code BAD_REQUEST reverse "$spend" --reason "fejl"
want '*29.900,00 kr.*education*30.000,00 kr.*'
refund=$(ctl --json refund H-081 1000 --category housing --voucher K-2 | json .seq)
expect_rc 0 spend H-081 1500 --category housing --voucher F-4
expect_code INSUFFICIENT_FUNDS reverse "$refund" --reason "fejl"
want '*500,00 kr.*1.000,00 kr.*'
fund=$(ctl --json pool fund pilot 20000 | json .seq)
expect_rc 0 grant H-081 16000
expect_code POOL_INSUFFICIENT reverse "$fund" --reason "fejl"
want '*19.000,00 kr.*20.000,00 kr.*'"$fund"'*'
balanced H-080
balanced H-081

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
