# A configuration line longer than libinih reads at once is refused, with
# its line: before, its tail was parsed as a line of its own, so a long
# comment could end in a key that granted a role. A NUL byte, which would
# cut a line short, is refused the same way.
. tests/lib.sh

x199=$(head -c 198 /dev/zero | tr '\0' x)
refused() {
	if "$BUDGETD" -n -c "$T/c.conf" >"$T/out" 2>&1; then
		fail "accepted: $(head -c 300 "$T/c.conf")"
	fi
	grep -q "c.conf:$1: $2" "$T/out" || fail "want line $1, $2: $(cat "$T/out")"
}
# The comment's tail, past 199 bytes, reads "admin = 4242".
printf '[roles]\n#%sadmin = 4242\ncaseworker = root\n' "$x199" >"$T/c.conf"
refused 2 'linjen er længere end 199 byte'
# A role list too long for one line is refused, not cut.
printf '[roles]\ncaseworker = ' >"$T/c.conf"
for i in $(seq 1 60); do printf 'user%02d, ' "$i"; done >>"$T/c.conf"
printf 'root\n' >>"$T/c.conf"
refused 2 'linjen er længere end 199 byte'
printf '[roles]\n# a comment\0admin = 4242\n' >"$T/c.conf"
refused 2 'en NUL-byte'

# Lines up to the limit still serve, also without a final newline.
printf '[roles]\n#%s\ncaseworker = root' "$x199" >"$T/c.conf"
"$BUDGETD" -n -c "$T/c.conf" >"$T/out" 2>&1 || fail "199 bytes: $(cat "$T/out")"
"$BUDGETD" -n -c conf/budgetd.conf >"$T/out" 2>&1 || fail "example: $(cat "$T/out")"
exit 0
