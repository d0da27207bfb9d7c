# The export's formats on a real journal: CSV that a CSV parser reads back
# exactly, a ledger journal that hledger and ledger-cli both read with the
# daemon's balances (and its balance assertions holding), ERP lines on the
# configured chart of accounts that balance per posting date; and the
# reports, whose totals equal sums over the export.
. tests/lib.sh
cat >"$T/budgetd.conf" <<CONF
[accounts]
expense.education = 5.38.50.4.0
pool = 9.99.01
CONF
start_daemon -c "$T/budgetd.conf"

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

# ledger: both tools read it without errors, the assertions hold, and the
# balances they compute are the daemon's.
ctl export --since 0 --format ledger >"$T/all.ledger" || fail "export ledger"
grep -q ' = DKK ' "$T/all.ledger" || fail "no balance assertions"
hledger -f "$T/all.ledger" check >/dev/null 2>"$T/herr" || fail "hledger: $(cat "$T/herr")"
ledger -f "$T/all.ledger" --pedantic bal >/dev/null 2>"$T/lerr" ||
    ledger -f "$T/all.ledger" bal >/dev/null 2>"$T/lerr" || fail "ledger: $(cat "$T/lerr")"
if [ -s "$T/lerr" ]; then fail "ledger warned: $(cat "$T/lerr")"; fi
bal() { # tool account -> balance in øre
	case $1 in
	hledger) v=$(hledger -f "$T/all.ledger" bal "^$2\$" -N --no-elide -O csv |
	    tail -n 1 | cut -d, -f2 | tr -d '"') ;;
	ledger) v=$(ledger -f "$T/all.ledger" bal "^$2\$" --format '%(quantity(scrub(display_total)))\n' |
	    tail -n 1) ;;
	esac
	v=$(echo "$v" | sed 's/DKK//; s/ //g')
	[ -n "$v" ] || v=0
	echo "$v * 100 / 1" | bc
}
for tool in hledger ledger; do
	for c in H-001 H-002; do
		want=$(ctl --json course show $c | json .available)
		got=$(bal $tool "budget:$c:1")
		[ "$got" = "$want" ] || fail "$tool budget:$c:1 = $got, daemon $want"
		want=$(ctl --json course show $c | json .reserved)
		got=$(bal $tool "reserved:$c:1")
		[ "$got" = "$want" ] || fail "$tool reserved:$c:1 = $got, daemon $want"
	done
	for p in pilot other; do
		want=$(ctl --json pool show $p | json .balance)
		got=$(bal $tool "pool:$p")
		[ "$got" = "$want" ] || fail "$tool pool:$p = $got, daemon $want"
	done
done
# A broken journal is caught by the assertions: change one amount.
sed '0,/DKK 4999.95 =/s//DKK 4999.96 =/' "$T/all.ledger" >"$T/bad.ledger"
hledger -f "$T/bad.ledger" check >/dev/null 2>&1 && fail "hledger accepted a changed amount"

# ERP: two lines per entry that moves money, on the configured numbers,
# balancing per posting date, each with seq, voucher and citizen reference.
ctl export --since 0 --format erp >"$T/all.erp" || fail "export erp"
$PY - "$T" <<'PY' || fail "erp"
import csv, json, sys
from collections import defaultdict
from decimal import Decimal
t = sys.argv[1]
rows = list(csv.DictReader(open(t + "/all.erp", newline="", encoding="utf-8"), delimiter=";"))
entries = {e["seq"]: e for e in map(json.loads, open(t + "/all.jsonl", encoding="utf-8"))}
moving = [e for e in entries.values() if e["amount"] > 0]
assert len(rows) == 2 * len(moving), (len(rows), len(moving))
per_day = defaultdict(Decimal)
for r in rows:
    e = entries[int(r["seq"])]
    per_day[r["posting_date"]] += Decimal(r["amount"].replace(",", "."))
    assert r["posting_date"] == e["value_date"]
    assert r["voucher"] == (e["voucher"] or "BB-%d" % e["seq"]), r
    assert r["citizen_ref"] == e["citizen"], r
    assert r["ledger_account"] in (e["debit"], e["credit"]), r
    want = {"expense:education": "5.38.50.4.0", "expense:housing": "5.38.50.2.2",
            "expense:transport": "5.38.50.4.9"}.get(r["ledger_account"])
    kind = r["ledger_account"].split(":")[0]
    want = want or {"pool": "9.99.01", "budget": "5.38.50.5.2", "reserved": "5.38.50.5.2",
                    "funding": "5.38.50.8.6", "expense": "5.38.50.4.9"}[kind]
    assert r["account_number"] == want, (r, want)
assert all(v == 0 for v in per_day.values()), per_day
print("erp ok")
PY

# Reports: the totals are sums over the export.
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
ctl --json report pools --pool pilot >"$T/pools.json" || fail "report pools"
spent=$(jq -s '[.[] | select(.pool == "pilot") |
    if (.debit | startswith("expense:")) then .amount
    elif (.credit | startswith("expense:")) then -.amount else 0 end] | add' "$T/all.jsonl")
jq -e ".[0].spent == $spent and .[0].reserved == 50000 and .[0].courses_open == 2 and
    .[0].granted == 5000000" "$T/pools.json" >/dev/null || fail "report pools: $(cat "$T/pools.json") spent $spent"
ctl --json report pools --pool other | jq -e '.[0].courses_closed == 1 and .[0].returned == 970000' \
    >/dev/null || fail "report pools other: $(ctl --json report pools --pool other)"
ctl report pools | grep -q "udnyttelse" || fail "report pools text"
ctl report categories | grep -q "housing .*4.000,00 kr." || fail "report categories text: $(ctl report categories)"
expect_rc 2 report pools --from "$TODAY"
expect_rc 2 report people
expect_rc 2 export --since 0 --format xml
