# budgetctl report categories|pools --format pdf: an A4 PDF that poppler
# renders, with the municipality, the period, each category with its
# amount and citizens, each pool with its money and utilisation; and
# report pools --pool nosuch is NOT_FOUND (exit 1) as pool show is.
. tests/lib.sh
. tests/fixtures/export_journal.sh
start_daemon
export_journal

BUDGETCTL_MUNICIPALITY="Halsnæs Kommune" \
    ctl report categories --format pdf -o "$T/cat.pdf" || fail "categories pdf"
pdfinfo "$T/cat.pdf" | grep -q 'Page size: *595.* x 841.*(A4)' ||
    fail "not A4: $(pdfinfo "$T/cat.pdf")"
pdftoppm -r 30 -png "$T/cat.pdf" "$T/cat" 2>"$T/err" && [ ! -s "$T/err" ] ||
    fail "pdftoppm: $(cat "$T/err")"
pdftotext -layout "$T/cat.pdf" "$T/cat.txt" || fail "pdftotext"
grep -q 'Halsnæs Kommune' "$T/cat.txt" || fail "municipality: $(cat "$T/cat.txt")"
grep -q "Udarbejdet $TODAY" "$T/cat.txt" || fail "made: $(cat "$T/cat.txt")"
ctl --json report categories >"$T/cat.json"
for c in $(jq -r '.[].category' "$T/cat.json"); do
	amount=$(jq -r --arg c "$c" '.[] | select(.category == $c) | .total' "$T/cat.json")
	who=$(jq -r --arg c "$c" '.[] | select(.category == $c) | .citizens' "$T/cat.json")
	# Printed by its label ("Bolig og indretning" for housing).
	label=$(jq -r --arg c "$c" '.[] | select(.category == $c) | .label' "$T/cat.json")
	# kroner as budgetctl prints them, e.g. 2.300,00 kr.
	kr=$(ctl report categories | grep "^$label  " |
	    grep -o -- '-*[0-9.]*,[0-9][0-9] kr\.')
	grep -q "^ *$label .*$kr *$who borger" "$T/cat.txt" ||
	    fail "category $c ($label, $amount øre, $kr, $who): $(cat "$T/cat.txt")"
done
# A period given is a period printed.
ctl report categories --from "$(day '39 days ago')" --to "$TODAY" --format pdf |
    pdftotext - - | grep -q "Periode: $(day '39 days ago') – $TODAY" ||
    fail "period"

ctl report pools --format pdf --municipality "Lejre Kommune" -o "$T/pools.pdf" ||
    fail "pools pdf"
pdftoppm -r 30 -png "$T/pools.pdf" "$T/pools" 2>"$T/err" && [ ! -s "$T/err" ] ||
    fail "pdftoppm pools: $(cat "$T/err")"
pdftotext -layout "$T/pools.pdf" "$T/pools.txt"
grep -q 'Lejre Kommune' "$T/pools.txt" || fail "pools municipality"
grep -q 'Pulje pilot' "$T/pools.txt" && grep -q 'Pulje other' "$T/pools.txt" ||
    fail "pools: $(cat "$T/pools.txt")"
grep -q 'Udnyttelse: 15,5 % af det bevilgede er brugt' "$T/pools.txt" ||
    fail "utilisation: $(cat "$T/pools.txt")"
grep -q 'Returneret *9.700,00 kr.' "$T/pools.txt" || fail "returned: $(cat "$T/pools.txt")"

# An unknown pool is NOT_FOUND, in every format, and nothing is drawn.
expect_code NOT_FOUND report pools --pool nosuch
expect_rc 1 report pools --pool nosuch
expect_rc 1 report pools --pool nosuch --format pdf -o "$T/none.pdf"
expect_rc 1 report pools --pool nosuch --format svg
[ ! -s "$T/none.pdf" ] || fail "a PDF for no pool"
# Usage: a bad format, -o without a file or for text.
expect_rc 2 report pools --format png
expect_rc 2 report categories --format pdf -o
expect_rc 2 report categories -o "$T/x.txt"
