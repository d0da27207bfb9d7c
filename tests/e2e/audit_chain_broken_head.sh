# A citizen's head in the citizens table names another citizen's entry,
# or one the journal does not hold: budgetd still starts, audit answers
# chain_intact false with no entry of the citizen (none can be reached,
# none of another's is listed), statement refuses naming the entry the
# head names, and the other citizen's chain is intact, in full.
. tests/lib.sh
. tests/fixtures/audit_chain.sh
chain_ledger
chain_keep

# H-A's head names H-B's last entry: nothing of H-A's can be reached.
broken "head names another citizen's entry" "
    txn.put(head(b'H-A'), key($b1), db=citizens)"
audit_is H-A false '[]' '[]'
statement_broken H-A "$b1"
others_intact

# H-A's head names an entry the journal does not hold.
broken "head beyond the journal" "
    txn.put(head(b'H-A'), key($((n + 100))), db=citizens)"
audit_is H-A false '[]' '[]'
statement_broken H-A "$((n + 100))"
others_intact
