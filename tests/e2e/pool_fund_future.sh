# SPEC §3 rule 3: pool funding cannot have a value date in the future;
# grants must not rest on money not yet received.
. tests/lib.sh
start_daemon

ctl pool create pilot --cap 50000 --months 12 --from "$(day '2 years ago')" \
    --to "$(day '6 years')" --grace 30 >/dev/null || fail "pool create"

expect_code OUTSIDE_WINDOW pool fund pilot 100000 --date 2030-01-01
case $out in
*2030-01-01*"$TODAY"*) ;;
*) fail "the refusal names neither the date nor today: $out" ;;
esac
expect_code OUTSIDE_WINDOW pool fund pilot 100000 --date "$(day tomorrow)"
[ "$(ctl --json pool show pilot | json .balance)" = 0 ] ||
    fail "a refused funding moved money: $(ctl --json pool show pilot)"

# Today and earlier are taken.
expect_rc 0 pool fund pilot 100000 --date "$TODAY"
expect_rc 0 pool fund pilot 50000 --date "$(day '1 month ago')"
expect_rc 0 pool fund pilot 25000
[ "$(ctl --json pool show pilot | json .balance)" = 17500000 ] ||
    fail "balance: $(ctl --json pool show pilot)"

expect_rc 0 course open H-060 --pool pilot --start "$(day '1 month ago')" --grant 10000
balanced H-060

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
