# A statement as CSV: a header and one row per entry, a note with a comma
# quoted.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

statement_ledger

ctl statement H-001 --format csv >"$T/csv" || fail "csv"
[ "$(wc -l <"$T/csv")" -eq 6 ] || fail "csv rows: $(cat "$T/csv")"
grep -q '"Køretimer, 1. rate"' "$T/csv" || fail "csv quoting: $(cat "$T/csv")"
