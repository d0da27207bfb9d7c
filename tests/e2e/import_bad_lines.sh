# budgetctl import, in batches, of a file with bad lines among thousands
# of good ones (not JSON, a misspelt field, an unknown category, an
# overdraft): it exits 1, and each bad line is refused under its own line
# number in the file, with the code that says why.
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
[ $? -eq 1 ] || fail "import with refused lines must exit 1: $(tail -n 3 "$T/err1")"
[ "$(grep -vc ': ok, seq' "$T/out1")" = "$bad" ] || fail "refused lines"
# Each bad line is named by its number in the file.
lineof() { grep -n -F -- "$1" "$T/ops.jsonl" | head -n 1 | cut -d: -f1; }
grep -q "^line $(lineof '{not json'): BAD_REQUEST: not JSON" "$T/out1" || fail "not JSON"
grep -q "^line $(lineof '"ammount"'): BAD_REQUEST: unknown field \"ammount\"" "$T/out1" ||
    fail "misspelt field"
grep -q "^line $(lineof '"yachts"'): UNKNOWN_CATEGORY" "$T/out1" || fail "unknown category"
grep -q "^line $(lineof '1000000000'): INSUFFICIENT_FUNDS" "$T/out1" || fail "overdraft"
