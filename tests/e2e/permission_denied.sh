# Roles come from the peer's credentials: a caller mapped to no role is
# refused, also for reads; the actor is recorded on each entry.
. tests/lib.sh
command -v setpriv >/dev/null || { echo "skipped: setpriv missing"; exit 0; }
[ "$(id -u)" -eq 0 ] || { echo "skipped: switching uid needs root"; exit 0; }
chmod 755 "$T"
printf '[daemon]\nsocket_mode = 0666\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool pilot 1000

as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$BUDGETCTL" --json "$@"; }
out=$(as_nobody pool show pilot); rc=$?
[ $rc -eq 1 ] || fail "nobody read: exit $rc: $out"
echo "$out" | grep -q '"code":"PERMISSION_DENIED"' || fail "nobody read: $out"
out=$(as_nobody pool fund pilot 100); rc=$?
[ $rc -eq 1 ] || fail "nobody write: exit $rc"
[ "$(ctl --json pool show pilot | json .funded)" = 100000 ] || fail "funded"
ctl export --since 0 | jq -s -e '.[] | select(.seq == 1) | .actor.uid == 0 and
    .actor.name == "root" and .actor.role == "admin"' >/dev/null ||
    fail "actor not recorded"
