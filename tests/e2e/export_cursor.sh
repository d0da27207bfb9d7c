# The export is a cursor feed: any page size yields every seq exactly once,
# past the end is empty and succeeds, and every SPEC field is there.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '1 month ago')" --grant 50000
i=0
while [ $i -lt 40 ]; do
	expect_rc 0 spend H-001 "1$i" --category other --voucher "V-$i" --note "køb nr. $i, \"test\""
	i=$((i + 1))
done
total=$(ctl --json status | json .entries)
[ "$total" = 44 ] || fail "entries: $total"

for page in 1 3 7 44 1000; do
	since=0
	: >"$T/paged"
	while :; do
		ctl export --since "$since" --limit "$page" >"$T/page" || fail "export"
		[ -s "$T/page" ] || break
		cat "$T/page" >>"$T/paged"
		since=$(tail -n 1 "$T/page" | json .seq)
	done
	[ "$(jq -s 'map(.seq) == [range(1; 45)]' "$T/paged")" = true ] ||
	    fail "page size $page: $(jq -c .seq "$T/paged" | tr '\n' ' ')"
done
cmp "$T/paged" "$(ctl export --since 0 >"$T/whole"; echo "$T/whole")" ||
    fail "paged and whole exports differ"

out=$(ctl export --since 44) || fail "export past the end failed"
[ -z "$out" ] || fail "export past the end: $out"
out=$(ctl export --since 1000) || fail "export far past the end failed"
[ -z "$out" ] || fail "export far past the end: $out"

fields='["seq","id","recorded_at","value_date","op","debit","credit","amount","citizen","course","pool","category","voucher","vat","note","reverses","actor","leaf_hash"]'
jq -s -e "all(keys_unsorted[:18] == $fields)" "$T/whole" >/dev/null ||
    fail "fields: $(head -n 1 "$T/whole")"
jq -s -e '.[] | select(.seq == 5) | .op == "spend" and .amount == 1000 and
    .citizen == "H-001" and .course == 1 and .pool == "pilot" and
    .category == "other" and .debit == "expense:other" and
    .credit == "budget:H-001:1" and (.leaf_hash | test("^[0-9a-f]{64}$")) and
    (.id | test("^[0-9a-f-]{36}$")) and .actor.role == "admin" and
    (.recorded_at | test("^[0-9-]{10}T[0-9:.]+Z$"))' "$T/whole" >/dev/null ||
    fail "entry 5: $(sed -n 5p "$T/whole")"
[ "$(jq -s 'map(.leaf_hash) | unique | length' "$T/whole")" = 44 ] ||
    fail "leaf hashes not distinct"
