# A user who may not open the socket (EACCES) is told which group gives
# access: the socket's group (socket_group), by name. Exit 3, and with
# --json the same as {"status":"error","code":"UNREACHABLE",...}.
. tests/lib.sh
start_daemon

if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	# root opens any socket: ask as nobody, who is not in the group.
	group=$(getent group daemon | cut -d: -f1)
	[ -n "$group" ] || fail "no group 'daemon' to give the socket"
	chmod 755 "$T"
	chgrp "$group" "$BUDGETD_SOCKET"
	chmod 660 "$BUDGETD_SOCKET"
	as() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
else
	# The owner without write permission is refused too.
	group=$(id -gn)
	chmod 000 "$BUDGETD_SOCKET"
	as() { "$@"; }
fi

as "$BUDGETCTL" status >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 3 ] || fail "status: exit $rc, want 3; $(cat "$T/out" "$T/err")"
[ -s "$T/out" ] && fail "stdout: $(cat "$T/out")"
grep -q "gruppen $group" "$T/err" || fail "the group is not named: $(cat "$T/err")"
grep -q "$BUDGETD_SOCKET" "$T/err" || fail "the socket is not named: $(cat "$T/err")"

as "$BUDGETCTL" --json status >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 3 ] || fail "--json status: exit $rc, want 3"
jq -e --arg g "$group" '.status == "error" and .code == "UNREACHABLE" and
    (.message | contains("gruppen " + $g))' "$T/out" >/dev/null ||
    fail "--json: $(cat "$T/out" "$T/err")"

# The daemon still serves who may open it.
chmod 660 "$BUDGETD_SOCKET"
expect_rc 0 status
