# budgetctl report categories on a real journal: the totals per category
# are sums over the export (a refund subtracts, a reversed spend counts no
# purchase), with the purchases and citizens counted; --pool and --from
# narrow it; the text report shows the totals in kroner.
. tests/lib.sh
. tests/fixtures/export_journal.sh
start_daemon
export_journal
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
# Text is read by people: housing by its label.
ctl report categories | grep -q "^Bolig og indretning .*4.000,00 kr." ||
    fail "report categories text: $(ctl report categories)"
