# Pools: create, fund, show, list; the rules of a pool and their errors.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
out=$(ctl --json pool show pilot) || fail "pool show"
[ "$(echo "$out" | json .funded)" = 10000000 ] || fail "funded: $out"
[ "$(echo "$out" | json .balance)" = 10000000 ] || fail "balance: $out"
[ "$(echo "$out" | json .cap)" = 5000000 ] || fail "cap: $out"
[ "$(echo "$out" | json .months)" = 12 ] || fail "months: $out"
[ "$(echo "$out" | json .grace)" = 30 ] || fail "grace: $out"
[ "$(echo "$out" | json .from)" = "$(day '2 years ago')" ] || fail "from: $out"
for f in pool name cap months from to grace funded granted returned balance; do
	echo "$out" | jq -e "has(\"$f\")" >/dev/null || fail "pool show lacks $f"
done

expect_code ALREADY_EXISTS pool create pilot --cap 100 --months 12 \
    --from "$TODAY" --to "$(day '1 year')"
expect_code NOT_FOUND pool show nosuch
expect_code NOT_FOUND pool fund nosuch 100
# 50.000 kr. is the legal maximum of a course.
expect_code BAD_REQUEST pool create big --cap 50000,01 --months 12 \
    --from "$TODAY" --to "$(day '2 years')"
expect_code BAD_REQUEST pool create backwards --cap 100 --months 12 \
    --from "$TODAY" --to "$(day '1 year ago')"
expect_rc 0 pool create small --cap 50.000,00 --months 15 --from "$TODAY" \
    --to "$(day '3 years')"
expect_rc 0 pool fund small 1.234,50 --note "Kommunal medfinansiering, 2. rate"

out=$(ctl --json pool list) || fail "pool list"
[ "$(echo "$out" | jq length)" = 2 ] || fail "pool list: $out"
[ "$(echo "$out" | jq -r '.[] | select(.pool == "small") | .funded')" = 123450 ] ||
    fail "small funded: $out"
ctl pool show small | grep -q '1.234,50 kr.' || fail "human output not Danish"
