# A database with entries but no format mark is refused by budgetd verify
# --db and by budgetd itself, with a message saying so, and the refusal
# leaves the file as it was (only an empty one is marked: see
# db_format_empty_marked.sh).
. tests/lib.sh
. tests/fixtures/db_format.sh

format_ledger

refused "no format mark" both '
    txn.delete(b"format", db=meta)'
