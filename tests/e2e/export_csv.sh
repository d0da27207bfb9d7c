# budgetctl export --format csv of a real journal: a header, one row per
# entry, both amounts (øre and kr.), and quoting that a CSV parser undoes
# exactly, field for field the JSON Lines export.
. tests/lib.sh
start_daemon
# A journal of every kind of entry over two pools: spends (a note with
# quotes, commas and æøå, a voucher with a semicolon, VAT), a capture, a
# refund, a reversal, an open reservation, a closed course.
standard_pool pilot 200000
standard_pool other 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '2 months ago')" --grant 30000
expect_rc 0 course open H-002 --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-003 --pool other --start "$(day '1 month ago')" --grant 10000
expect_rc 0 spend H-001 4.999,95 --category housing --voucher "JYSK;7" \
    --note 'Sofa, "grå", 3 pers. — æøå' --date "$(day '40 days ago')"
expect_rc 0 spend H-001 1200 --category education --voucher E-1 --vat 240
expect_rc 0 spend H-002 800 --category education --voucher E-2
expect_rc 0 spend H-003 300 --category education --voucher E-3
r=$(ctl --json reserve H-002 2000 --category transport | json .seq)
expect_rc 0 capture "$r" 1750 --voucher T-1
expect_rc 0 refund H-001 999,95 --category housing --voucher K-1
bad=$(ctl --json spend H-002 100 --category leisure --voucher L-1 | json .seq)
expect_rc 0 reverse "$bad" --reason "Forkert borger"
expect_rc 0 reserve H-001 500 --category health
expect_rc 0 course close H-003 --reason moved
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
