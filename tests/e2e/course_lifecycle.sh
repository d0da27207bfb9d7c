# A course's whole life with two-phase purchases: close with open
# reservations releases them and returns the rest to the pool, as one
# atomic group; afterwards every write on the course is refused; a second
# course starts after it; course show and statement show the lifecycle.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-030 --pool pilot --start "$(day '3 months ago')" --grant 30000
expect_rc 0 spend H-030 5000 --category housing --voucher S-1
ra=$(ctl --json reserve H-030 4000 --category education --note "Køreskole" | json .seq)
rb=$(ctl --json reserve H-030 1500 --category transport | json .seq)
rc_=$(ctl --json reserve H-030 500 --category transport | json .seq)
expect_rc 0 capture "$rc_" --voucher T-9
balanced H-030

# A refused close (date before the start) writes nothing and leaves the
# reservations open.
before=$(ctl --json status | json .entries)
expect_code OUTSIDE_WINDOW course close H-030 --reason ended --date "$(day '4 months ago')"
[ "$(ctl --json status | json .entries)" = "$before" ] || fail "a refused close wrote"
[ "$(ctl --json course show H-030 | json .reserved)" = 550000 ] || fail "reservations gone"

out=$(ctl --json course close H-030 --reason withdrawn) || fail "close: $out"
first=$(echo "$out" | json .seq)
after=$(ctl --json status | json .entries)
# Two releases and the close: one group, consecutive seqs, same id.
[ $((after - before)) -eq 3 ] || fail "close appended $((after - before)) entries"
ctl export --since "$((first - 1))" >"$T/close.jsonl"
jq -s -e ".[0].op == \"release\" and .[0].reservation == $ra and .[0].amount == 400000 and
    .[1].op == \"release\" and .[1].reservation == $rb and .[1].amount == 150000 and
    .[2].op == \"course_close\" and .[2].note == \"withdrawn\" and .[2].amount == 2450000 and
    ([.[].id] | unique | length) == 1" "$T/close.jsonl" >/dev/null ||
    fail "close group: $(cat "$T/close.jsonl")"
show=$(ctl --json course show H-030)
echo "$show" | jq -e '.status == "closed" and .reserved == 0 and .available == 0' >/dev/null ||
    fail "after close: $show"
pool=$(ctl --json pool show pilot)
[ "$(echo "$pool" | json .returned)" = 2450000 ] || fail "returned: $pool"
ctl verify >/dev/null || fail "verify after close"

# Nothing more on the closed course.
expect_code RESERVATION_CLOSED capture "$ra" --voucher X
expect_code RESERVATION_CLOSED release "$rb"
expect_code COURSE_CLOSED reserve H-030 1 --category education
# A refund after the close goes to the pool (refund_after_close.sh), never
# past what the course spent in the category: nothing went on health.
expect_code BAD_REQUEST refund H-030 1 --category health --voucher K
expect_code COURSE_CLOSED spend H-030 1 --category housing --voucher K
expect_code COURSE_CLOSED grant H-030 1
expect_code COURSE_CLOSED course close H-030 --reason ended
s1=$(ctl --json export --since 0 | jq -s '.[] | select(.voucher == "S-1") | .seq')
expect_code COURSE_CLOSED reverse "$s1" --reason "fejl"

# A second course: number 2, starting after the first one's last day
# (today, when it closed): nothing can be reserved or closed on it before
# it starts.
tomorrow=$(day tomorrow)
out=$(ctl --json course open H-030 --pool pilot --start "$TODAY" --grant 2000)
case $out in
*OUTSIDE_WINDOW*"skal starte efter $TODAY"*) ;;
*) fail "a second course overlapping the first: $out" ;;
esac
out=$(ctl --json course open H-030 --pool pilot --start "$tomorrow" --grant 2000) ||
    fail "reopen: $out"
[ "$(echo "$out" | json .course)" = 2 ] || fail "course number: $out"
expect_code OUTSIDE_WINDOW reserve H-030 2000 --category education
expect_code OUTSIDE_WINDOW course close H-030 --reason ended
[ "$(ctl --json course show H-030 | json .available)" = 200000 ] || fail "course 2"
balanced H-030

# The statement shows the lifecycle: each course, its entries, its end.
ctl statement H-030 >"$T/stmt.txt" || fail "statement"
grep -q "^Forløb 1, .* (lukket)$" "$T/stmt.txt" || fail "statement course 1: $(cat "$T/stmt.txt")"
grep -q "^Forløb 2, .* (åben)$" "$T/stmt.txt" || fail "statement course 2"
grep -q "frigivelse .*forløb lukket$" "$T/stmt.txt" || fail "statement release line"
ctl --json statement H-030 | jq -e '[.courses[] | .status] == ["closed","open"]' \
    >/dev/null || fail "statement json courses: $(ctl --json statement H-030)"

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
