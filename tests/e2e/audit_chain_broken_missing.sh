# An entry in the middle of a citizen's chain is missing from the journal:
# budgetd still starts, audit answers chain_intact false with the two
# entries after the gap, the older of them marked chain_ok false,
# statement refuses naming the missing entry, and the other citizen's
# chain is intact, in full.
. tests/lib.sh
. tests/fixtures/audit_chain.sh
chain_ledger
chain_keep

# An entry in the middle of H-A's chain is missing: the two after it are
# listed, the older of them marked.
broken "entry in the middle missing" "
    txn.delete(key($a1), db=entries)"
audit_is H-A false "[$a2,$a3]" '[false,true]'
statement_broken H-A "$a1"
others_intact
