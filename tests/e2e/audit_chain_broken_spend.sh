# No entry is signed onto a broken chain: with a citizen's head naming
# another citizen's entry, or one beyond the journal, a spend for the
# citizen is refused INTERNAL and nothing is kept; the other citizen still
# spends.
. tests/lib.sh
. tests/fixtures/audit_chain.sh
chain_ledger
chain_keep

# H-A's head names H-B's last entry: nothing of H-A's can be reached.
broken "head names another citizen's entry" "
    txn.put(head(b'H-A'), key($b1), db=citizens)"
# No entry is signed onto the broken chain; the other citizen still spends.
expect_code INTERNAL spend H-A 100 --category other --voucher A9
[ "$(ctl --json status | json .entries)" = "$n" ] || fail "a refused spend was kept"
expect_rc 0 spend H-B 100 --category other --voucher B9

# H-A's head names an entry the journal does not hold.
broken "head beyond the journal" "
    txn.put(head(b'H-A'), key($((n + 100))), db=citizens)"
expect_code INTERNAL spend H-A 100 --category other --voucher A9
