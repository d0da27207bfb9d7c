# Reversal: a new entry swapping debit and credit, at most once, refused
# when it would break a rule; the original stays untouched.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '1 month ago')" --grant 10000
spend=$(ctl --json spend H-001 2.500 --category electronics --voucher E-1 \
    --date "$(day '3 days ago')" | json .seq)
out=$(ctl --json reverse "$spend" --reason "Faktura bogført på forkert borger") ||
    fail "reverse: $out"
rev=$(echo "$out" | json .seq)
[ "$(ctl --json course show H-001 | json .available)" = 1000000 ] ||
    fail "available after reversal"
expect_code ALREADY_REVERSED reverse "$spend" --reason "igen"
expect_rc 2 reverse "$spend"
expect_code NOT_FOUND reverse 9999 --reason "findes ikke"

ctl export --since 0 >"$T/all.jsonl" || fail "export"
jq -s -e ".[] | select(.seq == $rev) | .op == \"reverse\" and .reverses == $spend and
    .debit == \"budget:H-001:1\" and .credit == \"expense:electronics\" and
    .amount == 250000 and .value_date == \"$(day '3 days ago')\"" \
    "$T/all.jsonl" >/dev/null || fail "reversal entry: $(cat "$T/all.jsonl")"
jq -s -e ".[] | select(.seq == $spend) | .op == \"spend\"" "$T/all.jsonl" >/dev/null ||
    fail "original changed"

# A grant that has been spent cannot be taken back.
grant=$(ctl --json grant H-001 5000 | json .seq)
expect_rc 0 spend H-001 12000 --category housing --voucher H-1
expect_code INSUFFICIENT_FUNDS reverse "$grant" --reason "fejl"
# The course open and a reversal itself are not reversible.
expect_code BAD_REQUEST reverse 3 --reason "fejl"
expect_code BAD_REQUEST reverse "$rev" --reason "fejl"

# Funding can be reversed while the pool still holds it.
fund=$(ctl --json pool fund pilot 1000 | json .seq)
expect_rc 0 reverse "$fund" --reason "Forkert beløb"
[ "$(ctl --json pool show pilot | json .funded)" = 10000000 ] || fail "funded"
