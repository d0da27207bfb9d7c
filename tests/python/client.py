"""A budgetd client in Python with Google's protobuf runtime, from the
project's .proto compiled by protoc: nothing of protobuf-c, nothing of
budgetctl. It speaks the protocol as README's "Protocol" describes it."""
import datetime, hashlib, os, socket, struct, sys, uuid

sys.path.insert(0, sys.argv[2])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import borgerbudget_pb2 as pb
from budgetd import Budgetd, check


d = Budgetd(sys.argv[1])
today = datetime.date.today()

# status
r = d.call([pb.Op(status=pb.Status())]).results[0]
check(r.code == pb.OK and r.status.version, "status: %s" % r)
before = r.status.entries

# a write, then the same write again: applied once
spend_id = uuid.uuid4().bytes
spend = pb.Op(id=spend_id, spend=pb.Spend(citizen="PY-1", amount=12345,
    category="education", voucher="PY-INV-1", note="fra Python, æøå"))
r = d.call([spend]).results[0]
check(r.code == pb.OK and r.seq == before + 1 and not r.exists, "spend: %s" % r)
seq = r.seq
r = d.call([spend]).results[0]
check(r.code == pb.OK and r.exists and r.seq == seq, "idempotent: %s" % r)
# the same id with other content
other = pb.Op(id=spend_id, spend=pb.Spend(citizen="PY-1", amount=1,
    category="education", voucher="PY-INV-1"))
check(d.call([other]).results[0].code == pb.ID_CONFLICT, "id conflict")

# a batch, pipelined: two requests before reading either
d.send([pb.Op(status=pb.Status()), pb.Op(course_show=pb.CourseShow(citizen="PY-1"))])
d.send([pb.Op(id=uuid.uuid4().bytes, spend=pb.Spend(citizen="PY-1",
    amount=10**9, category="education", voucher="X"))])
a, b = d.recv(), d.recv()
check(len(a.results) == 2 and a.results[1].course_info.spent == 12345, "batch: %s" % a)
check(b.results[0].code == pb.INSUFFICIENT_FUNDS, "refusal: %s" % b)

# an atomic batch: the failure's code, the rest not applied
r = d.call([pb.Op(id=uuid.uuid4().bytes, grant=pb.Grant(citizen="PY-1", amount=100)),
            pb.Op(id=uuid.uuid4().bytes, grant=pb.Grant(citizen="PY-1", amount=10**12))],
           atomic=True)
check(r.results[1].code == pb.BAD_REQUEST or r.results[1].code == pb.CAP_EXCEEDED,
      "atomic failure: %s" % r)
check(r.results[0].not_applied and r.results[0].code != pb.OK, "not applied: %s" % r)

# a page of the export: the stored bytes, their leaf hash, the cursor
r = d.call([pb.Op(export=pb.Export(since=seq - 1, limit=10))]).results[0]
check(r.code == pb.OK and len(r.page.entries) == 1, "export: %s" % r)
e = pb.Entry()
e.ParseFromString(r.page.entries[0])
check(e.seq == seq and e.op == pb.SPEND and e.amount == 12345 and
      e.debit == "expense:education" and e.credit == "budget:PY-1:1" and
      e.note == "" and e.id == spend_id, "entry: %s" % e)
# the note is not in the leaf: a commitment to it is, SHA-256(salt || note),
# and the page carries the text and the salt beside the entry
t = [t for t in r.page.texts if t.seq == seq]
check(len(t) == 1 and t[0].note == "fra Python, æøå" and len(t[0].salt) == 16,
      "the page's text: %s" % r.page.texts)
check(hashlib.sha256(t[0].salt + t[0].note.encode()).digest() ==
      e.note_commitment, "the note's commitment")
check("fra Python".encode() not in r.page.entries[0], "the note in the leaf")
leaf = hashlib.sha256(b"\x00" + r.page.entries[0]).hexdigest()
r = d.call([pb.Op(proof=pb.Proof(seq=seq))]).results[0]
check(r.proof.leaf_hash.hex() == leaf, "leaf hash")

# follow: subscribe, write on another connection, get the push
r = d.call([pb.Op(export=pb.Export(since=seq, follow=True))]).results[0]
check(r.code == pb.OK, "follow: %s" % r)
w = Budgetd(sys.argv[1])
r2 = w.call([pb.Op(id=uuid.uuid4().bytes, spend=pb.Spend(citizen="PY-1",
    amount=1, category="other", voucher="F"))]).results[0]
d.s.settimeout(5)
push = d.recv()
e.ParseFromString(push.results[0].page.entries[-1])
check(e.seq == r2.seq, "pushed %d, wrote %d" % (e.seq, r2.seq))
print("python client ok: status, writes, idempotency, batch, atomic, export, proof, follow")
