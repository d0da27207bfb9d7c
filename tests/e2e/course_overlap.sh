# A citizen's courses never overlap: a new course starts after the last
# day of the citizen's previous course, its close date when it was closed
# early and its end otherwise. Otherwise a spend dated after the close
# could land in the next course while the closed one covers its date.
. tests/lib.sh
start_daemon

standard_pool pilot 200000
expect_rc 0 course open H-001 --pool pilot --start "$(day '6 months ago')" --grant 10000
expect_rc 0 spend H-001 500 --category other --voucher V-1 --date "$(day '3 months ago')"
closed=$(day '2 months ago')
expect_rc 0 course close H-001 --reason moved --date "$closed"
before=$(ctl --json status | json .entries)

for start in "$(day '5 months ago')" "$(day '2 months ago - 1 day')" "$closed"; do
	expect_code OUTSIDE_WINDOW course open H-001 --pool pilot --start "$start" --grant 100
	case $out in
	*"skal starte efter $closed, sidste dag i forløb 1"*) ;;
	*) fail "the message does not name the last day: $out" ;;
	esac
done
[ "$(ctl --json status | json .entries)" = "$before" ] || fail "entries appended"
[ "$(ctl --json course show H-001 | json .course)" = 1 ] || fail "a course was opened"

expect_rc 0 course open H-001 --pool pilot --start "$(day '2 months ago + 1 day')" --grant 100
[ "$(ctl --json course show H-001 | json .course)" = 2 ] || fail "course 2"
balanced H-001

# A course that ran to its end: the next starts after the end.
expect_rc 0 course open H-002 --pool pilot --start "$(day '12 months ago')"
end=$(ctl --json course show H-002 | json .end)
expect_rc 0 course close H-002 --reason ended
expect_code OUTSIDE_WINDOW course open H-002 --pool pilot --start "$end"
case $out in
*"skal starte efter $end"*) ;;
*) fail "the message does not name the end: $out" ;;
esac
expect_rc 0 course open H-002 --pool pilot --start "$(day "$end + 1 day")"
balanced H-002

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 ||
    fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
exit 0
