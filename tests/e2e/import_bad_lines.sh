# budgetctl import, in batches, of a file with bad lines among thousands
# of good ones (not JSON, a misspelt field, an unknown category, an
# overdraft): it exits 1, and each bad line is refused under its own line
# number in the file, with the code that says why.
. tests/lib.sh
. tests/fixtures/import.sh
start_daemon
import_courses

import_lines

ctl import --batch 700 "$T/ops.jsonl" >"$T/out1" 2>"$T/err1"
[ $? -eq 1 ] || fail "import with refused lines must exit 1: $(tail -n 3 "$T/err1")"
[ "$(grep -vc ': ok, seq' "$T/out1")" = "$bad" ] || fail "refused lines"
# Each bad line is named by its number in the file.
lineof() { grep -n -F -- "$1" "$T/ops.jsonl" | head -n 1 | cut -d: -f1; }
grep -q "^linje $(lineof '{not json'): BAD_REQUEST: ikke JSON" "$T/out1" || fail "not JSON"
grep -q "^linje $(lineof '"ammount"'): BAD_REQUEST: ukendt felt \"ammount\"" "$T/out1" ||
    fail "misspelt field"
grep -q "^linje $(lineof '"yachts"'): UNKNOWN_CATEGORY" "$T/out1" || fail "unknown category"
grep -q "^linje $(lineof '1000000000'): INSUFFICIENT_FUNDS" "$T/out1" || fail "overdraft"
