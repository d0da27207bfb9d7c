# A one-spend commit writes the pages LMDB changed, not the folios of
# several pages Linux would cache them in (store/pagecache.c): over two
# seconds of one-connection spends on a fresh database the daemon's
# write_bytes (/proc/PID/io: pages it dirtied) stay at most 9 pages a
# commit. LMDB changes 6-8 here (the meta page, the main and free tables,
# the entries' and the citizen's paths); with the meta pages and the tree
# pages in large folios it was 12-13. After a restart (the cache dropped
# and read back) it holds too.
. tests/lib.sh
[ -r "/proc/self/io" ] || { echo "skipped: no /proc/PID/io here"; exit 0; }

pages() {
	w0=$(awk '/^write_bytes/ {print $2}' "/proc/$DPID/io")
	c0=$(ctl --json status | json .commits)
	ctl --json bench --connections 1 --seconds 2 ${1:-} >"$T/bench" ||
	    fail "bench: $(cat "$T/bench")"
	w1=$(awk '/^write_bytes/ {print $2}' "/proc/$DPID/io")
	c1=$(ctl --json status | json .commits)
	[ $((c1 - c0)) -ge 50 ] || fail "only $((c1 - c0)) commits"
	# Tenths of a page, for the shell's integers.
	p=$(((w1 - w0) * 10 / 4096 / (c1 - c0)))
}

start_daemon
pages
echo "fresh database: $p tenths of a page a commit"
[ "$p" -le 90 ] || fail "a one-spend commit writes $p tenths of a 4 KiB page"
stop_daemon
start_daemon
pages --force
echo "after a restart: $p tenths of a page a commit"
[ "$p" -le 90 ] || fail "after a restart, $p tenths of a 4 KiB page a commit"
stop_daemon
"$BUDGETD" verify --db "$DB" >"$T/out" 2>&1 || fail "verify: $(cat "$T/out")"
