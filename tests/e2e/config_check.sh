# budgetd -n checks a configuration: an unknown key or a bad value names
# the file and the line; a good file and the built-in defaults pass.
. tests/lib.sh

"$BUDGETD" -n -c conf/budgetd.conf >"$T/out" 2>&1 || fail "example: $(cat "$T/out")"
"$BUDGETD" -n >"$T/out" 2>&1 || fail "defaults: $(cat "$T/out")"

check_bad() {
	printf "$1" >"$T/bad.conf"
	if "$BUDGETD" -n -c "$T/bad.conf" >"$T/out" 2>&1; then
		fail "accepted: $1"
	fi
	grep -q "bad.conf:$2:" "$T/out" || fail "line $2 not named: $(cat "$T/out")"
}
check_bad '[daemon]\nsocket = /x\nsocet_mode = 0600\n' 3
check_bad '[daemon]\nsocket_mode = 999\n' 2
check_bad '[daemon]\nmap_size = lots\n' 2
check_bad '[nonsense]\nkey = 1\n' 2
check_bad '[roles]\nsuperuser = root\n' 2
check_bad '[categories]\nBad Slug = x\n' 2
check_bad '[daemon]\nthis is not ini\n' 2
# A label reaches statements and spreadsheets: no controls, no invisible
# bidirectional characters, UTF-8 only.
check_bad '[categories]\nhealth = Sundhed\342\200\256 x\n' 2
grep -q 'U+202E' "$T/out" || fail "the character is not named: $(cat "$T/out")"
check_bad '[categories]\nhealth = Sundhed\033[31m\n' 2
check_bad '[categories]\nhealth = Sundhed \346\n' 2
"$BUDGETD" -n -c "$T/missing.conf" >"$T/out" 2>&1 && fail "missing file accepted"
grep -q missing.conf "$T/out" || fail "missing file not named"

# Flags override the file: the daemon listens where -S says.
printf '[daemon]\nsocket = %s/elsewhere.sock\n' "$T" >"$T/ok.conf"
start_daemon -c "$T/ok.conf"
[ -S "$T/elsewhere.sock" ] && fail "the file's socket won over -S"
expect_rc 0 status
