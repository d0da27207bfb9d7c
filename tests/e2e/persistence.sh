# Acknowledged writes survive SIGTERM and kill -9; seq goes on without a gap.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$TODAY" --grant 30000
expect_rc 0 spend H-001 1000 --category other --voucher A
stop_daemon
grep -q stoppet "$LOG" || fail "no clean stop in the log"
start_daemon
[ "$(ctl --json course show H-001 | json .available)" = 2900000 ] ||
    fail "lost after SIGTERM"

i=0
while [ $i -lt 20 ]; do
	expect_rc 0 spend H-001 10 --category other --voucher "B-$i"
	i=$((i + 1))
done
kill_daemon
start_daemon
[ "$(ctl --json course show H-001 | json .spent)" = 120000 ] ||
    fail "lost after kill -9"
expect_rc 0 spend H-001 10 --category other --voucher C
ctl export --since 0 >"$T/all.jsonl" || fail "export"
[ "$(jq -s 'map(.seq) == [range(1; 27)]' "$T/all.jsonl")" = true ] ||
    fail "seq has a gap: $(jq -c .seq "$T/all.jsonl" | tr '\n' ' ')"
