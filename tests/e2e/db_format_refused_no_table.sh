# A database marked format 4 but without the citizens table is refused by
# budgetd verify --db and by budgetd itself, with a message saying so, and
# the refusal leaves the file as it was: budgetd makes tables only in a
# new database, never an empty one in place of a lost one.
. tests/lib.sh
. tests/fixtures/db_format.sh

format_ledger

# Without the citizens table, but marked 4: budgetd makes tables only in a
# new database, never an empty one in place of a lost one.
refused "no citizens table" both '
    txn.drop(env.open_db(b"citizens", txn=txn), delete=True)'
