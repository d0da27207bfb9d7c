# A database of another format than 4 (1, 2, 3 or 5, in the meta table) is
# refused by budgetd verify --db and by budgetd itself, with a message
# saying so, and the refusal leaves the file as it was. The original the
# refused copies were made from was never touched and still serves.
. tests/lib.sh
. tests/fixtures/db_format.sh

format_ledger

sum=$(sha256sum <"$DB/data.mdb")

refused "format 1" both '
    txn.put(b"format", (1).to_bytes(4, "big"), db=meta)'
refused "format 2" both '
    txn.put(b"format", (2).to_bytes(4, "big"), db=meta)'
refused "format 3" both '
    txn.put(b"format", (3).to_bytes(4, "big"), db=meta)'
# A database of the last format is told by its number and this one's.
grep -q "databasen er i format 3; denne budgetd læser kun format 4" "$T/out" ||
    fail "format 3 not named: $(cat "$T/out")"
refused "format 5" both '
    txn.put(b"format", (5).to_bytes(4, "big"), db=meta)'

# The original was never touched and still serves.
[ "$(sha256sum <"$DB/data.mdb")" = "$sum" ] || fail "the original changed"
start_daemon
[ "$(ctl --json status | json .entries)" = "$n" ] || fail "status"
[ "$(ctl --json status | json .citizens)" = 2 ] || fail "citizens"
expect_rc 0 spend H-A 300 --category other --voucher V3
out=$(ctl verify) || fail "verify after the refusals: $out"
stop_daemon
