# budgetctl bench counts exactly the spends the daemon applied: the
# journal grows by the same setup plus the counted spends in every run,
# none is refused, and the ledger verifies afterwards. (Timing is for
# make bench; here only the counting and the output are checked.) The
# runs after the first go into a ledger that is no longer empty: --force.
. tests/lib.sh
start_daemon

entries() { ctl --json status | jq .entries; }

e0=$(entries)
ctl --json bench --connections 3 --batch 7 --seconds 1 >"$T/a.json" ||
    fail "bench exited $?"
e1=$(entries)
ctl --json bench --seconds 1 --force >"$T/b.json" ||
    fail "bench exited $?"
e2=$(entries)

jq -e '.connections == 3 and .batch == 7 and .ops > 0 and .refused == 0
    and .ops % 7 == 0 and .ops == .requests * 7 and .seconds >= 1
    and .ops_per_sec > 0 and .p50_us > 0 and .p99_us >= .p50_us' \
    "$T/a.json" >/dev/null || fail "output: $(cat "$T/a.json")"
a=$(jq .ops "$T/a.json")
b=$(jq .ops "$T/b.json")
[ $((e1 - e0 - a)) -eq $((e2 - e1 - b)) ] ||
    fail "setup differs: $e0 $e1 $e2, counted $a $b"

out=$(ctl bench --batch 2 --seconds 1 --force) || fail "text bench"
echo "$out" | grep -Eq '^forbindelser 1, batch 2, operationer [0-9]+, sekunder [0-9.]+, operationer pr. sekund [0-9]+, p50 [0-9]+ µs, p99 [0-9]+ µs$' ||
    fail "text output: $out"
expect_rc 2 bench --connections 0
expect_rc 2 bench --batch x
ctl verify >/dev/null || fail "the ledger does not verify"
