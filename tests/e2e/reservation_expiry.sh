# Expiry of reservations, driven by the daemon itself. The daemon runs
# under libfaketime (Debian's faketime package, LD_PRELOADed by this test
# only: nothing in budgetd can set its clock), so that a course's end +
# grace passes while the test watches, and while the daemon is down.
. tests/lib.sh
. tests/fixtures/faketime.sh

# A one-month course ending 2027-03-10 with no grace days: its open
# reservations expire at midnight between the 10th and the 11th.
at "2027-03-10 23:59:50"
start_daemon
ctl pool create short --cap 50000 --months 1 --from 2027-01-01 --to 2028-12-31 \
    --grace 0 >/dev/null || fail "pool create"
expect_rc 0 pool fund short 100000
expect_rc 0 course open H-040 --pool short --start 2027-02-11 --grant 10000
[ "$(ctl --json course show H-040 | json .end)" = 2027-03-10 ] || fail "course end"
r1=$(ctl --json reserve H-040 2500 --category education | json .seq)
r2=$(ctl --json reserve H-040 1000 --category transport | json .seq)
expect_rc 0 capture "$r2" 400 --voucher T-1
[ "$(ctl --json course show H-040 | json .reserved)" = 250000 ] || fail "reserved before midnight"

# Nobody asks: the timer fires at midnight; the daemon releases r1 and,
# the course being past end + grace, closes it (reason ended): nothing
# stays locked.
i=0
until [ "$(ctl --json course show H-040 | json .status)" = closed ]; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "course H-040 was not closed by the daemon"
	sleep 0.2
done
ctl export --since 0 | jq -s -e "[.[] | select(.op == \"release\")][-1] |
    .reservation == $r1 and .amount == 250000 and .note == \"expired\" and
    .actor.role == \"daemon\" and .actor.name == \"budgetd\" and
    .recorded_at >= \"2027-03-10T23:00:00\"" >/dev/null ||
    fail "expiry entry: $(ctl export --since 0 | tail -n 2)"
ctl export --since 0 | jq -s -e '.[-1] | .op == "course_close" and
    .note == "ended" and .amount == 960000 and .value_date == "2027-03-11" and
    .actor.role == "daemon" and .debit == "pool:short"' >/dev/null ||
    fail "daemon's close: $(ctl export --since 0 | tail -n 1)"
show=$(ctl --json course show H-040)
echo "$show" | jq -e '.close_reason == "ended" and .closed_on == "2027-03-11" and
    .reserved == 0 and .available == 0' >/dev/null || fail "closed course: $show"
[ "$(ctl --json pool show short | json .balance)" = 9960000 ] ||
    fail "the pool did not get the remainder: $(ctl --json pool show short)"
expect_code RESERVATION_CLOSED capture "$r1" --voucher E-1 --date 2027-03-10
grep -q "reservation $r1 for H-040 er udløbet" "$LOG" || fail "expiry not logged"
grep -q "forløb 1 for H-040 var forbi sin slutning og frist: lukket" "$LOG" ||
    fail "close not logged"
# Closed: the course takes nothing more, not even a close.
expect_code COURSE_CLOSED reserve H-040 1 --category education
expect_code COURSE_CLOSED course close H-040 --reason ended
balanced H-040
stop_daemon

# Down while the deadline passes: the daemon catches up when it starts,
# before it serves anything. (A database of its own: recorded times never
# go backwards, so the first one now lives after midnight.)
"$REAL_BUDGETD" verify --db "$DB" >/dev/null 2>&1 ||
    fail "offline verify: $("$REAL_BUDGETD" verify --db "$DB" 2>&1)"
DB=$T/db2
at "2027-03-10 12:00:00"
start_daemon
ctl pool create short --cap 50000 --months 1 --from 2027-01-01 --to 2028-12-31 \
    --grace 0 >/dev/null || fail "pool create"
expect_rc 0 pool fund short 100000
expect_rc 0 course open H-041 --pool short --start 2027-02-11 --grant 5000
r3=$(ctl --json reserve H-041 1200 --category health | json .seq)
r4=$(ctl --json reserve H-041 300 --category health | json .seq)
stop_daemon
at "2027-03-12 09:00:00"
start_daemon
expect_code RESERVATION_CLOSED capture "$r3" --voucher H-1 --date 2027-03-09
show=$(ctl --json course show H-041)
echo "$show" | jq -e ".reserved == 0 and .available == 0 and .returned == 500000" >/dev/null ||
    fail "after catch-up: $show"
n=$(ctl export --since "$r4" | jq -s "[.[] | select(.op == \"release\" and .note == \"expired\" and
    .value_date == \"2027-03-12\" and (.reservation == $r3 or .reservation == $r4))] | length")
[ "$n" = 2 ] || fail "catch-up releases: $(ctl export --since "$r4")"
# The statement and the audit trail show the expiry.
ctl statement H-041 | grep -q "frigivelse .*udløbet" || fail "statement: $(ctl statement H-041)"
ctl --json audit H-041 | jq -e '[.entries[] | select(.op == "release" and .note == "expired")] | length == 2' \
    >/dev/null || fail "audit: $(ctl --json audit H-041)"
# The daemon closed it too, after the releases, before serving anyone.
ctl --json course show H-041 | jq -e '.status == "closed" and
    .close_reason == "ended" and .closed_on == "2027-03-12"' >/dev/null ||
    fail "catch-up close: $(ctl --json course show H-041)"
balanced H-041
stop_daemon
"$REAL_BUDGETD" verify --db "$DB" >/dev/null 2>&1 ||
    fail "offline verify: $("$REAL_BUDGETD" verify --db "$DB" 2>&1)"
