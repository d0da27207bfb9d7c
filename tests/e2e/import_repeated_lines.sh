# budgetctl import: two identical purchases in one file are two, however
# many distinct lines come between them. A file of 650 distinct spends
# and then a copy of its tenth line books 651 spends, two of them the
# tenth's voucher; importing the file again applies none of them twice.
. tests/lib.sh
start_daemon

standard_pool pilot
ctl course open REP-1 --pool pilot --start "$(day '1 month ago')" \
    --grant 50000 >/dev/null || fail "course open"
base=$(ctl --json status | json .entries)

i=1
while [ $i -le 650 ]; do
	printf '{"op":"spend","citizen":"REP-1","amount":100,"category":"other","voucher":"F-%d"}\n' $i
	i=$((i + 1))
done >"$T/ops.jsonl"
sed -n 10p "$T/ops.jsonl" >>"$T/ops.jsonl"

ctl import "$T/ops.jsonl" >"$T/out1" 2>"$T/err1" ||
    fail "import exited $?: $(tail -n 3 "$T/out1" "$T/err1")"
[ "$(grep -c ': ok, seq' "$T/out1")" = 651 ] ||
    fail "applied: $(grep -v ': ok, seq' "$T/out1" | head -n 3)"
grep -q '^linje 651: ok, seq' "$T/out1" ||
    fail "the repeated line: $(grep '^linje 651:' "$T/out1")"
[ "$(ctl --json status | json .entries)" = $((base + 651)) ] ||
    fail "entries after import"
[ "$(ctl export --since "$base" | jq -s '[.[] | select(.voucher == "F-10")] | length')" = 2 ] ||
    fail "the voucher F-10 is not booked twice"

ctl import "$T/ops.jsonl" >"$T/out2" 2>"$T/err2" || fail "re-import exited $?"
[ "$(grep -c ': findes allerede, seq' "$T/out2")" = 651 ] ||
    fail "re-import: $(grep -v ': findes allerede, seq' "$T/out2" | head -n 3)"
[ "$(ctl --json status | json .entries)" = $((base + 651)) ] ||
    fail "re-import appended"
balanced REP-1
