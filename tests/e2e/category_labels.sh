# The configuration's [categories] labels are what people read: the
# statement (text and PDF) and the categories report (text, PDF, SVG)
# print "Transport og kørekort" where the entries say transport, and the
# slug of a category the configuration no longer labels. JSON keeps the
# slug in "category"; the report's JSON adds "label".
. tests/lib.sh
cat >"$T/before.conf" <<CONF
[categories]
transport = Transport og kørekort
education = Uddannelse
electronics = Computer og elektronik
legacy = Gammel kategori
CONF
# The same without legacy, as after a municipality dropped a category.
sed '/^legacy/d' "$T/before.conf" >"$T/after.conf"
start_daemon -c "$T/before.conf"
standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '2 months ago')" \
    --grant 20000
expect_rc 0 spend H-001 1.234,50 --category transport --voucher K-1 \
    --date "$(day '40 days ago')"
expect_rc 0 spend H-001 500 --category education --voucher U-1
expect_rc 0 spend H-001 250 --category legacy --voucher L-1
expect_rc 0 spend H-001 99 --category electronics --voucher E-1
stop_daemon
start_daemon -c "$T/after.conf"

# Words as drawn: a label cut short with an ellipsis still reads whole to
# pdftotext -layout, but its cut words come out as one ("og kørekort").
words() {
	pdftotext -bbox "$1" - | sed -n 's/^ *<word [^>]*>\(.*\)<\/word>$/\1/p'
}

# The statement, as text and as PDF: the row and the totals per category.
ctl statement H-001 >"$T/s.txt" || fail "statement"
grep -q 'Transport og kørekort *K-1' "$T/s.txt" || fail "text: $(cat "$T/s.txt")"
grep -q ' legacy *L-1' "$T/s.txt" || fail "text, no label: $(cat "$T/s.txt")"
ctl statement H-001 --format pdf | pdftotext -layout - "$T/s-pdf.txt" ||
    fail "statement pdf"
[ "$(grep -c 'Transport og kørekort' "$T/s-pdf.txt")" = 2 ] ||
    fail "statement pdf: $(cat "$T/s-pdf.txt")"
grep -q 'Uddannelse .*U-1' "$T/s-pdf.txt" || fail "pdf row: $(cat "$T/s-pdf.txt")"
ctl statement H-001 --format pdf >"$T/s.pdf"
[ "$(words "$T/s.pdf" | grep -c '^kørekort$')" = 2 ] &&
    [ "$(words "$T/s.pdf" | grep -c '^elektronik$')" = 2 ] ||
    fail "statement pdf, labels cut short: $(words "$T/s.pdf" | tr '\n' ' ')"
grep -q 'legacy .*L-1' "$T/s-pdf.txt" || fail "pdf, no label: $(cat "$T/s-pdf.txt")"
sed -n '/Forbrug pr. kategori/,$p' "$T/s-pdf.txt" >"$T/totals"
grep -q 'Transport og kørekort .*1.234,50 kr.' "$T/totals" &&
    grep -q 'legacy .*250,00 kr.' "$T/totals" ||
    fail "pdf totals: $(cat "$T/totals")"
! grep -q 'Gammel' "$T/s-pdf.txt" "$T/s.txt" || fail "a label no longer configured"
# JSON and CSV are for programs: the slug, as before.
ctl --json statement H-001 |
    jq -e '[.lines[].category] - [""] | sort ==
    ["education","electronics","legacy","transport"]' \
    >/dev/null || fail "statement json: $(ctl --json statement H-001)"

# The report: text, JSON, PDF and SVG.
ctl report categories >"$T/r.txt" || fail "report"
grep -q '^Transport og kørekort  *1.234,50 kr.' "$T/r.txt" &&
    grep -q '^legacy  *250,00 kr.' "$T/r.txt" || fail "report text: $(cat "$T/r.txt")"
ctl --json report categories >"$T/r.json" || fail "report json"
jq -e 'map({(.category): .label}) | add == {"education": "Uddannelse",
    "electronics": "Computer og elektronik", "legacy": "legacy",
    "transport": "Transport og kørekort"}' "$T/r.json" \
    >/dev/null || fail "report json: $(cat "$T/r.json")"
ctl report categories --format pdf | pdftotext -layout - "$T/r-pdf.txt" ||
    fail "report pdf"
ctl report categories --format pdf >"$T/r.pdf"
words "$T/r.pdf" | grep -q '^kørekort$' && words "$T/r.pdf" | grep -q '^elektronik$' ||
    fail "report pdf, labels cut short: $(words "$T/r.pdf" | tr '\n' ' ')"
grep -q 'Transport og kørekort' "$T/r-pdf.txt" &&
    grep -q 'Uddannelse' "$T/r-pdf.txt" && grep -q 'legacy' "$T/r-pdf.txt" ||
    fail "report pdf: $(cat "$T/r-pdf.txt")"
ctl report categories --format svg >"$T/r.svg" || fail "report svg"
$PY - "$T/r.svg" <<'PY' || fail "report svg: $(cat "$T/r.svg")"
import sys
import xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
bars = {g.get("data-name"): [t.text for t in g.iter(NS + "text")
        if t.get("class") == "label"]
        for g in root.iter(NS + "g") if g.get("class") == "bar"}
assert bars == {"education": ["Uddannelse"], "legacy": ["legacy"],
                "electronics": ["Computer og elektronik"],
                "transport": ["Transport og kørekort"]}, bars
PY
$PY tests/python/draw_check.py svg-categories "$T/r.svg" "$T/r.json" ||
    fail "report svg against its json"
