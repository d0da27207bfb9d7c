# The drawing right is the citizen's, not the course's: across all of a
# citizen's courses in one pool, what was granted minus what went back to
# the pool (reversed grants, closing remainders) never exceeds the pool's
# cap. A citizen whose course closed gets no fresh 50.000 kr.
. tests/lib.sh
start_daemon

standard_pool pilot 500000
expect_rc 0 course open H-001 --pool pilot --start "$(day '6 months ago')" --grant 50000
expect_rc 0 spend H-001 30000 --category education --voucher K-1 --date "$(day '4 months ago')"
g=$(ctl --json grant H-001 0,01 --date "$(day '4 months ago')")
case $g in *CAP_EXCEEDED*) ;; *) fail "a grant over the cap: $g" ;; esac
expect_rc 0 course close H-001 --reason moved --date "$(day '3 months ago')"
before=$(ctl --json status | json .entries)
pool_before=$(ctl --json pool show pilot)

# 30.000 kr. are held (spent); 20.000 kr. went back to the pool.
start2=$(day '2 months ago')
for grant in 50000 20000,01; do
	expect_code CAP_EXCEEDED course open H-001 --pool pilot --start "$start2" --grant "$grant"
	case $out in
	*"trækningsretten i puljen pilot på 50.000,00 kr. pr. borger: H-001 har allerede 30.000,00 kr."*) ;;
	*) fail "the message does not name the cap and what is held: $out" ;;
	esac
done
[ "$(ctl --json status | json .entries)" = "$before" ] || fail "entries appended"
[ "$(ctl --json pool show pilot)" = "$pool_before" ] || fail "the pool changed"

out=$(ctl --json course open H-001 --pool pilot --start "$start2" --grant 15000) ||
    fail "course 2: $out"
show=$(ctl --json course show H-001)
echo "$show" | jq -e '.course == 2 and .cap == 2000000 and .granted == 1500000' \
    >/dev/null || fail "course 2: $show"
expect_code CAP_EXCEEDED grant H-001 5000,01
expect_rc 0 grant H-001 5000 --date "$start2"
expect_code CAP_EXCEEDED grant H-001 0,01
balanced H-001

# What went back to the pool is the citizen's again: course 3 gets
# 50.000 - 30.000 - 1.000 kr.
expect_rc 0 spend H-001 1000 --category other --voucher K-2 --date "$(day '1 month ago')"
expect_rc 0 course close H-001 --reason ended --date "$(day '1 month ago')"
expect_rc 0 course open H-001 --pool pilot --start "$(day '20 days ago')"
[ "$(ctl --json course show H-001 | json .cap)" = 1900000 ] ||
    fail "course 3: $(ctl --json course show H-001)"
balanced H-001

# Everything spent: no further course in this pool, any course in another.
expect_rc 0 course open H-002 --pool pilot --start "$(day '6 months ago')" --grant 50000
expect_rc 0 spend H-002 50000 --category housing --voucher B-1 --date "$(day '5 months ago')"
expect_rc 0 course close H-002 --reason ended --date "$(day '5 months ago')"
expect_code CAP_EXCEEDED course open H-002 --pool pilot --start "$(day '4 months ago')"
case $out in
*"trækningsretten i puljen pilot er 50.000,00 kr. pr. borger, og H-002 har allerede 50.000,00 kr."*) ;;
*) fail "message: $out" ;;
esac
standard_pool other 100000
expect_rc 0 course open H-002 --pool other --start "$(day '4 months ago')" --grant 50000
balanced H-002

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 ||
    fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
exit 0
