# budgetctl help CMD and CMD --help print that command's usage on stdout
# and exit 0; help alone prints every command; help nosuch is a usage
# error (exit 2, stderr). No daemon is needed: nothing is sent.
. tests/lib.sh

check_usage() {	# words... : the usage of that command, on stdout, exit 0
	name=$1
	shift
	"$BUDGETCTL" "$@" >"$T/out" 2>"$T/err" || fail "$*: exit $?"
	[ -s "$T/err" ] && fail "$*: stderr: $(cat "$T/err")"
	[ "$(wc -l <"$T/out")" -eq 1 ] || fail "$*: more than the usage: $(cat "$T/out")"
	grep -q "^brug: budgetctl $name" "$T/out" || fail "$*: stdout: $(cat "$T/out")"
}
check_usage spend help spend
grep -q -- '--voucher REF' "$T/out" || fail "help spend: $(cat "$T/out")"
check_usage spend spend --help
check_usage spend spend -h
check_usage "course open" help course open
check_usage "course open" course open --help
check_usage "checkpoint \[--verifier-key\]" checkpoint --help
# --help wins over a line that would be a usage error.
check_usage grant grant --help H-001 12,345

"$BUDGETCTL" help >"$T/out" 2>"$T/err" || fail "help: exit $?"
grep -q "^  statement " "$T/out" && grep -q "^  pool create " "$T/out" ||
    fail "help: $(cat "$T/out")"

"$BUDGETCTL" help nosuch >"$T/out" 2>"$T/err"
[ $? -eq 2 ] || fail "help nosuch: not exit 2"
[ -s "$T/out" ] && fail "help nosuch: stdout: $(cat "$T/out")"
grep -q nosuch "$T/err" || fail "help nosuch: stderr: $(cat "$T/err")"
expect_rc 2 help pool nosuch-verb-and-more nosuch
