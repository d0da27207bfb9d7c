# Course windows: inside the pool's, value dates inside the course, no
# future spends, late recording until end + grace, then nothing.
. tests/lib.sh
start_daemon

ctl pool create pilot --cap 50000 --months 12 --from "$(day '2 years ago')" \
    --to "$(day '1 year')" --grace 30 >/dev/null || fail "pool create"
ctl pool fund pilot 500000 >/dev/null || fail "pool fund"

# The course must lie inside the pool's window, at both ends.
expect_code OUTSIDE_WINDOW course open H-001 --pool pilot --start "$(day '3 years ago')"
expect_code OUTSIDE_WINDOW course open H-001 --pool pilot --start "$(day '1 month')"
# A course that ended more than 30 grace days ago cannot be opened.
expect_code OUTSIDE_WINDOW course open H-001 --pool pilot --start "$(day '14 months ago')"

# Ended 10 days ago, inside its grace: late invoices are still taken.
start=$(day '12 months ago 10 days ago')
end=$(day "$start 12 months 1 day ago")
expect_rc 0 course open H-002 --pool pilot --start "$start" --grant 10000
out=$(ctl --json course show H-002)
[ "$(echo "$out" | json .end)" = "$end" ] || fail "end $end: $out"
expect_code OUTSIDE_WINDOW spend H-002 100 --category other --voucher V1
expect_code OUTSIDE_WINDOW spend H-002 100 --category other --voucher V1 --date "$(day "$start 1 day ago")"
expect_rc 0 spend H-002 100 --category other --voucher V1 --date "$end"
expect_rc 0 spend H-002 100 --category other --voucher V2 --date "$start"
expect_code OUTSIDE_WINDOW grant H-002 100
expect_rc 0 grant H-002 100 --date "$end"

# A running course: no spend dated in the future, grants inside the window.
expect_rc 0 course open H-003 --pool pilot --start "$(day '1 month ago')" --grant 1000
expect_code OUTSIDE_WINDOW spend H-003 10 --category other --voucher F --date "$(day tomorrow)"
expect_rc 0 spend H-003 10 --category other --voucher F --date "$TODAY"
# An impossible date is a usage error, found before anything is sent.
expect_rc 2 spend H-003 10 --category other --voucher F --date 2026-02-30
