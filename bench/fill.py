"""Fills a running budgetd with N spends through the real socket, in
requests of BATCH operations, spread round robin over CITIZENS citizens
B-0, B-1, ... (default N / 1000): the database make bench reads.
usage: fill.py SOCKET N BATCH PYDIR [CITIZENS]"""
import os, socket, struct, sys, time, uuid, datetime
sys.path.insert(0, sys.argv[4])
import borgerbudget_pb2 as pb

sock_path, total, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_UNIX)
s.connect(sock_path)

def call(ops):
    req = pb.Request()
    req.ops.extend(ops)
    b = req.SerializeToString()
    s.sendall(struct.pack(">I", len(b)) + b)
    n = struct.unpack(">I", recv(4))[0]
    r = pb.Response()
    r.ParseFromString(recv(n))
    for res in r.results:
        if res.code != 0:
            sys.exit("refused: %s %s" % (pb.Code.Name(res.code), res.message))

def recv(n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            sys.exit("daemon closed the connection")
        buf += chunk
    return buf

def op(**kw):
    o = pb.Op(id=uuid.uuid4().bytes)
    for k, v in kw.items():
        getattr(o, k).CopyFrom(v)
    return o

today = datetime.date.today()
citizens = int(sys.argv[5]) if len(sys.argv) > 5 else max(1, total // 1000)
call([op(pool_create=pb.PoolCreate(pool="bench", rules=pb.PoolRules(
    name="bench", cap=5000000, months=12,
    valid_from=str(today - datetime.timedelta(days=30)),
    valid_to=str(today + datetime.timedelta(days=400)), grace_days=30))),
    op(pool_fund=pb.PoolFund(pool="bench", amount=5000000 * citizens))])
for i in range(0, citizens, batch):
    call([op(course_open=pb.CourseOpen(citizen="B-%d" % c, pool="bench",
        start=str(today - datetime.timedelta(days=1)), grant=5000000))
        for c in range(i, min(citizens, i + batch))])
done, t0 = 0, time.time()
while done < total:
    n = min(batch, total - done)
    call([op(spend=pb.Spend(citizen="B-%d" % ((done + j) % citizens),
        amount=1, category="other", voucher="F-%d" % (done + j)))
        for j in range(n)])
    done += n
    if sys.stderr.isatty():
        sys.stderr.write("\rfilled %d of %d" % (done, total))
if sys.stderr.isatty():
    sys.stderr.write("\n")
print("%d spends in %.1f s" % (total, time.time() - t0))
