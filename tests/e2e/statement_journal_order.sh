# A statement of entries recorded out of value-date order (a spend
# backdated after a later one, a reversal keeping its original's date) over
# two courses: the lines stand in value-date order (one day's in journal
# order), a line's balance is what is not yet spent after it, running over
# the courses, and the statement is the table worked out by hand.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

standard_pool pilot 100000

statement_out_of_order
balanced H-003

# Days ago, op, balance after it: the whole statement, by hand.
table="90 course_open 0
90 grant 3000000
80 spend 2800000
60 spend 2770000
60 grant 2820000
60 reverse 2850000
55 spend 2750000
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
