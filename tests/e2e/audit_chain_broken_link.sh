# An entry in a citizen's chain links to another citizen's entry as the one
# before it: audit answers chain_intact false with the entries up to the
# bad link, the linking one marked chain_ok false and no entry of the other
# citizen listed; statement refuses naming the entry linked to; the other
# citizen's chain is intact, in full.
. tests/lib.sh
. tests/fixtures/audit_chain.sh
chain_ledger
chain_keep

# A link to another citizen's entry inside the chain.
broken "link to another citizen's entry" "
    relink($a2, $b1)"
audit_is H-A false "[$a2,$a3]" '[false,true]'
statement_broken H-A "$b1"
others_intact
