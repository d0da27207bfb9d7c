# budgetctl import of a file already imported applies nothing twice: every
# line that was applied is answered "exists" with the seq it got the first
# time, and the journal does not grow.
. tests/lib.sh
start_daemon
standard_pool pilot 2000000
from=$(day '1 month ago')
i=1
while [ $i -le 20 ]; do
	ctl course open "IMP-$i" --pool pilot --start "$from" --grant 50000 \
	    >/dev/null || fail "course $i"
	i=$((i + 1))
done
base=$(ctl --json status | json .entries)

# 5000 lines: spends, four bad lines in each thousand, blank lines between.
$PY - "$T" <<'PY'
import json, sys
t = sys.argv[1]
good = bad = 0
with open(t + "/ops.jsonl", "w") as f:
    for n in range(1, 5001):
        c = "IMP-%d" % (n % 20 + 1)
        if n % 1000 == 0:
            f.write("{not json\n"); bad += 1; continue
        if n % 1000 == 1:
            f.write(json.dumps({"op": "spend", "citizen": c, "ammount": 1}) + "\n"); bad += 1; continue
        if n % 1000 == 2:
            f.write(json.dumps({"op": "spend", "citizen": c, "amount": 100, "category": "yachts", "voucher": "Y"}) + "\n"); bad += 1; continue
        if n % 1000 == 3:
            f.write(json.dumps({"op": "spend", "citizen": c, "amount": 10**9, "category": "other", "voucher": "O"}) + "\n"); bad += 1; continue
        if n % 97 == 0:
            f.write("\n")
        f.write(json.dumps({"op": "spend", "citizen": c, "amount": 100 + n % 50,
            "category": "education", "voucher": "F-%d" % n,
            "note": "Bog, \"grundforløb\" — æøå"}, ensure_ascii=False) + "\n")
        good += 1
open(t + "/counts", "w").write("%d %d\n" % (good, bad))
PY
read good bad <"$T/counts"
ctl import --batch 700 "$T/ops.jsonl" >"$T/out1" 2>"$T/err1"

# The same file again: nothing applied twice.
ctl import "$T/ops.jsonl" >"$T/out2" 2>"$T/err2"
[ "$(grep -c ': exists, seq' "$T/out2")" = "$good" ] || fail "re-import: $(head -n 3 "$T/out2")"
[ "$(ctl --json status | json .entries)" = $((base + good)) ] || fail "re-import appended"
# ... and the results name the original seqs.
[ "$(grep ': ok, seq' "$T/out1" | sed 's/ok/exists/' | md5sum)" = \
    "$(grep ': exists, seq' "$T/out2" | md5sum)" ] ||
    fail "re-import seqs differ"
