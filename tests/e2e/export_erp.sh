# budgetctl export --format erp of a real journal: two lines per entry that
# moves money, on the chart of accounts in budgetd.conf (and the default
# numbers where it names none), balancing per posting date (the day each
# was recorded), each with its value date, seq, voucher and citizen
# reference.
. tests/lib.sh
. tests/fixtures/export_journal.sh
cat >"$T/budgetd.conf" <<CONF
[accounts]
expense.education = 5.38.38.4.0
pool = 9.99.01
CONF
start_daemon -c "$T/budgetd.conf"
export_journal
ctl export --since 0 >"$T/all.jsonl" || fail "export jsonl"

ctl export --since 0 --format erp >"$T/all.erp" || fail "export erp"
$PY - "$T" <<'PY' || fail "erp"
import csv, json, sys
from datetime import datetime
from zoneinfo import ZoneInfo
from collections import defaultdict
from decimal import Decimal
t = sys.argv[1]
cph = ZoneInfo("Europe/Copenhagen")
rows = list(csv.DictReader(open(t + "/all.erp", newline="", encoding="utf-8"), delimiter=";"))
entries = {e["seq"]: e for e in map(json.loads, open(t + "/all.jsonl", encoding="utf-8"))}
moving = [e for e in entries.values() if e["amount"] > 0]
assert len(rows) == 2 * len(moving), (len(rows), len(moving))
per_day = defaultdict(Decimal)
for r in rows:
    e = entries[int(r["seq"])]
    per_day[r["posting_date"]] += Decimal(r["amount"].replace(",", "."))
    # Booked on the day it was recorded in Copenhagen, the value date
    # beside it.
    rec = datetime.fromisoformat(e["recorded_at"].replace("Z", "+00:00"))
    assert r["posting_date"] == rec.astimezone(cph).date().isoformat(), (r, e)
    assert r["value_date"] == e["value_date"], (r, e)
    assert r["voucher"] == (e["voucher"] or "BB-%d" % e["seq"]), r
    assert r["citizen_ref"] == e["citizen"], r
    assert r["ledger_account"] in (e["debit"], e["credit"]), r
    want = {"expense:education": "5.38.38.4.0", "expense:housing": "5.38.38.2.2",
            "expense:transport": "5.38.38.4.9"}.get(r["ledger_account"])
    kind = r["ledger_account"].split(":")[0]
    want = want or {"pool": "9.99.01", "budget": "5.38.38.5.2", "reserved": "5.38.38.5.2",
                    "funding": "5.38.38.8.6", "expense": "5.38.38.4.9"}[kind]
    assert r["account_number"] == want, (r, want)
assert all(v == 0 for v in per_day.values()), per_day
print("erp ok")
PY
