# Two-phase purchases: every transition of a reservation, every refused
# one, and after each step the balances equal a replay of the journal.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-010 --pool pilot --start "$(day '2 months ago')" --grant 10000
balanced H-010

# reserve: the amount leaves the available budget at once.
r1=$(ctl --json reserve H-010 3000 --category education --note "Kørekort, teori" | json .seq)
[ -n "$r1" ] || fail "reserve printed no seq"
show=$(ctl --json course show H-010)
[ "$(echo "$show" | json .reserved)" = 300000 ] || fail "reserved: $show"
[ "$(echo "$show" | json .available)" = 700000 ] || fail "available: $show"
balanced H-010

# Reserved money is unusable: for a spend, a second reservation, a grant
# reversal.
expect_code INSUFFICIENT_FUNDS spend H-010 7000,01 --category housing --voucher F-1
expect_code INSUFFICIENT_FUNDS reserve H-010 7000,01 --category housing
grant=$(ctl --json grant H-010 1000 | json .seq)
expect_rc 0 spend H-010 7500 --category housing --voucher F-2
expect_code INSUFFICIENT_FUNDS reverse "$grant" --reason "fejl"
balanced H-010

# Refused before anything moves: unknown category, no amount, CPR in note.
expect_code UNKNOWN_CATEGORY reserve H-010 10 --category yachts
expect_code BAD_REQUEST reserve H-010 0 --category education
expect_code CPR_NOT_ALLOWED reserve H-010 10 --category education --note "borger 010190-1234"
expect_rc 2 reserve H-010 10
expect_rc 2 capture "$r1"
expect_rc 2 capture abc --voucher X

# Partial capture: the invoice takes 2.400, the other 600 come back in the
# same request, as a release entry right after the capture.
out=$(ctl --json capture "$r1" 2400 --voucher INV-77 --date "$(day '1 day ago')") ||
    fail "capture: $out"
cap=$(echo "$out" | json .seq)
ctl export --since "$((cap - 1))" --limit 2 >"$T/cap.jsonl"
jq -s -e ".[0].op == \"capture\" and .[0].amount == 240000 and .[0].reservation == $r1 and
    .[0].debit == \"expense:education\" and .[0].credit == \"reserved:H-010:1\" and
    .[0].voucher == \"INV-77\" and .[1].op == \"release\" and .[1].amount == 60000 and
    .[1].reservation == $r1 and .[1].debit == \"budget:H-010:1\"" "$T/cap.jsonl" >/dev/null ||
    fail "capture entries: $(cat "$T/cap.jsonl")"
show=$(ctl --json course show H-010)
[ "$(echo "$show" | json .reserved)" = 0 ] || fail "reserved after capture: $show"
[ "$(echo "$show" | json .spent)" = 990000 ] || fail "spent after capture: $show"
[ "$(echo "$show" | json .available)" = 110000 ] || fail "available after capture: $show"
balanced H-010

# Settled exactly once.
expect_code RESERVATION_CLOSED capture "$r1" --voucher INV-78
expect_code RESERVATION_CLOSED release "$r1"
# Entries that are not reservations, and seqs that do not exist.
expect_code NOT_FOUND capture "$grant" --voucher X
expect_code NOT_FOUND release 99999
# Parts of a reservation are settled by release or refund, not reversed.
expect_code BAD_REQUEST reverse "$r1" --reason "fejl"
expect_code BAD_REQUEST reverse "$cap" --reason "fejl"

# Capture of more than was reserved, in the future, before the course.
r2=$(ctl --json reserve H-010 500 --category transport | json .seq)
expect_code BAD_REQUEST capture "$r2" 500,01 --voucher T-1
expect_code OUTSIDE_WINDOW capture "$r2" --voucher T-1 --date "$(day tomorrow)"
expect_code OUTSIDE_WINDOW capture "$r2" --voucher T-1 --date "$(day '3 months ago')"
# Full capture (no amount): no release entry follows.
before=$(ctl --json status | json .entries)
expect_rc 0 capture "$r2" --voucher T-1
after=$(ctl --json status | json .entries)
[ $((after - before)) -eq 1 ] || fail "a full capture appended $((after - before)) entries"
balanced H-010

# release gives the whole amount back, once.
r3=$(ctl --json reserve H-010 600 --category education | json .seq)
[ "$(ctl --json course show H-010 | json .available)" = 0 ] || fail "all reserved"
expect_rc 0 release "$r3"
[ "$(ctl --json course show H-010 | json .available)" = 60000 ] || fail "released"
expect_code RESERVATION_CLOSED release "$r3"
expect_code RESERVATION_CLOSED capture "$r3" --voucher X
balanced H-010

# An idempotent retry of a capture: the same id returns the original.
r4=$(ctl --json reserve H-010 100 --category education | json .seq)
id=6f1c1f0e-4a57-4c57-9d0b-0d5b7b0c0a01
first=$(ctl --json --id $id capture "$r4" 50 --voucher I-1 | json .seq)
again=$(ctl --json --id $id capture "$r4" 50 --voucher I-1)
[ "$(echo "$again" | json .status)" = exists ] || fail "retry: $again"
[ "$(echo "$again" | json .seq)" = "$first" ] || fail "retry seq: $again"
balanced H-010

# A caseworker's reservation carries the actor; an auditor may not reserve
# (the role tests proper run as another uid; this one checks the table).
ctl export --since "$((r1 - 1))" --limit 1 | jq -e '.actor.role == "admin"' >/dev/null ||
    fail "actor of the reservation"

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
