# A close date lies between the course's start and today, and not before
# the value date of any entry already on the course: a course closed on
# one day keeps no purchase of a later day.
. tests/lib.sh
start_daemon

standard_pool pilot 200000
start=$(day '6 months ago')
expect_rc 0 course open H-001 --pool pilot --start "$start" --grant 10000
expect_rc 0 spend H-001 500 --category other --voucher V-1 --date "$(day '3 months ago')"
bought=$(day '10 days ago')
expect_rc 0 spend H-001 200 --category other --voucher V-2 --date "$bought"
before=$(ctl --json status | json .entries)

for date in "$(day '20 days ago')" "$(day '11 days ago')"; do
	expect_code OUTSIDE_WINDOW course close H-001 --reason moved --date "$date"
	case $out in
	*"har en postering med valørdato $bought"*) ;;
	*) fail "the message does not name the entry's date: $out" ;;
	esac
done
expect_code OUTSIDE_WINDOW course close H-001 --reason moved --date "$(day tomorrow)"
case $out in
*"mellem forløbets start $start og i dag $TODAY"*) ;;
*) fail "the message does not name start and today: $out" ;;
esac
expect_code OUTSIDE_WINDOW course close H-001 --reason moved --date "$(day '7 months ago')"
[ "$(ctl --json status | json .entries)" = "$before" ] || fail "a refused close wrote"
[ "$(ctl --json course show H-001 | json .status)" = open ] || fail "closed"

expect_rc 0 course close H-001 --reason moved --date "$bought"
[ "$(ctl --json course show H-001 | json .closed_on)" = "$bought" ] ||
    fail "closed_on: $(ctl --json course show H-001)"
balanced H-001

# A reversal carries its original's value date; a reservation is dated
# the day it is made, its release (here by the close itself) dates
# nothing.
expect_rc 0 course open H-002 --pool pilot --start "$start" --grant 10000
s=$(ctl --json spend H-002 300 --category other --voucher V-3 --date "$(day '4 days ago')" |
    json .seq)
expect_rc 0 reverse "$s" --reason "forkert borger"
expect_code OUTSIDE_WINDOW course close H-002 --reason ended --date "$(day '5 days ago')"
expect_rc 0 reserve H-002 100 --category other
expect_code OUTSIDE_WINDOW course close H-002 --reason ended --date "$(day '4 days ago')"
expect_rc 0 course close H-002 --reason ended
balanced H-002

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 ||
    fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
exit 0
