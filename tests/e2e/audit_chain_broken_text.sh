# The human audit of a citizen whose chain is broken (an entry in the
# middle missing) says the chain is broken, and marks the break once.
. tests/lib.sh
. tests/fixtures/audit_chain.sh
chain_ledger
chain_keep

# An entry in the middle of H-A's chain is missing: the text says so.
broken "entry in the middle missing" "
    txn.delete(key($a1), db=entries)"
ctl audit H-A >"$T/text" || fail "human audit"
grep -q 'kæden er BRUDT' "$T/text" || fail "human audit: $(cat "$T/text")"
[ "$(grep -c 'KÆDEN BRUDT' "$T/text")" = 1 ] || fail "human audit: $(cat "$T/text")"
