# budgetctl import --atomic of 3000 reservations and captures with one
# overdraft at line 2499: it exits 1 and nothing is applied; that line has
# its code, every other line says it was not applied.
. tests/lib.sh
. tests/fixtures/import.sh
start_daemon
import_courses
entries=$(ctl --json status | json .entries)

# Reservation n takes seq last+1 and leaves last+3 to the next one (its
# capture writes two entries).
$PY - "$T" "$entries" <<'PY'
import json, sys
t, last = sys.argv[1], int(sys.argv[2])
with open(t + "/atomic.jsonl", "w") as f:
    seq = last
    for n in range(1, 1501):
        c = "IMP-%d" % (n % 20 + 1)
        amount = 10**9 if n == 1250 else 1000
        f.write(json.dumps({"op": "reserve", "citizen": c, "amount": amount,
            "category": "transport", "note": "r%d" % n}) + "\n")
        seq += 1
        f.write(json.dumps({"op": "capture", "reservation": seq, "amount": 600,
            "voucher": "C-%d" % n}) + "\n")
        seq += 2
PY
ctl --json import --atomic "$T/atomic.jsonl" >"$T/out3" 2>"$T/err3"
[ $? -eq 1 ] || fail "a refused atomic import must exit 1: $(cat "$T/err3"; tail -n 2 "$T/out3")"
[ "$(ctl --json status | json .entries)" = "$entries" ] || fail "a refused atomic import wrote"
jq -s -e 'length == 3000 and (.[2498] | .line == 2499 and .code == "INSUFFICIENT_FUNDS") and
    ([.[] | select(.status == "not_applied")] | length == 2999)' "$T/out3" >/dev/null ||
    fail "atomic results: $(grep -v not_applied "$T/out3" | head -n 3)"
