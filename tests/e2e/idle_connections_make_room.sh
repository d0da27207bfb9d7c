# max_clients taken by idle connections does not keep a caseworker out:
# the next client is served within a second, in place of the connection
# idle longest, never of an export --follow subscriber or of a client
# whose answer is still on its way; what was closed is logged, once a
# second at most.
. tests/lib.sh
printf '[daemon]\nmax_clients = 8\nmax_clients_per_user = 8\n' >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool
ctl course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 50000 >/dev/null
spends_file "$T/bulk.jsonl" H-1 1000 300
ctl import "$T/bulk.jsonl" >/dev/null 2>&1 || fail "bulk"

"$BUDGETCTL" export --since 0 --follow >"$T/follow.jsonl" 2>"$T/follow.err" &
follower=$!
HELPERS=$follower
i=0
until [ -s "$T/follow.jsonl" ]; do
	i=$((i + 1)); [ $i -gt 40 ] && fail "the follower got nothing"; sleep 0.05
done

$PY - "$BUDGETD_SOCKET" "$BUDGETCTL" <<'PY' || fail "make room"
import struct, sys, time
sys.path.insert(0, "tests/python")
import conns
from conns import closed, gone
path, ctl = sys.argv[1], sys.argv[2]
def conn():
    return conns.conn(path)
def status_within(limit):
    return conns.status_within(ctl, limit)

# Asks for a page of 1000 entries (~500 KB) and does not read it: its
# answer waits in the daemon, and it is the connection idle longest.
waiting = conn()
export = b"\x0a\x05\x6a\x03\x10\xe8\x07"   # ops { export { limit: 1000 } }
waiting.sendall(struct.pack(">I", len(export)) + export)
time.sleep(0.2)
held = []
for _ in range(6):                      # with the follower: 8
    held.append(conn())
    time.sleep(0.05)
time.sleep(0.2)
assert status_within(1), "not served within a second beside 8 idle connections"
assert gone(held[0]), "the connection idle longest is still open"
assert not any(closed(s) for s in held[1:]), "more than one connection was closed"
assert not closed(waiting), "the client waiting for its answer was closed"
# Again and again: each newcomer takes the place of the idlest.
for n in range(1, 5):
    held.append(conn())
    time.sleep(0.05)
    assert status_within(1), "not served the %d. time" % (n + 1)
    assert gone(held[n]), "the idlest went not %d." % (n + 1)
assert not any(closed(s) for s in held[5:]), "a newer connection was closed"
assert not closed(waiting), "the client waiting for its answer was closed"
print("served in place of idle connections")
PY
kill -0 "$follower" || fail "the follower was closed: $(cat "$T/follow.err")"
grep -q "max_clients = 8 nået: lukker en forbindelse fra root (uid 0), der har været uvirksom i 0 s, til fordel for en fra root (uid 0)" "$LOG" ||
    fail "no log line for the connection closed"
[ "$(grep -c 'max_clients = 8 nået' "$LOG")" -lt 5 ] || fail "a line for each connection closed"
seq=$(ctl --json pool fund pilot 1 | json .seq)
i=0
until grep -q "\"seq\":$seq," "$T/follow.jsonl"; do
	i=$((i + 1)); [ $i -gt 40 ] && fail "the follower got nothing after"; sleep 0.05
done
kill "$follower"
