# A numeric user or group id in [roles] that no uid_t holds is refused
# with its line: before, 2^32 + 1000 was cut to 1000 and gave that user
# the role.
. tests/lib.sh

me=$(id -u)
wrapped=$((4294967296 + me))
for member in "$wrapped" "@$wrapped" 99999999999999999999999; do
	printf '[roles]\nadmin = %s\nauditor = %s\n' "$me" "$member" \
	    >"$T/r.conf"
	if "$BUDGETD" -n -c "$T/r.conf" >"$T/out" 2>&1; then
		fail "accepted auditor = $member"
	fi
	grep -q "r.conf:3: auditor: ikke et bruger- eller gruppe-id" "$T/out" ||
	    fail "line not named: $(cat "$T/out")"
done

# Ids that fit still map: the user running the daemon by number.
printf '[roles]\nadmin = %s\n' "$me" >"$T/r.conf"
start_daemon -c "$T/r.conf"
expect_rc 0 pool list
exit 0
