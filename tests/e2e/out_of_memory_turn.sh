# Running out of memory in a turn is no crash: budgetd, started under ever
# larger limits of its address space, is sent one request of 3000 spends;
# wherever memory runs out (LMDB, the turn's arena, the response), the
# request is refused or its client closed, nothing of it is half written
# (the database verifies), and the daemon goes on until it is stopped. Among the
# limits, some must run the turn's arena itself out ("out of memory in a
# turn"), the path that used to stop the daemon. AddressSanitizer reserves
# terabytes of shadow memory: the plain build only.
. tests/lib.sh
case $B in
*asan*)	echo "skipped: an address-space limit under AddressSanitizer"; exit 0 ;;
esac
command -v prlimit >/dev/null || { echo "skipped: prlimit missing"; exit 0; }

printf '[daemon]\nmap_size = 64M\n' >"$T/small.conf"
start_daemon -c "$T/small.conf"
standard_pool pilot
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 50000
key=$(ctl checkpoint --verifier-key)
stop_daemon
spends_file "$T/spends.jsonl" H-1 3000 100
cp -r "$DB" "$T/base"

# The address space of the idle daemon, the least a limit can be.
start_daemon -c "$T/small.conf"
base=$(awk '/^VmSize/ {print int($2 / 1024)}' /proc/$DPID/status)
stop_daemon

arena=0
ok=0
# In quarter MiB steps: where memory runs out moves with every allocation
# of the turn, and the arena's window is narrower than a MiB.
kb=$((base * 1024))
while [ $kb -le $(((base + 80) * 1024)) ] && [ $ok -lt 5 ]; do
	mb="$((kb / 1024)).$((kb % 1024 * 100 / 1024))"
	rm -rf "$DB" "$BUDGETD_SOCKET"
	cp -r "$T/base" "$DB"
	: >"$LOG"
	prlimit --as=$((kb * 1024)) "$BUDGETD" -f -c "$T/small.conf" \
	    -D "$DB" -S "$BUDGETD_SOCKET" 2>>"$LOG" &
	DPID=$!
	i=0
	while [ ! -S "$BUDGETD_SOCKET" ] && kill -0 $DPID 2>/dev/null &&
	    [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if ! kill -0 $DPID 2>/dev/null; then
		wait $DPID
		rc=$?
		[ $rc -lt 128 ] || fail "$mb MiB: budgetd died at start ($rc)"
		DPID=
		kb=$((kb + 256))
		continue
	fi
	"$BUDGETCTL" --json import "$T/spends.jsonl" --batch 3000 \
	    >"$T/out" 2>&1 && ok=$((ok + 1))
	grep -q "hukommelsen slap op i en runde" "$LOG" && arena=$((arena + 1))
	# Alive, and it stops as it should (stop_daemon wants exit 0);
	# how much it can still answer so close to its limit varies.
	kill -0 $DPID 2>/dev/null ||
	    fail "$mb MiB: budgetd died: $(tail -n 3 "$LOG")"
	stop_daemon
	"$BUDGETD" verify --db "$DB" --key "$key" >"$T/verify" 2>&1 ||
	    fail "$mb MiB: $(cat "$T/verify")"
	kb=$((kb + 256))
done
[ $ok -ge 5 ] || fail "the request never went through up to $mb MiB"
[ $arena -gt 0 ] || fail "no limit ran the turn's arena out of memory"
