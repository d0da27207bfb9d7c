# A new database records its format, 4, in the meta table (4 bytes
# big-endian under "format") when budgetd first opens it, and budgetd
# verify --db passes it.
. tests/lib.sh
. tests/fixtures/db_format.sh

format_ledger

# A new database carries format 4.
marked_4

"$BUDGETD" verify --db "$DB" --key "$key" >"$T/out" 2>&1 ||
    fail "untouched database: $(cat "$T/out")"
