# budgetctl import of a file already imported applies nothing twice: every
# line that was applied is answered "exists" with the seq it got the first
# time, and the journal does not grow.
. tests/lib.sh
. tests/fixtures/import.sh
start_daemon
import_courses
base=$(ctl --json status | json .entries)

import_lines
ctl import --batch 700 "$T/ops.jsonl" >"$T/out1" 2>"$T/err1"

# The same file again: nothing applied twice.
ctl import "$T/ops.jsonl" >"$T/out2" 2>"$T/err2"
[ "$(grep -c ': findes allerede, seq' "$T/out2")" = "$good" ] || fail "re-import: $(head -n 3 "$T/out2")"
[ "$(ctl --json status | json .entries)" = $((base + good)) ] || fail "re-import appended"
# ... and the results name the original seqs.
[ "$(grep ': ok, seq' "$T/out1" | sed 's/ok/findes allerede/' | md5sum)" = \
    "$(grep ': findes allerede, seq' "$T/out2" | md5sum)" ] ||
    fail "re-import seqs differ"
