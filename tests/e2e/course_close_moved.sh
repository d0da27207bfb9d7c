# Closing a course: the remainder goes back to the pool in the same entry,
# the closed course takes nothing more, and a new course gets number 2.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '2 months ago')" --grant 40000
expect_code ALREADY_EXISTS course open H-001 --pool pilot --start "$TODAY"
expect_rc 0 spend H-001 12.500 --category housing --voucher J-1 --note "Sofa" \
    --date "$(day '1 month ago')"
expect_rc 2 course close H-001 --reason retired
out=$(ctl --json course close H-001 --reason moved --date "$(day '1 week ago')") ||
    fail "close: $out"
seq=$(echo "$out" | json .seq)

out=$(ctl --json course show H-001)
[ "$(echo "$out" | json .status)" = closed ] || fail "status: $out"
[ "$(echo "$out" | json .available)" = 0 ] || fail "available: $out"
out=$(ctl --json pool show pilot)
[ "$(echo "$out" | json .returned)" = 2750000 ] || fail "returned: $out"
[ "$(echo "$out" | json .balance)" = 8750000 ] || fail "balance: $out"

ctl export --since "$((seq - 1))" --limit 1 >"$T/close.json" || fail "export"
[ "$(json .op <"$T/close.json")" = course_close ] || fail "op: $(cat "$T/close.json")"
[ "$(json .amount <"$T/close.json")" = 2750000 ] || fail "amount"
[ "$(json .debit <"$T/close.json")" = pool:pilot ] || fail "debit"
[ "$(json .credit <"$T/close.json")" = budget:H-001:1 ] || fail "credit"
[ "$(json .note <"$T/close.json")" = moved ] || fail "note"

expect_code COURSE_CLOSED spend H-001 1 --category other --voucher X
expect_code COURSE_CLOSED grant H-001 1
expect_code COURSE_CLOSED course close H-001 --reason ended

# The citizen comes back after the close date: course number 2, with what
# is left of the drawing right (12.500 kr. were spent).
expect_code CAP_EXCEEDED course open H-001 --pool pilot --start "$(day '6 days ago')" --grant 50000
out=$(ctl --json course open H-001 --pool pilot --start "$(day '6 days ago')" --grant 37500) ||
    fail "reopen: $out"
[ "$(echo "$out" | json .course)" = 2 ] || fail "course number: $out"
out=$(ctl --json course show H-001 --course 1)
[ "$(echo "$out" | json .status)" = closed ] || fail "course 1: $out"
out=$(ctl --json course show H-001)
[ "$(echo "$out" | json .course)" = 2 ] || fail "latest: $out"
[ "$(echo "$out" | json .available)" = 3750000 ] || fail "latest: $out"
[ "$(echo "$out" | json .cap)" = 3750000 ] || fail "latest: $out"
