# budgetctl export --format csv of a real journal: a header, one row per
# entry, both amounts (øre and kr.), and quoting that a CSV parser undoes
# exactly, field for field the JSON Lines export.
. tests/lib.sh
. tests/fixtures/export_journal.sh
start_daemon
export_journal
ctl export --since 0 >"$T/all.jsonl" || fail "export jsonl"

# CSV: a header, one row per entry, both amounts, quoting that a parser
# undoes exactly.
ctl export --since 0 --format csv >"$T/all.csv" || fail "export csv"
$PY - "$T" <<'PY' || fail "csv"
import csv, json, sys
t = sys.argv[1]
rows = list(csv.DictReader(open(t + "/all.csv", newline="", encoding="utf-8")))
entries = [json.loads(l) for l in open(t + "/all.jsonl", encoding="utf-8")]
assert len(rows) == len(entries), (len(rows), len(entries))
for r, e in zip(rows, entries):
    assert int(r["seq"]) == e["seq"] and r["op"] == e["op"], (r, e)
    assert int(r["amount_ore"]) == e["amount"], r
    kr = r["amount_kr"].replace(".", "").replace(",", ".")
    assert round(float(kr) * 100) == e["amount"], r
    for f in ("note", "voucher", "debit", "credit", "citizen", "category"):
        assert r[f] == e[f], (f, r[f], e[f])
    assert int(r["vat_ore"]) == e["vat"]
    assert r["recorded_at"] == e["recorded_at"] and r["id"] == e["id"], r
print("csv ok")
PY
