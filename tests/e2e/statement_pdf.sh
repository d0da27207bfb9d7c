# budgetctl statement CITIZEN --format pdf: a printable A4 statement in
# Danish that poppler renders, page by page; its text holds the
# municipality, the citizen, the period, every purchase with its date,
# category, voucher and amount, the opening and closing balances and the
# totals per category of the JSON statement, and the checkpoint's root.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

statement_ledger
r=$(ctl --json reserve H-001 3000 --category other --note "Cykel, æøå" | json .seq)
expect_rc 0 capture "$r" 1000 --voucher C-1
expect_rc 0 refund H-001 234,50 --category transport --voucher RF-1

export BUDGETCTL_MUNICIPALITY="Halsnæs Kommune"
ctl statement H-001 --format pdf -o "$T/s.pdf" || fail "statement pdf"
ctl statement H-001 --format pdf >"$T/stdout.pdf" || fail "statement pdf to stdout"
[ "$(head -c 5 "$T/stdout.pdf")" = "%PDF-" ] || fail "stdout is not a PDF"
pdfinfo "$T/s.pdf" >"$T/info" || fail "pdfinfo"
grep -q 'Page size: *595.* x 841.*(A4)' "$T/info" || fail "not A4: $(cat "$T/info")"
pages=$(awk '/^Pages:/ { print $2 }' "$T/info")
pdftoppm -r 30 -png "$T/s.pdf" "$T/page" 2>"$T/err" && [ ! -s "$T/err" ] ||
    fail "pdftoppm: $(cat "$T/err")"
[ "$(ls "$T"/page*.png | wc -l)" = "$pages" ] || fail "rendered pages"
# The fonts are embedded: a printer needs no fonts of its own.
pdffonts "$T/s.pdf" | grep -q 'DejaVu' || fail "fonts: $(pdffonts "$T/s.pdf")"

pdftotext -layout "$T/s.pdf" "$T/s.txt" || fail "pdftotext"
ctl --json statement H-001 >"$T/s.json"
ctl --json report categories >"$T/labels.json"
for want in 'Halsnæs Kommune' 'Kontoudtog' 'Borger: H-001' 'Køretimer, 1. rate' \
    'Cykel, æøå' 'Saldo primo' 'Saldo ultimo' 'Rest til rådighed' \
    "Periode: $(day '2 months ago') – $TODAY" \
    "$(ctl checkpoint | sed -n 3p)"; do
	grep -qF "$want" "$T/s.txt" || fail "no '$want' in: $(cat "$T/s.txt")"
done
$PY tests/python/draw_check.py pdf-statement "$T/s.txt" "$T/s.json" \
    "$T/labels.json" ||
    fail "the PDF is not the JSON statement: $(cat "$T/s.txt")"
# The capture shows what it cost, in its category's label (other: Andet).
grep -q "^ *$TODAY *Køb (reserveret) *Andet *C-1 *-1.000,00 kr." "$T/s.txt" ||
    fail "capture: $(cat "$T/s.txt")"

# A period: its dates, its opening balance, only its lines.
from=$(day '20 days ago')
ctl statement H-001 --from "$from" --to "$TODAY" --format pdf | pdftotext -layout - "$T/p.txt" ||
    fail "period pdf"
ctl --json statement H-001 --from "$from" --to "$TODAY" >"$T/p.json"
grep -qF "Periode: $from – $TODAY" "$T/p.txt" || fail "period: $(cat "$T/p.txt")"
$PY tests/python/draw_check.py pdf-statement "$T/p.txt" "$T/p.json" \
    "$T/labels.json" ||
    fail "period PDF: $(cat "$T/p.txt")"
! grep -q 'K-1' "$T/p.txt" || fail "a line before the period"

# Usage: -o is for the PDF; a bad format; an unknown citizen as in text.
expect_rc 2 statement H-001 -o "$T/x"
expect_rc 2 statement H-001 --format pdf -o
expect_rc 2 statement H-001 --format png
expect_rc 2 statement H-001 H-002 --format pdf
expect_code NOT_FOUND statement NOSUCH --format pdf
