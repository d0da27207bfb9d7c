# budgetctl bench --receipt-size: every counted spend carries a document
# of its own, stored whole: the journal grows by the setup and the spends
# counted, the last spend's document comes back as a PDF of that size,
# no two spends share one, and the ledger verifies. A document the
# daemon refuses stops the bench with exit status 1; a batch is refused.
. tests/lib.sh
start_daemon

entries() { ctl --json status | jq .entries; }

# The setup's entries, from a run without documents.
ctl --json bench --seconds 1 >"$T/plain.json" || fail "bench exited $?"
e0=$(entries)
setup=$((e0 - $(jq .ops "$T/plain.json")))
ctl --json bench --connections 2 --receipt-size 1500000 --seconds 1 \
    --force >"$T/a.json" || fail "bench exited $?"
e1=$(entries)
jq -e '.connections == 2 and .batch == 1 and .ops > 0 and .refused == 0
    and .receipt_size == 1500000 and .ops == .requests
    and .mb_per_sec > 0 and .p99_us >= .p50_us' "$T/a.json" >/dev/null ||
    fail "output: $(cat "$T/a.json")"
ops=$(jq .ops "$T/a.json")
[ $((e1 - e0)) -eq $((ops + setup)) ] ||
    fail "journal grew by $((e1 - e0)) for $ops spends"

ctl receipt "$e1" -o "$T/last.pdf" 2>/dev/null || fail "receipt $e1"
[ "$(wc -c <"$T/last.pdf")" -eq 1500000 ] || fail "size of the document"
[ "$(head -c 8 "$T/last.pdf")" = "%PDF-1.4" ] || fail "not a PDF"
n=$(ctl export --since "$e0" --limit $((ops + setup)) |
    jq -r 'select((.receipt_sha256 // "") != "") | .receipt_sha256' | sort -u |
    wc -l)
[ "$n" -eq "$ops" ] || fail "$n distinct documents for $ops spends"

out=$(ctl bench --receipt-size 100 --seconds 1 --force) || fail "text bench"
echo "$out" | grep -Eq '^forbindelser 1, batch 1, dokumentstørrelse 100, operationer [0-9]+, sekunder [0-9.]+, operationer pr. sekund [0-9]+, MB pr. sekund [0-9.]+, p50 [0-9]+ µs, p99 [0-9]+ µs$' ||
    fail "text output: $out"
expect_rc 2 bench --receipt-size 100000 --batch 2 --force
expect_rc 2 bench --receipt-size 10 --force
expect_rc 1 bench --receipt-size 11000000 --seconds 1 --force
ctl verify >/dev/null || fail "the ledger does not verify"
