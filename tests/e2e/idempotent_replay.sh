# Idempotency: the same id with the same content answers "exists" with the
# original seq and applies nothing; other content is ID_CONFLICT.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
id=6f1c7a52-9a0e-4c7b-8a39-0c55d5a0e001
out=$(ctl --json --id $id course open H-001 --pool pilot --start "$TODAY" --grant 20000) ||
    fail "open: $out"
[ "$(echo "$out" | json .status)" = ok ] || fail "status: $out"
first=$(echo "$out" | json .seq)
[ "$(echo "$out" | json .id)" = $id ] || fail "id: $out"
out=$(ctl --json --id $id course open H-001 --pool pilot --start "$TODAY" --grant 20000) ||
    fail "replay exit: $out"
[ "$(echo "$out" | json .status)" = exists ] || fail "replay: $out"
[ "$(echo "$out" | json .seq)" = "$first" ] || fail "replay seq: $out"
[ "$(echo "$out" | json .course)" = 1 ] || fail "replay course: $out"

sid=6f1c7a52-9a0e-4c7b-8a39-0c55d5a0e002
expect_rc 0 --id $sid spend H-001 500 --category other --voucher A-1 --date "$TODAY"
expect_rc 0 --id $sid spend H-001 500 --category other --voucher A-1 --date "$TODAY"
ctl --id $sid spend H-001 500 --category other --voucher A-1 --date "$TODAY" |
    grep -q "^findes allerede: købt, seq " || fail "human output does not say exists"
expect_code ID_CONFLICT --id $sid spend H-001 501 --category other --voucher A-1 --date "$TODAY"
expect_code ID_CONFLICT --id $sid grant H-001 500

out=$(ctl --json course show H-001)
[ "$(echo "$out" | json .spent)" = 50000 ] || fail "applied twice: $out"
[ "$(echo "$out" | json .granted)" = 2000000 ] || fail "granted: $out"
[ "$(ctl --json status | json .entries)" = 5 ] || fail "entries"

# A replay after a restart still finds the id.
stop_daemon
start_daemon
out=$(ctl --json --id $sid spend H-001 500 --category other --voucher A-1 --date "$TODAY")
[ "$(echo "$out" | json .status)" = exists ] || fail "after restart: $out"
expect_rc 2 --id not-a-uuid grant H-001 1
