# One budgetd per data directory: a second one, even on another socket, is
# refused at start naming the first one's pid, before it touches the socket
# or the database. budgetd verify --db (read-only) still works on a live
# directory, and a daemon that detached holds the lock in the process that
# keeps running.
. tests/lib.sh

# second [ARGS]: a second budgetd on $DB; sets rc and out.
second() {
	timeout 5 "$BUDGETD" -D "$DB" "$@" >"$T/out" 2>&1
	rc=$?
	out=$(cat "$T/out")
}

start_daemon
standard_pool pilot
sum=$(md5sum "$DB/data.mdb")

second -f -S "$T/second.sock"
[ $rc -eq 1 ] || fail "a second daemon on $DB: exit $rc, want 1: $out"
echo "$out" | grep -qF "$DB bruges af budgetd pid $DPID" || fail "message: $out"
[ -e "$T/second.sock" ] && fail "the second daemon made its socket"
# On the first one's socket it neither replaces nor answers it.
second -f -S "$BUDGETD_SOCKET"
[ $rc -eq 1 ] || fail "a second daemon on the first's socket: exit $rc"
echo "$out" | grep -q "bruges af budgetd pid $DPID" || fail "message: $out"
[ -S "$BUDGETD_SOCKET" ] || fail "the first one's socket is gone"
expect_rc 0 status
ctl pool fund pilot 100 >/dev/null || fail "a write after the refusal"
[ "$(md5sum "$DB/data.mdb")" != "$sum" ] || fail "the write did not reach the file"

"$BUDGETD" verify --db "$DB" >"$T/verify" 2>&1 ||
    fail "verify on the live directory: $(cat "$T/verify")"
expect_rc 0 status

# A daemon killed with -9 leaves the lock behind with its process.
kill_daemon
start_daemon
expect_rc 0 status
stop_daemon

# Detached: the lock and the pid in it are the running child's.
second -S "$BUDGETD_SOCKET"
[ $rc -eq 0 ] || fail "detached start: exit $rc: $out"
i=0
until "$BUDGETCTL" status >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "the detached daemon does not answer"
	sleep 0.05
done
child=$(cat "$DB/budgetd.lock")
HELPERS=$child
[ -n "$child" ] && kill -0 "$child" 2>/dev/null || fail "lock file pid $child is not running"
second -f -S "$T/second.sock"
[ $rc -eq 1 ] || fail "a second daemon beside the detached one: exit $rc: $out"
echo "$out" | grep -qF "$DB bruges af budgetd pid $child" || fail "message: $out"
kill -TERM "$child"
i=0
while kill -0 "$child" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 200 ] && fail "the detached daemon does not stop"
	sleep 0.05
done
HELPERS=
start_daemon
expect_rc 0 status
