# audit walks a citizen's chain back from the citizens table: on an
# intact chain it lists every entry of the citizen, oldest first, each
# link good; so it does on a copy of the database opened and committed to
# unchanged (the set-up the audit_chain_broken_* scenarios change), where
# statement answers and verify passes too.
. tests/lib.sh
. tests/fixtures/audit_chain.sh
chain_ledger
ctl --json audit H-A >"$T/audit" || fail "audit"
[ "$(json .chain_intact <"$T/audit")" = true ] || fail "intact: $(cat "$T/audit")"
a_all=$(jq -c '[.entries[].seq]' "$T/audit")
[ "$(echo "$a_all" | jq -c '.[-3:]')" = "[$a1,$a2,$a3]" ] || fail "H-A's entries: $a_all"
chain_keep

# A copy opened and committed to unchanged: intact, every entry, every
# link good.
broken "nothing" "
    pass"
audit_is H-A true "$a_all" "$(echo "$a_all" | jq -c 'map(true)')"
ctl --json statement H-A >/dev/null || fail "statement H-A"
out=$(ctl verify) || fail "online verify: $out"
