# Personal text leaves the leaf: each note and reason is a commitment there,
# SHA-256(salt || text) with a fresh 16-byte salt, and the export and proof
# give the text and its salt. Checked here by Python's hashlib against the
# leaf bytes decoded with Google's protobuf runtime, not by our code.
. tests/lib.sh
. tests/fixtures/documents.sh
start_daemon
standard_pool pilot 100000
ctl pool fund pilot 500 --note "Statens pulje, 2. rate" >/dev/null || fail "fund"
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 grant H-1 100 --note "Bevilget på møde med borgeren"
s=$(ctl --json spend H-1 700 --category health --voucher T-1 --note "Tandlæge, akut" | json .seq)
expect_rc 0 reserve H-1 300 --category education --note "Psykolog, 3 samtaler"
expect_rc 0 refund H-1 50 --category health --voucher T-1R --note "Tandlæge æøå"
r=$(ctl --json spend H-1 20 --category health --voucher T-2 | json .seq)
expect_rc 0 reverse "$r" --reason "Forkert borger — rettet"
expect_rc 0 spend H-1 10 --category other --voucher X-1 --note "samme tekst"
expect_rc 0 spend H-1 10 --category other --voucher X-2 --note "samme tekst"
expect_rc 0 spend H-1 10 --category other --voucher X-3
ctl export --since 0 >"$T/all.jsonl" || fail "export"
py_protocol
n=$(ctl --json status | json .entries)
for seq in $(seq 1 "$n"); do
	ctl proof "$seq" --json >>"$T/proofs.jsonl" || fail "proof $seq"
done
"$PY" - "$T/py" "$T/all.jsonl" "$T/proofs.jsonl" <<'PY' || fail "commitments"
import base64, hashlib, json, sys
sys.path.insert(0, sys.argv[1])
import borgerbudget_pb2 as pb
export = [json.loads(l) for l in open(sys.argv[2])]
proofs = {p["seq"]: p for p in map(json.loads, open(sys.argv[3]))}
texts = {"Statens pulje, 2. rate", "Bevilget på møde med borgeren",
         "Tandlæge, akut", "Psykolog, 3 samtaler", "Tandlæge æøå",
         "Forkert borger — rettet", "samme tekst"}
seen, salts = set(), set()
for x in export:
    p = proofs[x["seq"]]
    leaf = base64.b64decode(p["leaf"])
    assert hashlib.sha256(b"\0" + leaf).hexdigest() == x["leaf_hash"], x
    e = pb.Entry(); e.ParseFromString(leaf)
    for where in (x, p):       # the export's text and salt, and the proof's
        if where["note"] == "" or e.note != "":
            continue
        salt = bytes.fromhex(where["note_salt"])
        assert len(salt) == 16, where
        assert hashlib.sha256(salt + where["note"].encode()).digest() == \
            e.note_commitment, ("commitment", x["seq"])
    if e.note_commitment:
        assert x["note"] == p["note"] and x["note_salt"] == p["note_salt"], x
        seen.add(x["note"])
        salts.add(x["note_salt"])
        for t in texts:        # no personal text in any leaf
            assert t.encode() not in leaf, (x["seq"], t)
    else:
        assert x["note_salt"] == "" and x["note"] in ("", "released",
            "expired", "course closed", "rest after capture", "ended",
            "moved", "withdrawn"), x
assert seen == texts, seen ^ texts
# Eight texts, eight salts: the same text twice is two commitments.
assert len(salts) == 8, len(salts)
print("commitments ok:", len(salts))
PY
out=$(ctl verify) || fail "verify: $out"
