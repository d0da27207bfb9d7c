# A database as format 2 wrote it (no texts and documents tables, notes in
# the leaves, marked 2) is refused by budgetd and budgetd verify with both
# formats named, and left as it was.
. tests/lib.sh
. tests/fixtures/db_format.sh

format_ledger

refused "format 2 layout" both '
    txn.drop(env.open_db(b"texts", txn=txn), delete=True)
    txn.drop(env.open_db(b"documents", txn=txn), delete=True)
    txn.put(b"format", (2).to_bytes(4, "big"), db=meta)'
grep -q "databasen er i format 2; denne budgetd læser kun format 4:" \
    "$T/out" || fail "the formats are not named: $(cat "$T/out")"
