# A PDF statement of 2,000 lines paginates: every page carries the header
# (municipality, citizen, period, "Side N af M"), every line is on one of
# them once, each page renders, and the balances close as the JSON's.
. tests/lib.sh
start_daemon

standard_pool pilot 1000000
expect_rc 0 course open PG-1 --pool pilot --start "$(day '30 days ago')" --grant 40000
spends_file "$T/ops.jsonl" PG-1 2000 0 P
expect_rc 0 import "$T/ops.jsonl"

start=$(date +%s)
ctl statement PG-1 --format pdf --municipality "Kolding Kommune" -o "$T/s.pdf" ||
    fail "statement pdf"
echo "2,002 lines drawn in $(($(date +%s) - start))s"
pages=$(pdfinfo "$T/s.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 20 ] || fail "$pages pages for 2,002 lines"
pdftoppm -r 20 -png "$T/s.pdf" "$T/page" 2>"$T/err" && [ ! -s "$T/err" ] ||
    fail "pdftoppm: $(cat "$T/err")"
[ "$(ls "$T"/page*.png | wc -l)" = "$pages" ] || fail "rendered pages"

pdftotext -layout "$T/s.pdf" "$T/s.txt" || fail "pdftotext"
$PY - "$T/s.txt" "$pages" "$(day '30 days ago')" "$TODAY" <<'PY' || fail "pages"
import re, sys
text, pages, start, today = open(sys.argv[1], encoding="utf-8").read(), \
    int(sys.argv[2]), sys.argv[3], sys.argv[4]
sheets = text.split("\f")
if sheets and not sheets[-1].strip():
    sheets.pop()
assert len(sheets) == pages, (len(sheets), pages)
seen = []
for n, page in enumerate(sheets, 1):
    for want in ("Kolding Kommune", "Kontoudtog", "Borger: PG-1",
                 "Periode: %s – %s" % (start, today), "Side %d af %d" % (n, pages)):
        assert want in page, "page %d lacks %r" % (n, want)
    # The table's head on every page with lines.
    lines = re.findall(r"^\s*\d{4}-\d\d-\d\d\s+Køb\s+Andet\s+(P-\d+)\s", page, re.M)
    if lines:
        assert re.search(r"Dato\s+Postering\s+Kategori\s+Bilag\s+Beløb\s+Saldo", page), n
    seen += lines
assert sorted(seen) == sorted("P-%d" % i for i in range(2000)), len(seen)
print("%d pages, each with its header; %d purchases, each once" % (pages, len(seen)))
PY
ctl --json statement PG-1 >"$T/s.json"
ctl --json report categories >"$T/labels.json"
$PY tests/python/draw_check.py pdf-statement "$T/s.txt" "$T/s.json" \
    "$T/labels.json" || fail "totals"
