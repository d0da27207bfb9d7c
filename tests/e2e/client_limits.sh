# Connection limits: max_clients refuses the one too many with a log line
# and serves again when some go; idle_timeout closes connections that
# send nothing (also one that sent half a frame), not one that talks, and
# not an export --follow subscriber.
. tests/lib.sh
printf '[daemon]\nmax_clients = 20\nidle_timeout = 2\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool

"$BUDGETCTL" export --since 0 --follow >"$T/follow.jsonl" 2>"$T/follow.err" &
follower=$!
HELPERS=$follower

$PY - "$BUDGETD_SOCKET" "$BUDGETCTL" <<'PY' || fail "limits"
import socket, struct, subprocess, sys, time
path, ctl = sys.argv[1], sys.argv[2]
def conn():
    s = socket.socket(socket.AF_UNIX); s.connect(path); s.settimeout(5); return s
def closed(s):
    try:
        return s.recv(1) == b""
    except (socket.timeout, ConnectionResetError):
        return False
def status_ok():
    return subprocess.run([ctl, "status"], capture_output=True).returncode == 0

held = [conn() for _ in range(19)]      # with the follower: 20
time.sleep(0.2)
extra = conn()
assert closed(extra), "the 21st connection was not closed"
assert not status_ok(), "a client over max_clients was served"
for s in held[:5]:
    s.close()
time.sleep(0.2)
assert status_ok(), "not served after connections went"

# Idle: the held ones, and one that sent half a frame, are closed after
# 2 s; one that sends a byte-complete request every 0.5 s is not.
half = conn()
half.sendall(struct.pack(">I", 100) + b"\x0a\x02")
talker = conn()
start = time.time()
while time.time() - start < 3.5:
    talker.sendall(struct.pack(">I", 2) + b"\x0a\x00")
    n = struct.unpack(">I", talker.recv(4, socket.MSG_WAITALL))[0]
    talker.recv(n, socket.MSG_WAITALL)
    time.sleep(0.5)
for s in held[5:] + [half]:
    assert closed(s), "an idle connection stayed open"
print("max_clients and idle_timeout hold")
PY
grep -q "refusing a client: 20 clients connected (max_clients = 20)" "$LOG" || fail "no max_clients log line"
grep -q "nothing sent for 2 s: closing" "$LOG" || fail "no idle log line"
# The subscriber outlived the idle timeout and still gets entries.
kill -0 "$follower" || fail "the follower was closed: $(cat "$T/follow.err")"
seq=$(ctl --json pool fund pilot 1 | json .seq)
i=0
until grep -q "\"seq\":$seq," "$T/follow.jsonl"; do
	i=$((i + 1)); [ $i -gt 40 ] && fail "the follower got nothing after the idle timeout"; sleep 0.05
done
printf '[daemon]\nmax_clients = 0\n' >"$T/bad.conf"
"$BUDGETD" -n -c "$T/bad.conf" 2>/dev/null && fail "max_clients = 0 accepted"
kill "$follower"
