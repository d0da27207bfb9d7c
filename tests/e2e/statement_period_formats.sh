# A statement for a date range, as CSV and as text, of entries recorded
# out of value-date order over two courses: both carry the balances of the
# whole statement, and only the lines in the range.
. tests/lib.sh
start_daemon

standard_pool pilot 100000

# H-003: entries recorded out of value-date order (a spend backdated after
# a later one, a reversal keeping its original's date) over two courses.
d() { day "$1 days ago"; }
expect_rc 0 course open H-003 --pool pilot --start "$(d 90)" --grant 30000
expect_rc 0 spend H-003 1000 --category transport --voucher S-1 --date "$(d 55)"
expect_rc 0 spend H-003 2000 --category transport --voucher S-2 --date "$(d 80)"
s=$(ctl --json spend H-003 300 --category other --voucher S-3 --date "$(d 60)" | json .seq)
expect_rc 0 grant H-003 500 --date "$(d 60)"
expect_rc 0 reverse "$s" --reason fejl
expect_rc 0 course close H-003 --reason moved --date "$(d 50)"
expect_rc 0 course open H-003 --pool pilot --start "$(d 45)" --grant 7000
expect_rc 0 spend H-003 700 --category other --voucher S-4 --date "$(d 30)"

# CSV and text of a range carry the same balances.
ctl statement H-003 --from "$(d 60)" --to "$(d 60)" --format csv >"$T/csv" ||
    fail "csv range"
[ "$("$PY" -c 'import csv, sys
print(" ".join(r["balance_ore"] for r in csv.DictReader(sys.stdin)))' <"$T/csv")" = \
  "2670000 2720000 2750000" ] ||
    fail "csv range: $(cat "$T/csv")"
ctl statement H-003 --from "$(d 80)" --to "$(d 80)" >"$T/text" || fail "text range"
grep -q '27.000,00 kr.' "$T/text" || fail "text range: $(cat "$T/text")"
[ "$(grep -c "^  $(d 80) " "$T/text")" = 1 ] || fail "text range: $(cat "$T/text")"
