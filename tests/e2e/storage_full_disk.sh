# The file system fills before the map does: writing or syncing the
# database fails with ENOSPC, and the requests that did not fit are
# refused with STORAGE_FULL (never INTERNAL), whole. Reads go on, and once
# there is room again the same writes apply: LMDB's environment survives
# a failed commit. On a small tmpfs of its own, with a map larger than it.
. tests/lib.sh
FS=$T/fs
mkdir "$FS"
if ! mount -t tmpfs -o size=2M,mode=0700 budgetd-test "$FS" 2>"$T/mount.err"; then
	echo "skipped: cannot mount a tmpfs here: $(cat "$T/mount.err")"
	exit 0
fi
# The daemon stops before its file system goes, then the usual cleanup.
unmount() {
	status=$?
	if [ -n "$DPID" ] && kill -0 "$DPID" 2>/dev/null; then
		kill -TERM "$DPID"
		wait "$DPID" || { echo "FAIL: budgetd exited $? at the end"; status=1; }
		DPID=
	fi
	umount "$FS" || umount -l "$FS"
	(exit $status)
	cleanup
}
trap unmount EXIT
DB=$FS/db
printf '[daemon]\nmap_size = 64M\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool pilot 1000000
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 50000
before=$(ctl --json status | json .entries)

spends_file "$T/spends.jsonl" H-1 3000 400
ctl --json import "$T/spends.jsonl" --batch 100 >"$T/first.jsonl"
ok=$(grep -c '"status":"ok"' "$T/first.jsonl")
full=$(grep -c '"code":"STORAGE_FULL"' "$T/first.jsonl")
echo "on a full file system: $ok ok, $full STORAGE_FULL"
df -k "$FS" | tail -1
[ $((ok + full)) -eq 3000 ] ||
    fail "lines neither ok nor STORAGE_FULL: $(grep -v '"status":"ok"' "$T/first.jsonl" | grep -v STORAGE_FULL | sort | uniq -c | head -3)"
[ "$full" -gt 0 ] || fail "the file system never filled"
[ $((full % 100)) -eq 0 ] || fail "a batch was refused in part: $full STORAGE_FULL"
grep -q 'databasens filsystem er fuldt' "$LOG" || fail "the log does not say the disk is full"
# Reads go on and show what was acknowledged.
[ "$(ctl --json status | json .entries)" = $((before + ok)) ] || fail "entries"
[ "$(ctl --json course show H-1 | json .spent)" = "$ok" ] || fail "spent"

# Room again: the same daemon writes, the refused lines apply.
mount -o remount,size=64M "$FS" || fail "remount"
ctl --json import "$T/spends.jsonl" --batch 100 >"$T/second.jsonl" || fail "second import"
[ "$(grep -c '"status":"exists"' "$T/second.jsonl")" -eq "$ok" ] || fail "second: exists"
[ "$(grep -c '"status":"ok"' "$T/second.jsonl")" -eq "$full" ] || fail "second: ok"
[ "$(ctl --json course show H-1 | json .spent)" = 3000 ] || fail "spent after"
stop_daemon
"$BUDGETD" verify --db "$DB" >"$T/verify.out" 2>&1 || fail "verify: $(cat "$T/verify.out")"
