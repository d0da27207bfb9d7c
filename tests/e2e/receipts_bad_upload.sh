# Uploads that go wrong, from a client of our own that speaks the protocol:
# a document truncated mid-transfer (its client gone), bytes that do not
# match the hash announced, a chunk out of order, more bytes than the size
# announced, an upload sharing a request, a document staged on another
# connection. Each is a clear refusal with nothing stored; the connection
# goes on, and a client that stalls mid-upload holds up no one else.
. tests/lib.sh
. tests/fixtures/documents.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 20000
py_protocol
doc pdf "$T/inv.pdf" 3000000 "Faktura som går galt"
n=$(ctl --json status | json .entries)
"$PY" - "$BUDGETD_SOCKET" "$T/py" "$T/inv.pdf" "$BUDGETCTL" <<'PY' || fail "bad uploads"
import hashlib, os, subprocess, sys, time, uuid
sys.path.insert(0, sys.argv[2])
sys.path.insert(0, "tests/python")
import borgerbudget_pb2 as pb
from budgetd import Budgetd, check
data = open(sys.argv[3], "rb").read()
sha = hashlib.sha256(data).digest()
MiB = 1 << 20

def up(d, offset, chunk, sha=b"", size=0):
    return d.call([pb.Op(upload=pb.Upload(sha256=sha, size=size,
        offset=offset, data=chunk))]).results[0]

def spend(d, h, voucher):
    return d.call([pb.Op(id=uuid.uuid4().bytes, spend=pb.Spend(
        citizen="H-1", amount=100, category="other", voucher=voucher,
        receipt_sha256=h))]).results[0]

# Truncated: two chunks of three, then the client is gone.
a = Budgetd(sys.argv[1])
check(up(a, 0, data[:MiB], sha, len(data)).received == MiB, "first chunk")
check(up(a, MiB, data[MiB:2 * MiB]).received == 2 * MiB, "second chunk")
r = spend(a, sha, "T-1")
check(r.code == pb.BAD_REQUEST and "sendt helt" in r.message,
      "a half upload named: %s" % r)
a.s.close()
b = Budgetd(sys.argv[1])
r = spend(b, sha, "T-2")
check(r.code == pb.BAD_REQUEST and "over denne forbindelse" in r.message,
      "a document of another connection: %s" % r)

# Bytes that do not match the hash announced: refused at the last chunk.
bad = bytearray(data); bad[2 * MiB + 7] ^= 1
up(b, 0, bytes(bad[:MiB]), sha, len(data)); up(b, MiB, bytes(bad[MiB:2 * MiB]))
r = up(b, 2 * MiB, bytes(bad[2 * MiB:]))
check(r.code == pb.BAD_REQUEST and "passer ikke med" in r.message, "mismatch: %s" % r)
check(spend(b, sha, "T-3").code == pb.BAD_REQUEST, "the mismatched one named")

# Out of order, and more than announced: refused, the upload forgotten.
up(b, 0, data[:MiB], sha, len(data))
r = up(b, 2 * MiB, data[2 * MiB:])
check(r.code == pb.BAD_REQUEST and "fortsætter ikke" in r.message, "order: %s" % r)
r = up(b, MiB, data[MiB:2 * MiB])
check(r.code == pb.BAD_REQUEST and "begynd ved offset 0" in r.message, "forgotten: %s" % r)
r = up(b, 0, data[:10], hashlib.sha256(data[:5]).digest(), 5)
check(r.code == pb.BAD_REQUEST and "flere byte end" in r.message, "too many: %s" % r)
r = up(b, 0, data[:10], b"short", 10)
check(r.code == pb.BAD_REQUEST and "SHA-256" in r.message, "a short hash: %s" % r)

# An upload is a request of its own.
r = b.call([pb.Op(status=pb.Status()), pb.Op(upload=pb.Upload(sha256=sha,
    size=len(data), offset=0, data=data[:MiB]))])
check(r.code == pb.BAD_REQUEST and "anmodning for sig" in r.message, "shared: %s" % r)

# A client that stalls mid-upload holds up nobody: writes go on meanwhile.
stall = Budgetd(sys.argv[1])
check(up(stall, 0, data[:MiB], sha, len(data)).code == pb.OK, "stall start")
t = time.time()
for i in range(20):
    check(spend(b, b"", "S-%d" % i).code == pb.OK, "a write beside the stall")
check(time.time() - t < 10, "writes waited for the stalled upload")
# ... and the connection that was refused so often still works whole.
for off in range(0, len(data), MiB):
    r = up(b, off, data[off:off + MiB], sha if off == 0 else b"",
           len(data) if off == 0 else 0)
    check(r.code == pb.OK, "upload: %s" % r)
r = spend(b, sha, "OK-1")
check(r.code == pb.OK, "the whole document named: %s" % r)
stall.s.close()
print("bad uploads refused; the good one stored at seq", r.seq)
PY
# Twenty writes and one with the document; nothing of the bad ones.
[ "$(ctl --json status | json .entries)" = $((n + 21)) ] || fail "entries"
s=$(ctl --json status | json .entries)
ctl receipt "$s" | cmp -s - "$T/inv.pdf" || fail "the stored document"
# No staging file is left in the data directory.
[ -z "$(find "$DB" -name 'upload.*')" ] || fail "a staging file left"
out=$(ctl verify) || fail "verify: $out"
