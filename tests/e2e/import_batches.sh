# budgetctl import of 5000 JSON Lines in batches of 700, bad lines and
# blank lines among them: every good line is applied, one result per
# non-blank line in line order, the summary counts them, and the journal
# holds exactly the good lines' amounts.
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
[ "$(grep -c ': ok, seq' "$T/out1")" = "$good" ] || fail "applied: $(grep -vc ok "$T/out1")"
grep -q "import: $good applied, 0 applied before, $bad refused" "$T/err1" || fail "summary: $(cat "$T/err1")"
# One result per non-blank line, in line order.
awk -F'[ :]' '{print $2}' "$T/out1" >"$T/order"
sort -n "$T/order" | cmp -s - "$T/order" || fail "results out of line order"
[ "$(ctl --json status | json .entries)" = $((base + good)) ] || fail "entries after import"

# The journal holds exactly the good lines' amounts.
want=$(jq -s '[.[] | select(.category == "education") | .amount] | add' "$T/ops.jsonl" 2>/dev/null ||
    $PY -c "
import json,sys
s=0
for l in open('$T/ops.jsonl'):
    try: o=json.loads(l)
    except Exception: continue
    if o.get('category')=='education': s+=o['amount']
print(s)")
got=$(ctl export --since "$base" | jq -s '[.[] | .amount] | add')
[ "$got" = "$want" ] || fail "imported amounts: $got, want $want"
balanced IMP-7
