# proof and consistency output, checked by the RFC 9162 verification
# algorithms written here in Python, independent of the daemon's code.
# Checkpoints are signed on a schedule and when asked for: a proof is of
# a signed tree, and carries its note; a size nobody signed is refused.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
i=0
while [ $i -lt 9 ]; do
	expect_rc 0 course open "H-$i" --pool pilot --start "$TODAY" --grant 100
	i=$((i + 1))
	# After 8 and 14 entries an auditor keeps a checkpoint: signed now.
	case $i in 3|6) ctl checkpoint >/dev/null || fail "checkpoint" ;; esac
done
n=$(ctl --json status | json .entries)
[ "$n" = 20 ] || fail "entries $n"

: >"$T/proofs"
seq=1
while [ $seq -le $n ]; do
	ctl --json proof $seq >>"$T/proofs" || fail "proof $seq"
	for size in 8 14; do
		[ $seq -le $size ] && { ctl --json proof $seq --size $size >>"$T/proofs" || fail "proof $seq --size $size"; }
	done
	seq=$((seq + 1))
done
: >"$T/cons"
for m in 1 2 3 4 5 7 8 13 16 19 20; do
	for size in 4 8 13 20; do
		[ $m -le $size ] && { ctl --json consistency $m $size >>"$T/cons" || fail "consistency $m $size"; }
	done
done
ctl export --since 0 >"$T/export" || fail "export"

"$PY" - "$T/proofs" "$T/cons" "$T/export" <<'PY' || fail "verification"
import base64, hashlib, json, sys

def h(b): return hashlib.sha256(b).digest()
def node(l, r): return h(b"\x01" + l + r)

def verify_inclusion(leaf_hash, index, size, proof, root):
    if index >= size: return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1; sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1; sn >>= 1
    return sn == 0 and r == root

def verify_consistency(m, n, r1, r2, proof):
    if m == n: return not proof and r1 == r2
    if m == 0: return not proof
    if not proof: return False
    if m & (m - 1) == 0: proof = [r1] + proof
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn >>= 1; sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            fr = node(c, fr); sr = node(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1; sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1; sn >>= 1
    return sn == 0 and fr == r1 and sr == r2

export = {e["seq"]: e for e in map(json.loads, open(sys.argv[3]))}
count = 0
for p in map(json.loads, open(sys.argv[1])):
    leaf = base64.b64decode(p["leaf"])
    lh = h(b"\x00" + leaf)
    assert lh.hex() == p["leaf_hash"] == export[p["seq"]]["leaf_hash"], p["seq"]
    proof = [bytes.fromhex(x) for x in p["inclusion"]]
    root = bytes.fromhex(p["root"])
    assert verify_inclusion(lh, p["seq"] - 1, p["tree_size"], proof, root), p
    assert not verify_inclusion(lh, p["seq"] % p["tree_size"], p["tree_size"], proof, root) or p["tree_size"] == 1
    # Every proof carries the signed note of its tree; without --size
    # that is the whole journal, signed when the proof was asked for.
    body = p["checkpoint"].split("\n")
    assert int(body[1]) == p["tree_size"] in (8, 14, 20), p["tree_size"]
    assert base64.b64decode(body[2]) == root
    count += 1
roots = {}
for c in map(json.loads, open(sys.argv[2])):
    r1, r2 = bytes.fromhex(c["old_root"]), bytes.fromhex(c["new_root"])
    proof = [bytes.fromhex(x) for x in c["proof"]]
    assert verify_consistency(c["old_size"], c["new_size"], r1, r2, proof), c
    if c["old_size"] < c["new_size"]:
        assert not verify_consistency(c["old_size"], c["new_size"], r2, r1, proof), c
    for size, root in ((c["old_size"], r1), (c["new_size"], r2)):
        assert roots.setdefault(size, root) == root, "two roots for %d" % size
    count += 1
print(count, "proofs verified")
PY
expect_code NOT_FOUND proof 21
# A course opens with two entries, so no commit ended at 7: no checkpoint
# signs that tree, and the refusal names the sizes that have one.
out=$(ctl proof 5 --size 7 2>&1) && fail "proof against an unsigned size"
case $out in
*"intet kontrolpunkt signerer træet over 7 posteringer; de nærmeste signerer "[0-9]*" og 8"*) ;;
*) fail "unsigned size: $out" ;;
esac
expect_code NOT_FOUND proof 5 --size 21
expect_code NOT_FOUND proof 0
expect_code NOT_FOUND consistency 3 21
expect_rc 2 consistency 5 3
