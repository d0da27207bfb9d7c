# max_clients_per_user: one user's connections, idle or not, never take
# every slot. A user at its share is served in place of its own idlest
# connection, not of another user's; at max_clients a caller with no role
# is refused rather than closing anyone's. Other users are made by
# connecting with another effective uid, so this needs root.
. tests/lib.sh
if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: connecting as another user needs root"
	exit 0
fi
NOBODY=65534
cat >"$T/budgetd.conf" <<CONF
[daemon]
max_clients = 8
max_clients_per_user = 4
socket_mode = 0666
[roles]
admin = root
auditor = $NOBODY
CONF
chmod 0711 "$T"
start_daemon -c "$T/budgetd.conf"

$PY - "$BUDGETD_SOCKET" "$BUDGETCTL" "$NOBODY" <<'PY' || fail "per-user limit"
import sys, time
sys.path.insert(0, "tests/python")
import conns
from conns import closed, gone
path, ctl, nobody = sys.argv[1], sys.argv[2], int(sys.argv[3])
def conn(uid=0):
    s = conns.conn(path, uid)
    time.sleep(0.05)        # accepted in the order opened
    return s
def status_within(limit, uid=0):
    return conns.status_within(ctl, limit, uid)

# One user opens every slot there is: it keeps its share, the newest.
mine = [conn(nobody) for _ in range(8)]
assert all(gone(s) for s in mine[:4]), "more than its share stayed open"
assert not any(closed(s) for s in mine[4:]), "its newest connections were closed"
theirs = [conn() for _ in range(4)]     # 8 connections now
assert not any(closed(s) for s in mine[4:] + theirs), "closed at 8"

# Each user is served in place of its own idlest connection.
assert status_within(1, nobody), "nobody not served"
assert gone(mine[4]) and not any(closed(s) for s in mine[5:] + theirs)
assert status_within(1), "root not served"
assert gone(theirs[0]) and not any(closed(s) for s in mine[5:] + theirs[1:])

# Full again; a caller with no role closes nobody's connection.
mine.append(conn(nobody))
theirs.append(conn())
time.sleep(1.1)                         # a line of its own in the log
stranger = conn(4242)
assert gone(stranger), "a caller with no role was let in at max_clients"
assert not any(closed(s) for s in mine[5:] + theirs[1:]), "closed for a stranger"
print("one user cannot take every slot")
PY
grep -q "max_clients_per_user = 4 nået: lukker en forbindelse fra nobody (uid $NOBODY), der har været uvirksom i 0 s, til fordel for en fra nobody (uid $NOBODY)" "$LOG" ||
    fail "no log line for the per-user limit"
grep -q "max_clients = 8 nået: afviser en klient fra 4242 (uid 4242): den har ingen rolle" "$LOG" ||
    fail "no log line for the stranger"
