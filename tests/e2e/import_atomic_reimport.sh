# budgetctl import --atomic of a file already imported atomically applies
# nothing twice: the summary says every line was applied before.
. tests/lib.sh
. tests/fixtures/import.sh
start_daemon
import_courses
entries=$(ctl --json status | json .entries)

# 1500 reservations and a capture of each (a capture writes two entries).
$PY - "$T" "$entries" <<'PY'
import json, sys
t, last = sys.argv[1], int(sys.argv[2])
with open(t + "/atomic-ok.jsonl", "w") as g:
    seq = last
    for n in range(1, 1501):
        c = "IMP-%d" % (n % 20 + 1)
        g.write(json.dumps({"op": "reserve", "citizen": c, "amount": 1000,
            "category": "transport", "note": "r%d" % n}) + "\n")
        seq += 1
        g.write(json.dumps({"op": "capture", "reservation": seq, "amount": 600,
            "voucher": "C-%d" % n}) + "\n")
        seq += 2
PY
ctl import --atomic "$T/atomic-ok.jsonl" >"$T/out4" 2>&1 || fail "atomic import: $(tail -n 3 "$T/out4")"
ctl import --atomic "$T/atomic-ok.jsonl" 2>&1 | grep -q "0 udført, 3000 udført før, 0 afvist" ||
    fail "atomic re-import"
