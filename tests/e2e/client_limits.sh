# Connection limits: at max_clients with no connection to spare (all
# export --follow subscribers here) a client is refused with a log line,
# and served again when one goes; idle_timeout closes connections that
# send nothing (also one that sent half a frame), not one that talks, and
# not a subscriber. (Idle connections making room: idle_connections_
# make_room; one user's share: client_per_user.)
. tests/lib.sh
printf '[daemon]\nmax_clients = 4\nmax_clients_per_user = 4\nidle_timeout = 2\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool

for n in 1 2 3 4; do
	"$BUDGETCTL" export --since 0 --follow >"$T/follow$n.jsonl" 2>"$T/follow$n.err" &
	HELPERS="$HELPERS $!"
	i=0
	until [ -s "$T/follow$n.jsonl" ]; do
		i=$((i + 1)); [ $i -gt 40 ] && fail "follower $n got nothing"; sleep 0.05
	done
done
follower=${HELPERS##* }
"$BUDGETCTL" status >/dev/null 2>&1 && fail "a client over max_clients was served"
grep -q "max_clients = 4 nået: afviser en klient fra root (uid 0): ingen forbindelse er uvirksom" "$LOG" ||
    fail "no max_clients log line"
for h in $HELPERS; do
	[ "$h" = "$follower" ] || kill "$h"
done
i=0
until "$BUDGETCTL" status >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 40 ] && fail "not served after connections went"; sleep 0.05
done

$PY - "$BUDGETD_SOCKET" <<'PY' || fail "idle"
import socket, struct, sys, time
path = sys.argv[1]
def conn():
    s = socket.socket(socket.AF_UNIX); s.connect(path); s.settimeout(5); return s
def closed(s):
    try:
        return s.recv(1) == b""
    except (socket.timeout, ConnectionResetError):
        return False

# Idle: one held, and one that sent half a frame, are closed after 2 s;
# one that sends a byte-complete request every 0.5 s is not.
held = conn()
half = conn()
half.sendall(struct.pack(">I", 100) + b"\x0a\x02")
talker = conn()
start = time.time()
while time.time() - start < 3.5:
    talker.sendall(struct.pack(">I", 2) + b"\x0a\x00")
    n = struct.unpack(">I", talker.recv(4, socket.MSG_WAITALL))[0]
    talker.recv(n, socket.MSG_WAITALL)
    time.sleep(0.5)
for s in [held, half]:
    assert closed(s), "an idle connection stayed open"
print("idle_timeout holds")
PY
grep -q "intet sendt i 2 s: lukker" "$LOG" || fail "no idle log line"
# The subscriber outlived the idle timeout and still gets entries.
kill -0 "$follower" || fail "the follower was closed: $(cat "$T/follow4.err")"
seq=$(ctl --json pool fund pilot 1 | json .seq)
i=0
until grep -q "\"seq\":$seq," "$T/follow4.jsonl"; do
	i=$((i + 1)); [ $i -gt 40 ] && fail "the follower got nothing after the idle timeout"; sleep 0.05
done
printf '[daemon]\nmax_clients = 0\n' >"$T/bad.conf"
"$BUDGETD" -n -c "$T/bad.conf" 2>/dev/null && fail "max_clients = 0 accepted"
printf '[daemon]\nmax_clients_per_user = 0\n' >"$T/bad.conf"
"$BUDGETD" -n -c "$T/bad.conf" 2>/dev/null && fail "max_clients_per_user = 0 accepted"
kill "$follower"
