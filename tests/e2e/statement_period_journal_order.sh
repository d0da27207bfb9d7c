# A statement for a date range of entries recorded out of value-date
# order over two courses: --from and --to pick lines by value date, both
# ends included, each alone or both, and change no balance: the lines are
# the whole statement's, with its balances.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

standard_pool pilot 100000

statement_out_of_order

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
# range FROM TO: the daemon's lines for the range are the table's.
range() {
	set -- "$1" "$2" ${1:+--from "$1"} ${2:+--to "$2"}
	from=$1 to=$2
	shift 2
	out=$(ctl --json statement H-003 "$@") || fail "statement $*: $out"
	[ "$(echo "$out" | got)" = "$(want "$from" "$to")" ] ||
	    fail "statement H-003 $*: got
$(echo "$out" | got)
want
$(want "$from" "$to")"
	# The same entries as the whole statement's, with the same balances.
	[ "$(echo "$out" | jq -c '[.lines[] | [.seq, .balance]]')" = \
	  "$(jq -c --arg f "$from" --arg t "$to" '[.lines[] |
	    select(($f == "" or .value_date >= $f) and
	    ($t == "" or .value_date <= $t)) | [.seq, .balance]]' "$T/full")" ] ||
	    fail "statement H-003 $*: not the whole statement's lines: $out"
	[ "$(echo "$out" | jq '.courses | length')" = 2 ] || fail "courses: $out"
}

ctl --json statement H-003 >"$T/full" || fail "statement H-003"
range "$(d 80)" "$(d 80)"	# the backdated spend, after the later one
range "$(d 60)" "$(d 30)"	# across the close and the second course
range "$(d 61)" "$(d 59)"
range "$(d 55)" "$(d 55)"
range "" "$(d 85)"		# --to alone
range "$(d 35)" ""		# --from alone
range "$(d 54)" "$(d 51)"	# nothing in between
range "$(d 90)" "$TODAY"
[ "$(want "$(d 54)" "$(d 51)")" = "" ] || fail "the table"
[ "$(want "$(d 61)" "$(d 59)" | wc -l)" = 3 ] || fail "the table"
