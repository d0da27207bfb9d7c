# budgetctl import: thousands of JSON Lines in batches, bad lines among
# them, one result per line in line order; the atomic whole-file import;
# and a re-import that applies nothing twice.
. tests/lib.sh
start_daemon

standard_pool pilot 2000000
i=1
while [ $i -le 20 ]; do
	ctl course open "IMP-$i" --pool pilot --start "$(day '1 month ago')" --grant 50000 \
	    >/dev/null || fail "course $i"
	i=$((i + 1))
done
base=$(ctl --json status | json .entries)

# 5000 operations: spends, reservations and captures of them, refunds; a
# few bad lines (not JSON, a misspelt field, an unknown category, an
# overdraft) and blank lines between.
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
[ "$(grep -c ': ok, seq' "$T/out1")" = "$good" ] || fail "applied: $(grep -vc ok "$T/out1")"
[ "$(grep -vc ': ok, seq' "$T/out1")" = "$bad" ] || fail "refused lines"
# Each bad line is named by its number in the file.
lineof() { grep -n -F -- "$1" "$T/ops.jsonl" | head -n 1 | cut -d: -f1; }
grep -q "^line $(lineof '{not json'): BAD_REQUEST: not JSON" "$T/out1" || fail "not JSON"
grep -q "^line $(lineof '"ammount"'): BAD_REQUEST: unknown field \"ammount\"" "$T/out1" ||
    fail "misspelt field"
grep -q "^line $(lineof '"yachts"'): UNKNOWN_CATEGORY" "$T/out1" || fail "unknown category"
grep -q "^line $(lineof '1000000000'): INSUFFICIENT_FUNDS" "$T/out1" || fail "overdraft"
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

# The same file again: nothing applied twice.
ctl import "$T/ops.jsonl" >"$T/out2" 2>"$T/err2"
[ "$(grep -c ': exists, seq' "$T/out2")" = "$good" ] || fail "re-import: $(head -n 3 "$T/out2")"
[ "$(ctl --json status | json .entries)" = $((base + good)) ] || fail "re-import appended"
# ... and the results name the original seqs.
[ "$(grep ': ok, seq' "$T/out1" | sed 's/ok/exists/' | md5sum)" = \
    "$(grep ': exists, seq' "$T/out2" | md5sum)" ] ||
    fail "re-import seqs differ"

# Atomic: 3000 reservations and captures with one overdraft at line 2500:
# nothing is applied; that line has its code, every other says so.
$PY - "$T" "$((base + good))" <<'PY'
import json, sys
t, last = sys.argv[1], int(sys.argv[2])
with open(t + "/atomic.jsonl", "w") as f, open(t + "/atomic-ok.jsonl", "w") as g:
    seq = last
    for n in range(1, 1501):
        c = "IMP-%d" % (n % 20 + 1)
        amount = 10**9 if n == 1250 else 1000
        r = {"op": "reserve", "citizen": c, "amount": amount, "category": "transport", "note": "r%d" % n}
        f.write(json.dumps(r) + "\n")
        r["amount"] = 1000
        g.write(json.dumps(r) + "\n")
        seq += 1
        cap = json.dumps({"op": "capture", "reservation": seq, "amount": 600, "voucher": "C-%d" % n})
        f.write(cap + "\n"); g.write(cap + "\n")
        seq += 2
PY
entries=$(ctl --json status | json .entries)
ctl --json import --atomic "$T/atomic.jsonl" >"$T/out3" 2>"$T/err3"
[ $? -eq 1 ] || fail "a refused atomic import must exit 1: $(cat "$T/err3"; tail -n 2 "$T/out3")"
[ "$(ctl --json status | json .entries)" = "$entries" ] || fail "a refused atomic import wrote"
jq -s -e 'length == 3000 and (.[2498] | .line == 2499 and .code == "INSUFFICIENT_FUNDS") and
    ([.[] | select(.status == "not_applied")] | length == 2999)' "$T/out3" >/dev/null ||
    fail "atomic results: $(grep -v not_applied "$T/out3" | head -n 3)"

commits=$(ctl --json status | json .commits)
ctl import --atomic "$T/atomic-ok.jsonl" >"$T/out4" 2>&1 || fail "atomic import: $(tail -n 3 "$T/out4")"
[ "$(ctl --json status | json .entries)" = $((entries + 4500)) ] || fail "atomic import entries"
# All of it in one request: one commit (status itself is a read).
[ "$(ctl --json status | json .commits)" = $((commits + 1)) ] || fail "atomic import took more than one commit"
[ "$(ctl --json course show IMP-3 | json .reserved)" = 0 ] || fail "captures released the rest"
balanced IMP-3
ctl import --atomic "$T/atomic-ok.jsonl" 2>&1 | grep -q "0 applied, 3000 applied before, 0 refused" ||
    fail "atomic re-import"

# Usage errors before anything is sent.
expect_rc 2 import "$T/missing.jsonl"
expect_rc 2 import "$T/ops.jsonl" --batch 0
expect_rc 2 import
stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
