# A configuration path must be a readable regular file: a directory or a
# FIFO is refused, naming the path, by budgetd -n, at start and at SIGHUP
# (which keeps the configuration in effect).
. tests/lib.sh

mkdir "$T/conf.d"
mkfifo "$T/fifo"
for path in "$T/conf.d" "$T/fifo"; do
	why="er ikke en almindelig fil"
	[ -d "$path" ] && why="er en mappe"
	timeout 5 "$BUDGETD" -n -c "$path" >"$T/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "-n -c $path: exit $rc: $(cat "$T/out")"
	grep -qF "$path $why" "$T/out" || fail "-n -c $path: $(cat "$T/out")"
	grep -q "konfigurationen er i orden" "$T/out" && fail "-n -c $path said OK"
	timeout 5 "$BUDGETD" -f -c "$path" -D "$DB" -S "$BUDGETD_SOCKET" >"$T/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "start with -c $path: exit $rc"
	grep -qF "$path $why" "$T/out" || fail "start with -c $path: $(cat "$T/out")"
done

# SIGHUP with a directory where the file was: refused, roles stay.
printf '[roles]\nadmin = root\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
rm "$T/budgetd.conf"
mkdir "$T/budgetd.conf"
kill -HUP "$DPID"
i=0
until grep -q "SIGHUP: $T/budgetd.conf har en fejl" "$LOG"; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "no refusal logged: $(cat "$LOG")"
	sleep 0.05
done
grep -qF "$T/budgetd.conf er en mappe" "$LOG" || fail "reload: $(cat "$LOG")"
expect_rc 0 status
