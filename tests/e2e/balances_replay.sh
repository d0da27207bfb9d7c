# The balances the daemon keeps equal a replay of its journal: for every
# account, debits minus credits over the export; and all accounts sum to 0.
. tests/lib.sh
start_daemon
standard_pool pilot 200000
standard_pool other 60000
for c in A B C; do
	expect_rc 0 course open "H-$c" --pool pilot --start "$(day '2 months ago')" --grant 30000
done
expect_rc 0 course open H-D --pool other --start "$(day '1 month ago')" --grant 50000
expect_rc 0 grant H-A 20000
expect_rc 0 spend H-A 12.345,67 --category transport --voucher A1
expect_rc 0 spend H-B 999,99 --category health --voucher B1
s=$(ctl --json spend H-B 100 --category health --voucher B2 | json .seq)
expect_rc 0 reverse "$s" --reason "fejl"
g=$(ctl --json grant H-C 500 | json .seq)
expect_rc 0 reverse "$g" --reason "fejl"
expect_rc 0 spend H-D 50000 --category education --voucher D1
expect_rc 0 course close H-C --reason withdrawn
expect_rc 0 course close H-B --reason ended
f=$(ctl --json pool fund pilot 10 | json .seq)
expect_rc 0 reverse "$f" --reason "fejl"

ctl export --since 0 | jq -s '
    [.[] | select(.amount > 0) | {a: .debit, v: .amount}, {a: .credit, v: -.amount}]
    | group_by(.a) | map({key: .[0].a, value: (map(.v) | add)}) | from_entries' \
    >"$T/replay.json" || fail "replay"
[ "$(jq '[.[]] | add' "$T/replay.json")" = 0 ] || fail "accounts do not sum to zero"
for c in A B C; do
	want=$(jq ".\"budget:H-$c:1\"" "$T/replay.json")
	got=$(ctl --json course show "H-$c" | json .available)
	[ "$got" = "$want" ] || fail "H-$c: kept $got, replayed $want"
done
[ "$(ctl --json course show H-D | json .available)" = "$(jq '."budget:H-D:1"' "$T/replay.json")" ] ||
    fail "H-D"
for p in pilot other; do
	want=$(jq ".\"pool:$p\"" "$T/replay.json")
	got=$(ctl --json pool show "$p" | json .balance)
	[ "$got" = "$want" ] || fail "pool $p: kept $got, replayed $want"
	[ "$(ctl --json pool show "$p" | json .funded)" = "$(jq "-.\"funding:$p\"" "$T/replay.json")" ] ||
	    fail "pool $p funded"
done
[ "$(jq '."expense:health"' "$T/replay.json")" = 99999 ] || fail "expense:health"
