# Checkpoints are signed on a schedule, at most every 100 ms while writes
# go on, not at every commit: a second of closed-loop spends from four
# connections makes hundreds of commits and a handful of checkpoints,
# every one of them kept, signed and verified offline.
. tests/lib.sh
start_daemon
ctl --json bench --connections 4 --seconds 1 >"$T/bench" || fail "bench"
commits=$(ctl --json status | json .commits)
key=$(ctl checkpoint --verifier-key)
stop_daemon
"$BUDGETD" verify --db "$DB" --key "$key" >"$T/out" 2>&1 ||
    fail "verify: $(cat "$T/out")"
cps=$(sed -n 's/.*, \([0-9]*\) signerede kontrolpunkter.*/\1/p' "$T/out")
echo "commits $commits, checkpoints $cps"
[ -n "$cps" ] && [ "$cps" -gt 0 ] || fail "output: $(cat "$T/out")"
[ "$commits" -gt 20 ] || fail "only $commits commits: bench too slow to tell"
# About 10 a second of writes, and a few for the setup and the stop;
# well under one per commit.
[ "$cps" -lt $((commits / 2)) ] || fail "$cps checkpoints for $commits commits"
[ "$cps" -le 40 ] || fail "$cps checkpoints in about a second"
# A clean stop signed the tail: the latest checkpoint signs every entry.
grep -q 'ikke signeret endnu' "$T/out" && fail "tail left unsigned: $(cat "$T/out")"
exit 0
