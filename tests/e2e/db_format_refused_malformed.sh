# A database whose format mark is not 4 bytes big-endian (2 in 8 bytes, 2
# as text) is refused by budgetd verify --db and by budgetd itself, with a
# message saying so, and the refusal leaves the file as it was.
. tests/lib.sh
. tests/fixtures/db_format.sh

format_ledger

refused "format 3 in 8 bytes" both '
    txn.put(b"format", (3).to_bytes(8, "big"), db=meta)'
refused "format 3 as text" both '
    txn.put(b"format", b"3", db=meta)'
