# budgetctl pool (a group without its verb) is an incomplete command, a
# usage error like a missing argument: exit 2, nothing on stdout, the
# group's commands on stderr. Asked for (help pool, pool --help) the same
# list goes to stdout with exit 0. No daemon is needed.
. tests/lib.sh

for g in pool course reservation; do
	"$BUDGETCTL" "$g" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 2 ] || fail "$g: exit $rc, want 2"
	[ -s "$T/out" ] && fail "$g: wrote to stdout: $(cat "$T/out")"
	grep -q "^brug: budgetctl $g " "$T/err" || fail "$g: stderr: $(cat "$T/err")"
done
"$BUDGETCTL" pool 2>"$T/err"
for verb in create fund show list; do
	grep -q "budgetctl pool $verb" "$T/err" || fail "pool: no 'pool $verb' in $(cat "$T/err")"
done
grep -q "budgetctl course open" "$T/err" && fail "pool lists course commands"

for asked in "help pool" "pool --help" "pool -h"; do
	"$BUDGETCTL" $asked >"$T/out" 2>"$T/err" || fail "$asked: exit $?"
	[ -s "$T/err" ] && fail "$asked: stderr: $(cat "$T/err")"
	[ "$(grep -c 'budgetctl pool ' "$T/out")" -eq 4 ] ||
	    fail "$asked: stdout: $(cat "$T/out")"
done

# A verb the group does not have: exit 2 and the group's commands.
"$BUDGETCTL" pool frobnicate >"$T/out" 2>"$T/err"
[ $? -eq 2 ] || fail "pool frobnicate: not exit 2"
grep -q "pool frobnicate" "$T/err" && grep -q "budgetctl pool create" "$T/err" ||
    fail "pool frobnicate: $(cat "$T/err")"
