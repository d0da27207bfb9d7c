# A database whose format mark is not 4 bytes big-endian (4 in 8 bytes, 4
# as text) is refused by budgetd verify --db and by budgetd itself, with a
# message saying so, and the refusal leaves the file as it was.
. tests/lib.sh
. tests/fixtures/db_format.sh

format_ledger

refused "format 4 in 8 bytes" both '
    txn.put(b"format", (4).to_bytes(8, "big"), db=meta)'
refused "format 4 as text" both '
    txn.put(b"format", b"4", db=meta)'
