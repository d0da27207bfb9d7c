# systemd: the units pass systemd-analyze verify (where it is installed),
# and the daemon speaks both protocols with a stand-in for systemd written
# in Python: it takes its listening socket from LISTEN_FDS (fd 3), sends
# READY=1 once it serves, pings the watchdog from its loop, sends
# STOPPING=1 on SIGTERM, and leaves the socket systemd made in place.
. tests/lib.sh

if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir -p "$T/units"
	for u in budgetd.service budgetd.socket; do
		sed "s|/usr/local/sbin/budgetd|$BUDGETD|g" "systemd/$u" >"$T/units/$u"
	done
	(cd "$T/units" && systemd-analyze verify --man=no ./budgetd.socket ./budgetd.service) \
	    >"$T/analyze" 2>&1 || fail "systemd-analyze verify: $(cat "$T/analyze")"
	if [ -s "$T/analyze" ]; then fail "systemd-analyze verify warned: $(cat "$T/analyze")"; fi
	echo "systemd-analyze verify: clean"
else
	echo "systemd-analyze is not installed: the units were not verified"
fi

$PY - "$BUDGETD" "$BUDGETCTL" "$T" "$LOG" <<'PY' || fail "the systemd protocols"
import os, socket, subprocess, sys, time
budgetd, budgetctl, t, log = sys.argv[1:5]
path, notify = t + "/activated.sock", t + "/notify.sock"
lsock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
lsock.bind(path)
lsock.listen(16)
nsock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
nsock.bind(notify)
nsock.settimeout(10)

pid = os.fork()
if pid == 0:
    os.dup2(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), 2)
    os.dup2(lsock.fileno(), 3)
    os.set_inheritable(3, True)
    env = dict(os.environ, LISTEN_FDS="1", LISTEN_PID=str(os.getpid()),
               NOTIFY_SOCKET=notify, WATCHDOG_USEC="200000")
    os.execve(budgetd, [budgetd, "-f", "-D", t + "/db", "-S", t + "/own.sock"], env)

def expect(state):
    while True:
        msg = nsock.recv(4096).decode()
        if msg == state:
            return
        if msg != "WATCHDOG=1":
            raise SystemExit("unexpected notification " + msg)

expect("READY=1")
out = subprocess.run([budgetctl, "-S", path, "--json", "status"], capture_output=True, text=True)
assert out.returncode == 0 and '"entries"' in out.stdout, out
assert not os.path.exists(t + "/own.sock"), "it bound a socket of its own"
start = time.time()
pings = 0
while pings < 3:
    assert nsock.recv(4096).decode() == "WATCHDOG=1"
    pings += 1
assert time.time() - start < 2, "watchdog pings too slow"
os.kill(pid, 15)
expect("STOPPING=1")
_, status = os.waitpid(pid, 0)
assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
assert os.path.exists(path), "it removed the socket systemd made"
print("LISTEN_FDS, READY=1, %d watchdog pings, STOPPING=1, exit 0" % pings)
PY
