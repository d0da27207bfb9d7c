# budgetctl report categories on a real journal: the totals per category
# are sums over the export (a refund subtracts, a reversed spend counts no
# purchase), with the purchases and citizens counted; --pool and --from
# narrow it; the text report shows the totals in kroner.
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

ctl --json report categories >"$T/cat.json" || fail "report categories"
$PY - "$T" <<'PY' || fail "report categories: $(cat "$T/cat.json")"
import json, sys
from collections import defaultdict
t = sys.argv[1]
rep = {c["category"]: c for c in json.load(open(t + "/cat.json"))}
total = defaultdict(int)
for e in map(json.loads, open(t + "/all.jsonl", encoding="utf-8")):
    if e["debit"].startswith("expense:"):
        total[e["debit"][8:]] += e["amount"]
    if e["credit"].startswith("expense:"):
        total[e["credit"][8:]] -= e["amount"]
assert {k: v["total"] for k, v in rep.items()} == dict(total), (rep, total)
assert rep["education"]["purchases"] == 3 and rep["education"]["citizens"] == 3, rep
assert rep["housing"]["purchases"] == 1 and rep["housing"]["total"] == 400000, rep
assert rep["leisure"]["purchases"] == 0 and rep["leisure"]["citizens"] == 0, rep
assert rep["transport"]["total"] == 175000, rep
PY
ctl --json report categories --pool other | jq -e 'length == 1 and .[0].total == 30000' >/dev/null ||
    fail "report categories --pool: $(ctl --json report categories --pool other)"
ctl --json report categories --from "$(day '39 days ago')" |
    jq -e 'map(select(.category == "housing"))[0].total == -99995' >/dev/null ||
    fail "report categories --from"
ctl report categories | grep -q "housing .*4.000,00 kr." || fail "report categories text: $(ctl report categories)"
