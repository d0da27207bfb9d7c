# budgetctl import of a file saved by Excel or Notepad: a UTF-8
# byte-order mark before the first line and CRLF line ends. Every line
# is booked, and the mark is no part of the first line: the same file
# without it imports as the same operations (all "exists").
. tests/lib.sh
start_daemon

standard_pool pilot
ctl course open BOM-1 --pool pilot --start "$(day '1 month ago')" \
    --grant 5000 >/dev/null || fail "course open"
base=$(ctl --json status | json .entries)

printf '\357\273\277{"op":"spend","citizen":"BOM-1","amount":100,"category":"other","voucher":"B-1"}\r\n{"op":"spend","citizen":"BOM-1","amount":200,"category":"other","voucher":"B-2"}\r\n' \
    >"$T/excel.jsonl"
ctl import "$T/excel.jsonl" >"$T/out" 2>&1 ||
    fail "import with a byte-order mark exited $?: $(cat "$T/out")"
grep -q '^linje 1: ok, seq' "$T/out" || fail "line 1: $(cat "$T/out")"
grep -q '^linje 2: ok, seq' "$T/out" || fail "line 2: $(cat "$T/out")"
[ "$(ctl --json status | json .entries)" = $((base + 2)) ] ||
    fail "entries after import"

tail -c +4 "$T/excel.jsonl" >"$T/plain.jsonl"
ctl import "$T/plain.jsonl" >"$T/out2" 2>&1 || fail "re-import exited $?"
[ "$(grep -c ': findes allerede, seq' "$T/out2")" = 2 ] ||
    fail "without the mark, other operations: $(cat "$T/out2")"
[ "$(ctl --json status | json .entries)" = $((base + 2)) ] ||
    fail "re-import appended"

# Only a mark at the very start is skipped: one inside the file is text.
printf '{"op":"spend","citizen":"BOM-1","amount":100,"category":"other","voucher":"B-3"}\n\357\273\277{"op":"spend","citizen":"BOM-1","amount":100,"category":"other","voucher":"B-4"}\n' \
    >"$T/inside.jsonl"
expect_rc 1 import "$T/inside.jsonl"
