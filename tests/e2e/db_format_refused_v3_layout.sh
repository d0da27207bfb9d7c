# A database as format 3 wrote it (the tree's nodes in a tree table of
# their own, marked 3) is refused by budgetd and budgetd verify with both
# formats named, and left as it was.
. tests/lib.sh
. tests/fixtures/db_format.sh

format_ledger

refused "format 3 layout" both '
    entries = env.open_db(b"entries", txn=txn)
    tree = env.open_db(b"tree", txn=txn)
    for k, v in list(txn.cursor(db=entries)):
        if len(k) == 9:
            seq = int.from_bytes(k[:8], "big")
            txn.put((seq - 1).to_bytes(8, "big") + k[8:], v, db=tree)
            txn.delete(k, db=entries)
    txn.put(b"format", (3).to_bytes(4, "big"), db=meta)'
grep -q "databasen er i format 3; denne budgetd læser kun format 4:" \
    "$T/out" || fail "the formats are not named: $(cat "$T/out")"
