# No CPR number enters the ledger: as a citizen reference or in a note.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
for ref in 010190-1234 0101901234 sag-2502881234 2902001234; do
	expect_code CPR_NOT_ALLOWED course open "$ref" --pool pilot --start "$TODAY"
done
# Not a date (31 February, month 13) or not ten digits: not a CPR number.
for ref in 310290-1234 0113901234 01019012345 H-2017-001; do
	expect_rc 0 course open "$ref" --pool pilot --start "$TODAY"
done
expect_code CPR_NOT_ALLOWED grant H-2017-001 100 --note "borger 010190-1234"
expect_code CPR_NOT_ALLOWED spend H-2017-001 10 --category other --voucher V \
    --note "cpr 0101901234"
expect_code BAD_REQUEST course open "has space" --pool pilot --start "$TODAY"
[ "$(ctl --json status | json .citizens)" = 4 ] || fail "citizens"
ctl export --since 0 | grep -q -e '"010190-1234"' -e '"0101901234"' -e 2502881234 &&
    fail "a CPR number was stored"
exit 0
