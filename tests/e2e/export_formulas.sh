# Text that a spreadsheet would run as a formula (a voucher or note
# starting with = + - @, a citizen reference starting with -) reaches the
# CSV export, the ERP lines and the statement's CSV as text: quoted and
# led by a single quote (OWASP, CSV injection). Amounts we write, negative
# ones too, stay numbers; the JSON export keeps the text exactly.
. tests/lib.sh
start_daemon

standard_pool pilot
expect_rc 0 course open -H-1 --pool pilot --start "$(day '1 month ago')" \
    --grant 20000
link='=HYPERLINK("http://example.com/x","Faktura")'
expect_rc 0 spend -H-1 100 --category other --voucher "$link" \
    --note '+1+cmd|'"'"'/C calc'"'"'!A0'
expect_rc 0 spend -H-1 200 --category other --voucher '@SUM(A1:A9)' \
    --note '-2+3'
expect_rc 0 spend -H-1 300 --category other --voucher 'F-3' \
    --note 'Bog = 300 kr.'

ctl export --since 0 --format csv >"$T/x.csv" || fail "export csv"
ctl export --since 0 --format erp >"$T/x.erp" || fail "export erp"
ctl statement -H-1 --format csv >"$T/st.csv" || fail "statement csv"
ctl export --since 0 >"$T/x.jsonl" || fail "export jsonl"

# The raw bytes: the cell is quoted with the quote inside.
grep -qF '"'"'"'=HYPERLINK(""http://example.com/x"",""Faktura"")"' "$T/x.csv" ||
    fail "csv voucher: $(grep HYPERLINK "$T/x.csv")"

$PY - "$T" <<'PY' || fail "cells"
import csv, json, sys
t = sys.argv[1]
entries = [json.loads(l) for l in open(t + "/x.jsonl", encoding="utf-8")]
spends = [e for e in entries if e["op"] == "spend"]
texts = [spends[0]["voucher"], spends[0]["note"], spends[1]["voucher"],
    spends[1]["note"]]
assert texts == ['=HYPERLINK("http://example.com/x","Faktura")',
    "+1+cmd|'/C calc'!A0", "@SUM(A1:A9)", "-2+3"], texts

def guarded(cell, text):
    if text[:1] in ("=", "+", "-", "@"):
        return cell == "'" + text
    return cell == text

rows = list(csv.DictReader(open(t + "/x.csv", newline="", encoding="utf-8")))
for r, e in zip(rows, entries):
    for f in ("voucher", "note", "citizen", "debit", "credit"):
        assert guarded(r[f], e[f]), ("csv", f, r[f], e[f])
    assert r["amount_ore"] == str(e["amount"]), r

erp = list(csv.DictReader(open(t + "/x.erp", newline="", encoding="utf-8"),
    delimiter=";"))
negative = 0
for r in erp:
    assert r["citizen_ref"] in ("", "'-H-1"), r
    assert r["voucher"][:1] not in ("=", "+", "-", "@"), r
    if r["amount"].startswith("-"):
        negative += 1       # a number, not neutralised
    assert not r["amount"].startswith("'"), r
assert negative > 0, erp
vouchers = {r["voucher"] for r in erp}
assert "'" + spends[0]["voucher"] in vouchers, vouchers
assert "'@SUM(A1:A9)" in vouchers and "F-3" in vouchers, vouchers

st = list(csv.DictReader(open(t + "/st.csv", newline="", encoding="utf-8")))
byseq = {e["seq"]: e for e in entries}
amounts = 0
for r in st:
    e = byseq[int(r["seq"])]
    for f in ("voucher", "note", "category"):
        assert guarded(r[f], e[f]), ("statement", f, r[f], e[f])
    for f, v in r.items():
        if f.startswith("amount") or f.startswith("balance"):
            assert not v.startswith("'"), (f, v)
            amounts += v.startswith("-")
assert amounts > 0, st
print("cells ok")
PY
