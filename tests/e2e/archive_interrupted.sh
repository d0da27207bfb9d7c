# An archive stopped by a signal half way leaves nothing: not DEST, not
# DEST.part, no record in the journal; the next archive into the same
# DEST then runs whole.
. tests/lib.sh
start_daemon
ctl bench --connections 1 --batch 500 --seconds 1 >/dev/null || fail "bench"
n=$(ctl --json status | json .entries)
"$BUDGETCTL" archive "$T/pkg" >"$T/out" 2>&1 &
pid=$!
i=0
# Stopped once its first batches are on the disk.
until [ -s "$T/pkg.part/entries.jsonl" ]; do
	i=$((i + 1))
	[ $i -gt 400 ] && fail "the archive did not start"
	kill -0 $pid 2>/dev/null || fail "the archive ended before it was stopped: $(cat "$T/out")"
	sleep 0.01
done
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ] || fail "exit $rc, want 130: $(cat "$T/out")"
grep -q "afbrudt af signal 2" "$T/out" || fail "output: $(cat "$T/out")"
[ ! -e "$T/pkg" ] && [ ! -e "$T/pkg.part" ] || fail "an interrupted archive left files"
[ "$(ctl --json status | json .entries)" = "$n" ] || fail "an interrupted archive was recorded"
out=$(ctl --json archive "$T/pkg") || fail "archive after: $out"
[ "$(echo "$out" | json .entries)" = "$n" ] || fail "archive after: $out"
echo ok
