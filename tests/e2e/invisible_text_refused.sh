# Bidirectional controls and other invisible format characters in notes,
# vouchers, reasons and pool names are refused by the daemon
# (BAD_REQUEST), the message names the character, and nothing is
# written: a voucher "INV-42" must read the same in audit as in the file.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" \
    --grant 20000
expect_rc 0 spend H-1 100 --category other --voucher INV-1 --note "Bog"
entries=$(ctl --json status | json .entries)

# refused U+XXXX command...: BAD_REQUEST naming U+XXXX, ledger unchanged.
refused() {
	cp=$1
	shift
	out=$("$BUDGETCTL" --json "$@" 2>&1)
	rc=$?
	[ $rc -eq 1 ] || fail "$*: exit $rc, want 1; output: $out"
	[ "$(echo "$out" | jq -r .code)" = BAD_REQUEST ] || fail "$*: $out"
	echo "$out" | jq -r .message | grep -q "$cp" ||
	    fail "$*: the message does not name $cp: $out"
	[ "$(ctl --json status | json .entries)" = "$entries" ] ||
	    fail "$*: the ledger changed"
}

rlo=$(printf '\342\200\256')	# U+202E RIGHT-TO-LEFT OVERRIDE
refused U+202E spend H-1 100 --category other --voucher INV-2 \
    --note "faktura ${rlo}fdp.exe"
refused U+202E spend H-1 100 --category other --voucher "INV-${rlo}24"
refused U+2066 pool create other --cap 50000 --months 12 \
    --from "$(day '1 year ago')" --to "$(day '1 year')" \
    --name "$(printf 'Pulje \342\201\246x')"
refused U+200B grant H-1 100 --note "$(printf 'til\342\200\213bage')"
refused U+FEFF pool fund pilot 100 --note "$(printf '\357\273\277stat')"
refused U+00AD reverse 4 --reason "$(printf 'fejl\302\255bogf\303\270rt')"
refused U+2028 reserve H-1 100 --category other \
    --note "$(printf 'linje\342\200\250to')"

# What people write still goes in.
expect_rc 0 spend H-1 100 --category other --voucher "INV-3 (æøå)" \
    --note "Tandlæge – før moms: 80 kr. 🙂"
ctl audit H-1 | grep -q 'INV-3 (æøå)' || fail "audit: $(ctl audit H-1)"
