# An archive before and after an erasure: the citizen's package written
# before still verifies; one written after holds the entries without
# their texts and documents, and verify-archive (and nothing else) lets
# them pass because the package's erasure entry covers them. The daemon
# runs under libfaketime: a course closed in 2020, erased in 2026.
. tests/lib.sh
. tests/fixtures/faketime.sh
. tests/fixtures/documents.sh

at "2020-03-01 12:00:00"
start_daemon
ctl pool create p --cap 50000 --months 12 --from 2020-01-01 --to 2021-12-31 \
    --grace 30 >/dev/null || fail "pool create"
expect_rc 0 pool fund p 100000
expect_rc 0 course open E-1 --pool p --start 2020-02-01 --grant 5000
expect_rc 0 course open K-1 --pool p --start 2020-02-01 --grant 5000
doc pdf "$T/e.pdf" 4000 "Faktura E-1"
ctl spend E-1 300 --category other --voucher V-1 --receipt "$T/e.pdf" \
    --note "psykiatrisk behandling" >/dev/null || fail "spend"
ctl spend K-1 200 --category other --voucher V-2 --note "bliver" >/dev/null || fail "spend"
expect_rc 0 course close E-1 --reason ended --date 2020-03-01
stop_daemon

at "2026-06-01 12:00:00"
start_daemon
key=$(ctl checkpoint --verifier-key)
expect_rc 0 archive "$T/before" --citizen E-1
expect_rc 0 erase E-1 --reason "opbevaringsfristen er udløbet"
"$BUDGETD" verify-archive "$T/before" --key "$key" >/dev/null || fail "the package from before"

out=$(ctl --json archive "$T/after" --citizen E-1) || fail "archive after: $out"
[ "$(echo "$out" | json .documents)" = 0 ] || fail "an erased document archived: $out"
grep -q "psykiatrisk" "$T/after/entries.jsonl" && fail "an erased note archived"
[ "$(jq -r 'select(.op == "spend") | .erased' "$T/after/entries.jsonl")" = true ] ||
    fail "the erased spend is not marked erased"
"$BUDGETD" verify-archive "$T/after" --key "$key" >"$T/v" 2>&1 || fail "after: $(cat "$T/v")"
# The whole journal too: the erasure covers E-1's entries, not K-1's.
expect_rc 0 archive "$T/all"
"$BUDGETD" verify-archive "$T/all" --key "$key" >"$T/v" 2>&1 || fail "all: $(cat "$T/v")"

# Without the erasure entry the same gaps are refused.
P=$T/forged
cp -r "$T/after" "$P"
grep -v '"op":"erase"' "$T/after/entries.jsonl" >"$P/entries.jsonl"
(cd "$P" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | sort |
    while read -r f; do sha256sum "$f"; done >SHA256SUMS)
out=$("$BUDGETD" verify-archive "$P" --key "$key" 2>&1)
[ $? -eq 1 ] || fail "gaps without an erasure: $out"
case $out in *"ingen sletning i pakken dækker den"*) ;; *) fail "forged: $out" ;; esac
echo ok
