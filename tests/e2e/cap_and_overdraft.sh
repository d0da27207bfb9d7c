# The cap, no overdraft and the pool's balance, at their exact edges.
. tests/lib.sh
start_daemon

standard_pool pilot 120000
start=$(day '3 months ago')
expect_rc 0 course open H-001 --pool pilot --start "$start" --grant 30000
expect_rc 0 grant H-001 20000
# Exactly at the cap is allowed; one øre more is not.
expect_code CAP_EXCEEDED grant H-001 0,01
out=$(ctl --json course show H-001)
[ "$(echo "$out" | json .granted)" = 5000000 ] || fail "granted: $out"
[ "$(echo "$out" | json .available)" = 5000000 ] || fail "available: $out"

expect_rc 0 spend H-001 49999,99 --category transport --voucher K-1
expect_code INSUFFICIENT_FUNDS spend H-001 0,02 --category transport --voucher K-2
expect_rc 0 spend H-001 0,01 --category transport --voucher K-3
expect_code INSUFFICIENT_FUNDS spend H-001 0,01 --category other --voucher K-4
out=$(ctl --json course show H-001)
[ "$(echo "$out" | json .available)" = 0 ] || fail "available: $out"
[ "$(echo "$out" | json .spent)" = 5000000 ] || fail "spent: $out"

# The pool holds 120.000 - 50.000 = 70.000 kr.: a second full course fits,
# a third gets only what is left.
expect_rc 0 course open H-002 --pool pilot --start "$start" --grant 50000
expect_code POOL_INSUFFICIENT course open H-003 --pool pilot --start "$start" --grant 20000,01
# The refused initial grant took the course with it: nothing was opened.
expect_code NOT_FOUND course show H-003
expect_rc 0 course open H-003 --pool pilot --start "$start" --grant 20000
out=$(ctl --json pool show pilot)
[ "$(echo "$out" | json .balance)" = 0 ] || fail "pool balance: $out"
[ "$(echo "$out" | json .granted)" = 12000000 ] || fail "pool granted: $out"
expect_code POOL_INSUFFICIENT grant H-003 0,01
expect_code BAD_REQUEST grant H-003 0
