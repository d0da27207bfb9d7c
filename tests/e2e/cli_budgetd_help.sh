# budgetd --help (and -h) prints the usage and its options on stdout and
# exits 0 without starting; an unknown option is still a usage error on
# stderr, exit 2.
. tests/lib.sh

for h in --help -h "-f --help" "-D $T/db -h"; do
	"$BUDGETD" $h >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 0 ] || fail "budgetd $h: exit $rc; $(cat "$T/err")"
	[ -s "$T/err" ] && fail "budgetd $h: stderr: $(cat "$T/err")"
	grep -q "^usage: budgetd " "$T/out" || fail "budgetd $h: $(cat "$T/out")"
	for o in -c -D -S -f -n; do
		grep -q -- "^  $o " "$T/out" || fail "budgetd $h: no $o in $(cat "$T/out")"
	done
done
[ -e "$T/db" ] && fail "budgetd -h created its data directory"

"$BUDGETD" -x >"$T/out" 2>"$T/err"
[ $? -eq 2 ] || fail "budgetd -x: not exit 2"
[ -s "$T/out" ] && fail "budgetd -x: stdout: $(cat "$T/out")"
grep -q "^usage: budgetd " "$T/err" || fail "budgetd -x: $(cat "$T/err")"
