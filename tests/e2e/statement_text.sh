# A statement as text: the running balance in kroner, and the notes.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

statement_ledger

ctl statement H-001 >"$T/text" || fail "text"
grep -q '23.765,50 kr.' "$T/text" || fail "text balance: $(cat "$T/text")"
grep -q 'Køretimer, 1. rate' "$T/text" || fail "text note"
