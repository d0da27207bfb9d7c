# A citizen's chain loops: an entry links forward to a newer entry of the
# same citizen (a3 -> a2 -> a3), or to itself. audit answers in time,
# never looping: chain_intact false, each entry once, the linking one
# marked chain_ok false; statement refuses naming the entry linked to; the
# other citizen's chain is intact, in full.
. tests/lib.sh
. tests/fixtures/audit_chain.sh
chain_ledger
chain_keep

# A link forward, to a newer entry of the same citizen: a loop a3 -> a2 ->
# a3 that the walk must leave.
broken "link to a newer entry" "
    relink($a2, $a3)"
audit_is H-A false "[$a2,$a3]" '[false,true]'
statement_broken H-A "$a3"
others_intact

# An entry that names itself as the one before it.
broken "link to itself" "
    relink($a3, $a3)"
audit_is H-A false "[$a3]" '[false]'
statement_broken H-A "$a3"
others_intact
