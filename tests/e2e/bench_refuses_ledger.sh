# budgetctl bench writes a pool, citizens and spends, and a ledger keeps
# every entry for good: pointed at a ledger that holds entries, it is
# refused (exit 2, saying what the ledger holds and that --force
# overrides) and writes nothing; with --force it runs; on an empty ledger
# it runs without.
. tests/lib.sh
start_daemon

entries() { ctl --json status | json .entries; }

# An empty ledger: no --force needed.
ctl --json bench --seconds 1 >"$T/a.json" || fail "bench on an empty ledger exited $?"
jq -e '.ops > 0' "$T/a.json" >/dev/null || fail "output: $(cat "$T/a.json")"

# A ledger with entries (here, one pool of a real caseworker's).
stop_daemon
rm -rf "$DB"
start_daemon
standard_pool pilot
e0=$(entries)
[ "$e0" -gt 0 ] || fail "no entries to protect"
out=$("$BUDGETCTL" bench --seconds 1 2>&1)
rc=$?
[ $rc -eq 2 ] || fail "bench on a ledger with entries: exit $rc, want 2; output: $out"
echo "$out" | grep -q "ikke tomt (posteringer $e0, puljer 1, borgere 0)" || fail "the message does not say what the ledger holds: $out"
echo "$out" | grep -q -- "--force" || fail "the message does not name --force: $out"
[ "$(entries)" = "$e0" ] || fail "the refused bench wrote: $(entries) entries, was $e0"
ctl --json status | jq -e '.pools == 1' >/dev/null || fail "pools: $(ctl --json status)"

ctl --json bench --seconds 1 --force >"$T/b.json" || fail "bench --force exited $?"
b=$(jq .ops "$T/b.json")
[ "$b" -gt 0 ] && [ "$(entries)" -gt $((e0 + b)) ] ||
    fail "bench --force: $(entries) entries, was $e0, ops $b"
ctl verify >/dev/null || fail "the ledger does not verify"
