# budgetctl export --format ledger of a real journal, read by hledger: it
# carries balance assertions, hledger checks it without errors, the
# balances hledger computes are the daemon's, and a changed amount breaks
# the assertions.
. tests/lib.sh
. tests/fixtures/export_journal.sh
start_daemon
export_journal

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
