# Gone means gone: after an erasure no file of the data directory, nor of
# a backup made afterwards, holds the erased note's bytes or the erased
# invoice's (LMDB keeps old pages on its free list: the daemon rewrites
# the database without them). Before it, they are there: the search can
# fail. The journal still verifies, offline too, from the backup.
. tests/lib.sh
. tests/fixtures/faketime.sh
. tests/fixtures/documents.sh
. tests/fixtures/erasure.sh
erasable_ledger 3000
grep -rqF "$NOTE" "$DB" || fail "the note is not in the database to begin with"
grep -rqF "$DOCWORDS" "$DB" || fail "the invoice is not in the database to begin with"
start_daemon
out=$(ctl --json erase H-1 --reason "Opbevaringstiden er udløbet") || fail "erase: $out"
grep -q "databasen blev komprimeret efter en sletning" "$LOG" || fail "no compaction: $(tail -3 "$LOG")"
no_trace "$DB"
ctl backup "$T/backup" >/dev/null || fail "backup"
no_trace "$T/backup"
out=$(ctl verify) || fail "verify: $out"
# The daemon writes on, into the database it swapped in.
expect_rc 0 pool create p24 --cap 50000 --months 12 --from 2024-01-01 --to 2025-12-31
expect_rc 0 pool fund p24 1000 --note "efter sletningen"
stop_daemon
no_trace "$DB"
"$REAL_BUDGETD" verify --db "$T/backup" --key "$KEY" >"$T/out" 2>&1 ||
    fail "the backup: $(cat "$T/out")"
"$REAL_BUDGETD" verify --db "$DB" --key "$KEY" >"$T/out" 2>&1 ||
    fail "the database: $(cat "$T/out")"
sed -n 's/.*\(compacted the database after an erasure in [0-9.]* s\).*/\1/p' "$LOG"
