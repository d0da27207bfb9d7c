# Clients that do not play along: hundreds of idle connections, one that
# sends requests and never reads the answers, one that sent half a frame.
# Others are served meanwhile, and what the daemon buffers stays bounded.
. tests/lib.sh
printf '[daemon]\nmax_clients = 1000\nidle_timeout = 60\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool
ctl course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 50000 >/dev/null
spends_file "$T/bulk.jsonl" H-1 3000 300
ctl import "$T/bulk.jsonl" >/dev/null 2>&1 || fail "bulk"

# AddressSanitizer holds freed memory in quarantine (256 MB by default)
# and pads every allocation: its RSS bound is wider.
case $B in *asan*) bound=250 ;; *) bound=100 ;; esac
$PY - "$BUDGETD_SOCKET" "$BUDGETCTL" "$DPID" "$bound" <<'PY' || fail "hostile clients"
import socket, struct, subprocess, sys, time
path, ctl, pid, bound = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def rss_mb():
    for l in open("/proc/%s/status" % pid):
        if l.startswith("VmRSS"):
            return int(l.split()[1]) // 1024
def served_within(limit):
    t = time.time()
    ok = subprocess.run([ctl, "status"], capture_output=True).returncode == 0
    return ok and time.time() - t < limit

idle = []
for _ in range(300):
    s = socket.socket(socket.AF_UNIX); s.connect(path); idle.append(s)
half = socket.socket(socket.AF_UNIX); half.connect(path)
half.sendall(struct.pack(">I", 1000) + b"\x0a")
assert served_within(2), "not served beside 300 idle connections"

# Export pages of ~1000 entries (~400 KB each), asked for again and again,
# never read: the daemon stops reading this client once 8 MiB wait.
greedy = socket.socket(socket.AF_UNIX); greedy.connect(path)
greedy.setblocking(False)
export = b"\x0a\x05\x6a\x03\x10\xe8\x07"   # ops { export { limit: 1000 } }
frame = struct.pack(">I", len(export)) + export
before = rss_mb()
sent = 0
deadline = time.time() + 5
while time.time() < deadline:
    try:
        sent += greedy.send(frame * 64)
    except BlockingIOError:
        time.sleep(0.05)
    assert served_within(2), "another client waited on the greedy one"
after = rss_mb()
print("greedy client sent %d requests; daemon RSS %d -> %d MB" % (sent // len(frame), before, after))
assert sent // len(frame) > 100, "the greedy client could not even send"
assert after - before < bound, "the daemon buffered without bound"
greedy.close()
for s in idle:
    s.close()
half.close()
assert served_within(2)
PY
ctl verify >/dev/null || fail "verify"
