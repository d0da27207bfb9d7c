# A CPR number is refused in every spelling a person types: with a space,
# '/', '_' or '.' before the last four digits, with separators inside the
# date; as a citizen reference, in a note and in a reason alike. The
# refusal says where the number was, and the ledger stays as it was.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '1 month ago')" --grant 10000
spend=$(ctl --json spend H-001 100 --category other --voucher V-1 \
    --date "$(day '2 days ago')" | json .seq) || fail "spend"
before=$(ctl --json status | json .entries)

for ref in 010203_1234 010203.1234 01-02-03-1234 01.02.03-1234 \
    01_02_03_1234 sag-01.02.03.1234; do
	expect_code CPR_NOT_ALLOWED course open "$ref" --pool pilot \
	    --start "$(day '1 month ago')"
done
case $out in
*"borgerreference må ikke være et CPR-nummer"*) ;;
*) fail "the message does not name the citizen reference: $out" ;;
esac

for cpr in "010203 1234" "010203/1234" "010203_1234" "010203.1234" \
    "01-02-03-1234" "01.02.03-1234" "01 02 03 1234" "01/02/03-1234"; do
	expect_code CPR_NOT_ALLOWED grant H-001 100 --note "borger $cpr"
	case $out in
	*"noten indeholder et CPR-nummer"*) ;;
	*) fail "the message does not name the note: $out" ;;
	esac
	expect_code CPR_NOT_ALLOWED spend H-001 10 --category other \
	    --voucher V-2 --note "$cpr"
	expect_code CPR_NOT_ALLOWED reverse "$spend" --reason "borgeren $cpr"
	case $out in
	*"begrundelsen indeholder et CPR-nummer"*) ;;
	*) fail "the message does not name the reason: $out" ;;
	esac
done

# Nothing was appended, and the ledger still verifies.
[ "$(ctl --json status | json .entries)" = "$before" ] || fail "entries appended"
ctl export --since 0 | grep -q -e 1234 && fail "a CPR number was stored"

# Amounts and dates in a note are not CPR numbers.
expect_rc 0 spend H-001 10 --category other --voucher INV-0102031234567 \
    --note "2026-01-02 1234 kr."
balanced H-001
stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 ||
    fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
exit 0
