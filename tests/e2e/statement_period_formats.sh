# A statement for a date range, as CSV and as text, of entries recorded
# out of value-date order over two courses: both carry the balances of the
# whole statement, and only the lines in the range.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

standard_pool pilot 100000

statement_out_of_order

# CSV and text of a range carry the same balances.
ctl statement H-003 --from "$(d 60)" --to "$(d 60)" --format csv >"$T/csv" ||
    fail "csv range"
[ "$("$PY" -c 'import csv, sys
print(" ".join(r["balance_ore"] for r in csv.DictReader(sys.stdin)))' <"$T/csv")" = \
  "2770000 2820000 2850000" ] ||
    fail "csv range: $(cat "$T/csv")"
ctl statement H-003 --from "$(d 80)" --to "$(d 80)" >"$T/text" || fail "text range"
grep -q '28.000,00 kr.' "$T/text" || fail "text range: $(cat "$T/text")"
[ "$(grep -c "^  $(d 80) " "$T/text")" = 1 ] || fail "text range: $(cat "$T/text")"
