"""An archive package (budgetctl archive) checked without borgerbudget's
code: hashlib for SHA256SUMS and the commitments, RFC 6962 inclusion
recomputed here, the leaves decoded by the generated protobuf module.

    archive_check.py PYPROTO DIR  -> prints "ok N" or exits 1 naming why
"""
import base64, hashlib, json, os, sys

sys.path.insert(0, sys.argv[1])
import borgerbudget_pb2 as pb

d = sys.argv[2]


def die(why):
    print("archive_check: " + why)
    sys.exit(1)


def sha(b):
    return hashlib.sha256(b).digest()


def node(l, r):
    return sha(b"\x01" + l + r)


def root_from_inclusion(index, size, leaf_hash, proof):
    # RFC 9162 2.1.3.2
    if index >= size:
        die("index past the tree")
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            die("proof too long")
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        die("proof too short")
    return r


listed = {}
for line in open(os.path.join(d, "SHA256SUMS"), encoding="utf-8"):
    h, name = line.rstrip("\n").split("  ", 1)
    listed[name] = h
files = set()
for top, dirs, names in os.walk(d):
    for n in names:
        rel = os.path.relpath(os.path.join(top, n), d)
        if rel != "SHA256SUMS":
            files.add(rel)
if files != set(listed):
    die("SHA256SUMS lists %s, the package holds %s" % (sorted(listed), sorted(files)))
for name, h in listed.items():
    if hashlib.sha256(open(os.path.join(d, name), "rb").read()).hexdigest() != h:
        die(name + " does not match SHA256SUMS")

note = open(os.path.join(d, "checkpoint.txt"), encoding="utf-8").read()
origin, size, root64 = note.split("\n")[:3]
size = int(size)
root = base64.b64decode(root64)
if not note.split("\n\n", 1)[1].startswith("\u2014 " + origin + " "):
    die("no signature line")

n = 0
for line in open(os.path.join(d, "entries.jsonl"), encoding="utf-8"):
    o = json.loads(line)
    leaf = base64.b64decode(o["leaf"])
    lh = sha(b"\x00" + leaf)
    if lh.hex() != o["leaf_hash"]:
        die("leaf_hash of %d" % o["seq"])
    if o["tree_size"] != size:
        die("tree_size of %d" % o["seq"])
    proof = [bytes.fromhex(h) for h in o["inclusion"]]
    if root_from_inclusion(o["seq"] - 1, size, lh, proof) != root:
        die("inclusion of %d" % o["seq"])
    e = pb.Entry()
    e.ParseFromString(leaf)
    if e.seq != o["seq"] or e.amount != o["amount"] or e.citizen != o["citizen"]:
        die("fields of %d" % o["seq"])
    if e.note_commitment:
        c = sha(bytes.fromhex(o["note_salt"]) + o["note"].encode())
        if c != e.note_commitment:
            die("commitment of %d" % o["seq"])
    if e.receipt_sha256:
        doc = open(os.path.join(d, "documents", e.receipt_sha256.hex()), "rb").read()
        if sha(doc) != e.receipt_sha256 or len(doc) != e.receipt_size:
            die("document of %d" % o["seq"])
    n += 1
print("ok %d" % n)
