# The same invoice attached twice is kept once; a write retried with its
# id and its document answers exists and stores nothing again.
. tests/lib.sh
. tests/fixtures/documents.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 50000
expect_rc 0 course open H-2 --pool pilot --start "$(day '1 month ago')" --grant 50000
doc pdf "$T/inv.pdf" 4194304 "Faktura 77"
used() { ctl --json status | json .map_used; }

s1=$(ctl --json spend H-1 100 --category education --voucher F-77 \
    --receipt "$T/inv.pdf" | json .seq) || fail "first spend"
u1=$(used)
# The same document on another citizen's purchase (an invoice split).
s2=$(ctl --json spend H-2 100 --category education --voucher F-77 \
    --receipt "$T/inv.pdf" | json .seq) || fail "second spend"
u2=$(used)
# A second copy would take 4 MiB more of the map; two entries take pages.
[ $((u2 - u1)) -lt 1048576 ] || fail "the document was stored again: $u1 -> $u2"
h1=$(ctl export --since $((s1 - 1)) --limit 1 | json .receipt_sha256)
h2=$(ctl export --since $((s2 - 1)) --limit 1 | json .receipt_sha256)
[ "$h1" = "$h2" ] && [ "$h1" = "$(sha256sum <"$T/inv.pdf" | cut -d' ' -f1)" ] ||
    fail "hashes: $h1 $h2"
ctl receipt "$s2" | cmp -s - "$T/inv.pdf" || fail "the shared document"

# A retry with the id of the first write: exists, nothing new.
id=$(uuidgen 2>/dev/null || "$PY" -c 'import uuid; print(uuid.uuid4())')
doc png "$T/new.png" 3000000 "Ny kvittering"
out=$(ctl --json --id "$id" spend H-1 50 --category other --voucher N-1 \
    --receipt "$T/new.png") || fail "spend: $out"
[ "$(echo "$out" | json .status)" = ok ] || fail "first: $out"
n=$(ctl --json status | json .entries)
u3=$(used)
out=$(ctl --json --id "$id" spend H-1 50 --category other --voucher N-1 \
    --receipt "$T/new.png") || fail "retry: $out"
[ "$(echo "$out" | json .status)" = exists ] || fail "retry: $out"
[ "$(ctl --json status | json .entries)" = "$n" ] || fail "the retry wrote an entry"
u4=$(used)
[ $((u4 - u3)) -lt 1048576 ] || fail "the retry stored the document again: $u3 -> $u4"
# The same id with another document is another operation.
doc png "$T/other.png" 3000 "Anden"
expect_code ID_CONFLICT --id "$id" spend H-1 50 --category other --voucher N-1 \
    --receipt "$T/other.png"
out=$(ctl verify) || fail "verify: $out"
