# A spend names a configured category and carries a voucher; a custom
# [categories] list replaces the built-in one.
. tests/lib.sh
cat >"$T/budgetd.conf" <<CONF
[categories]
education = Uddannelse
driving = Kørekort
CONF
start_daemon -c "$T/budgetd.conf"

standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$TODAY" --grant 10000
expect_rc 0 spend H-001 100 --category driving --voucher K-1
expect_code UNKNOWN_CATEGORY spend H-001 100 --category transport --voucher K-2
expect_rc 2 spend H-001 100 --category driving
expect_rc 2 spend H-001 100 --voucher K-3
"$PY" scripts/documents.py pdf "$T/receipt.pdf" "" "Faktura U-1"
expect_rc 0 spend H-001 100 --category education --voucher U-1 \
    --vat 20 --receipt "$T/receipt.pdf" --note 'Bog, "Dansk 1", 2. udgave'
expect_code BAD_REQUEST spend H-001 100 --category education --voucher U-2 --vat 101
expect_rc 2 spend H-001 100 --category education --voucher U-3 --receipt "$T/missing"
want=$(sha256sum "$T/receipt.pdf" | cut -d' ' -f1)
ctl export --since 0 >"$T/all.jsonl" || fail "export"
jq -s -e ".[] | select(.voucher == \"U-1\") | .receipt_sha256 == \"$want\" and .vat == 2000 and
    .note == \"Bog, \\\"Dansk 1\\\", 2. udgave\"" "$T/all.jsonl" >/dev/null ||
    fail "spend fields: $(grep U-1 "$T/all.jsonl")"
