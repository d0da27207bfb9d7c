# budgetctl export --format ledger of a real journal, read by hledger: it
# carries balance assertions, hledger checks it without errors, the
# balances hledger computes are the daemon's, and a changed amount breaks
# the assertions.
. tests/lib.sh
start_daemon
# A journal of every kind of entry over two pools: spends (a note with
# quotes, commas and æøå, a voucher with a semicolon, VAT), a capture, a
# refund, a reversal, an open reservation, a closed course.
standard_pool pilot 200000
standard_pool other 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '2 months ago')" --grant 30000
expect_rc 0 course open H-002 --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-003 --pool other --start "$(day '1 month ago')" --grant 10000
expect_rc 0 spend H-001 4.999,95 --category housing --voucher "JYSK;7" \
    --note 'Sofa, "grå", 3 pers. — æøå' --date "$(day '40 days ago')"
expect_rc 0 spend H-001 1200 --category education --voucher E-1 --vat 240
expect_rc 0 spend H-002 800 --category education --voucher E-2
expect_rc 0 spend H-003 300 --category education --voucher E-3
r=$(ctl --json reserve H-002 2000 --category transport | json .seq)
expect_rc 0 capture "$r" 1750 --voucher T-1
expect_rc 0 refund H-001 999,95 --category housing --voucher K-1
bad=$(ctl --json spend H-002 100 --category leisure --voucher L-1 | json .seq)
expect_rc 0 reverse "$bad" --reason "Forkert borger"
expect_rc 0 reserve H-001 500 --category health
expect_rc 0 course close H-003 --reason moved

ctl export --since 0 --format ledger >"$T/all.ledger" || fail "export ledger"
grep -q ' = DKK ' "$T/all.ledger" || fail "no balance assertions"
hledger -f "$T/all.ledger" check >/dev/null 2>"$T/herr" || fail "hledger: $(cat "$T/herr")"
bal() { # account -> balance in øre
	v=$(hledger -f "$T/all.ledger" bal "^$1\$" -N --no-elide -O csv |
	    tail -n 1 | cut -d, -f2 | tr -d '"')
	v=$(echo "$v" | sed 's/DKK//; s/ //g')
	[ -n "$v" ] || v=0
	echo "$v * 100 / 1" | bc
}
for c in H-001 H-002; do
	want=$(ctl --json course show $c | json .available)
	got=$(bal "budget:$c:1")
	[ "$got" = "$want" ] || fail "hledger budget:$c:1 = $got, daemon $want"
	want=$(ctl --json course show $c | json .reserved)
	got=$(bal "reserved:$c:1")
	[ "$got" = "$want" ] || fail "hledger reserved:$c:1 = $got, daemon $want"
done
for p in pilot other; do
	want=$(ctl --json pool show $p | json .balance)
	got=$(bal "pool:$p")
	[ "$got" = "$want" ] || fail "hledger pool:$p = $got, daemon $want"
done
# A broken journal is caught by the assertions: change one amount.
sed '0,/DKK 4999.95 =/s//DKK 4999.96 =/' "$T/all.ledger" >"$T/bad.ledger"
if hledger -f "$T/bad.ledger" check >/dev/null 2>&1; then
	fail "hledger accepted a changed amount"
fi
