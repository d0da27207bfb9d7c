# What a budgetd of format 1 left (no mark, a dupsort citizen_seq index of
# every entry, no citizens table) is refused by budgetd verify --db and by
# budgetd itself, with a message saying so, and the refusal leaves the
# file as it was.
. tests/lib.sh
. tests/fixtures/db_format.sh

format_ledger

# What a budgetd of format 1 left: no mark, a dupsort citizen_seq index of
# every entry and no citizens table.
refused "format 1 layout" both '
    citizens = env.open_db(b"citizens", txn=txn)
    index = env.open_db(b"citizen_seq", txn=txn, dupsort=True, dupfixed=True)
    for k, v in list(txn.cursor(db=citizens)):
        if k.index(b"\0") != len(k) - 2 or k[-1] != 1:
            continue	# a course or its spending (format 4)
        for seq in range(1, int.from_bytes(v, "big") + 1):
            txn.put(k[:-2], seq.to_bytes(8, "big"), db=index)
    txn.drop(citizens, delete=True)
    txn.delete(b"format", db=meta)'
