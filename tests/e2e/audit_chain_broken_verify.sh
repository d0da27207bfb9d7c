# Online verify on a database where a citizen's head names another
# citizen's entry fails, naming the citizen.
. tests/lib.sh
. tests/fixtures/audit_chain.sh
chain_ledger
chain_keep

# H-A's head names H-B's last entry: nothing of H-A's can be reached.
broken "head names another citizen's entry" "
    txn.put(head(b'H-A'), key($b1), db=citizens)"
out=$(ctl verify 2>&1) && fail "online verify passed"
case $out in *"borger H-A"*) ;; *) fail "online verify: $out" ;; esac
