# A statement of entries recorded out of value-date order (a spend
# backdated after a later one, a reversal keeping its original's date) over
# two courses: a line's balance is its course's available budget after it,
# in journal order, and the statement is the table worked out by hand.
. tests/lib.sh
start_daemon

standard_pool pilot 100000

# H-003: entries recorded out of value-date order (a spend backdated after
# a later one, a reversal keeping its original's date) over two courses.
d() { day "$1 days ago"; }
expect_rc 0 course open H-003 --pool pilot --start "$(d 90)" --grant 30000
expect_rc 0 spend H-003 1000 --category transport --voucher S-1 --date "$(d 55)"
expect_rc 0 spend H-003 2000 --category transport --voucher S-2 --date "$(d 80)"
s=$(ctl --json spend H-003 300 --category other --voucher S-3 --date "$(d 60)" | json .seq)
expect_rc 0 grant H-003 500 --date "$(d 60)"
expect_rc 0 reverse "$s" --reason fejl
expect_rc 0 course close H-003 --reason moved --date "$(d 50)"
expect_rc 0 course open H-003 --pool pilot --start "$(d 45)" --grant 7000
expect_rc 0 spend H-003 700 --category other --voucher S-4 --date "$(d 30)"
balanced H-003

# Days ago, op, balance after it: the whole statement, by hand.
table="90 course_open 0
90 grant 3000000
55 spend 2900000
80 spend 2700000
60 spend 2670000
60 grant 2720000
60 reverse 2750000
50 course_close 0
45 course_open 0
45 grant 700000
30 spend 630000"
# want FROM TO: the lines of the table with a value date in [FROM, TO].
want() {
	echo "$table" | while read -r ago op bal; do
		v=$(d "$ago")
		if [ -n "$1" ] && [ "$v" \< "$1" ]; then continue; fi
		if [ -n "$2" ] && [ "$v" \> "$2" ]; then continue; fi
		echo "$v $op $bal"
	done
}
got() { jq -r '.lines[] | "\(.value_date) \(.op) \(.balance)"'; }

ctl --json statement H-003 >"$T/full" || fail "statement H-003"
[ "$(got <"$T/full")" = "$(want "" "")" ] ||
    fail "statement H-003: got
$(got <"$T/full")
want
$(want "" "")"
[ "$(jq '.courses[1].available' "$T/full")" = 630000 ] || fail "course 2"
