# budgetctl export --format ledger of a real journal, read by ledger-cli:
# it reads it without errors or warnings (its balance assertions holding),
# and the balances it computes are the daemon's.
. tests/lib.sh
. tests/fixtures/export_journal.sh
start_daemon
export_journal

ctl export --since 0 --format ledger >"$T/all.ledger" || fail "export ledger"
ledger -f "$T/all.ledger" --pedantic bal >/dev/null 2>"$T/lerr" ||
    ledger -f "$T/all.ledger" bal >/dev/null 2>"$T/lerr" || fail "ledger: $(cat "$T/lerr")"
if [ -s "$T/lerr" ]; then fail "ledger warned: $(cat "$T/lerr")"; fi
bal() { # account -> balance in øre
	v=$(ledger -f "$T/all.ledger" bal "^$1\$" --format '%(quantity(scrub(display_total)))\n' |
	    tail -n 1)
	v=$(echo "$v" | sed 's/DKK//; s/ //g')
	[ -n "$v" ] || v=0
	echo "$v * 100 / 1" | bc
}
for c in H-001 H-002; do
	want=$(ctl --json course show $c | json .available)
	got=$(bal "budget:$c:1")
	[ "$got" = "$want" ] || fail "ledger budget:$c:1 = $got, daemon $want"
	want=$(ctl --json course show $c | json .reserved)
	got=$(bal "reserved:$c:1")
	[ "$got" = "$want" ] || fail "ledger reserved:$c:1 = $got, daemon $want"
done
for p in pilot other; do
	want=$(ctl --json pool show $p | json .balance)
	got=$(bal "pool:$p")
	[ "$got" = "$want" ] || fail "ledger pool:$p = $got, daemon $want"
done
