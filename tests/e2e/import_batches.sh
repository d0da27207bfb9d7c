# budgetctl import of 5000 JSON Lines in batches of 700, bad lines and
# blank lines among them: every good line is applied, one result per
# non-blank line in line order, the summary counts them, and the journal
# holds exactly the good lines' amounts.
. tests/lib.sh
. tests/fixtures/import.sh
start_daemon
import_courses
base=$(ctl --json status | json .entries)

import_lines

ctl import --batch 700 "$T/ops.jsonl" >"$T/out1" 2>"$T/err1"
[ "$(grep -c ': ok, seq' "$T/out1")" = "$good" ] || fail "applied: $(grep -vc ok "$T/out1")"
grep -q "import: $good udført, 0 udført før, $bad afvist" "$T/err1" || fail "summary: $(cat "$T/err1")"
# One result per non-blank line, in line order.
awk -F'[ :]' '{print $2}' "$T/out1" >"$T/order"
sort -n "$T/order" | cmp -s - "$T/order" || fail "results out of line order"
[ "$(ctl --json status | json .entries)" = $((base + good)) ] || fail "entries after import"

# The journal holds exactly the good lines' amounts.
want=$(jq -s '[.[] | select(.category == "education") | .amount] | add' "$T/ops.jsonl" 2>/dev/null ||
    $PY -c "
import json,sys
s=0
for l in open('$T/ops.jsonl'):
    try: o=json.loads(l)
    except Exception: continue
    if o.get('category')=='education': s+=o['amount']
print(s)")
got=$(ctl export --since "$base" | jq -s '[.[] | .amount] | add')
[ "$got" = "$want" ] || fail "imported amounts: $got, want $want"
balanced IMP-7
