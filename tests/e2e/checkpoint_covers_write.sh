# A checkpoint or a proof asked for right after a write covers it: the
# turn that answers signs the tree first when entries are unsigned (the
# schedule signs at most every 100 ms, and these writes come faster).
. tests/lib.sh
start_daemon
standard_pool pilot 1000000
expect_rc 0 course open H-1 --pool pilot --start "$TODAY" --grant 1000
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	seq=$(ctl --json spend H-1 1 --category other --voucher "V$i" |
	    json .seq) || fail "spend $i"
	if [ $((i % 2)) = 1 ]; then
		size=$(ctl --json checkpoint | json .size) || fail "checkpoint"
		[ "$size" = "$seq" ] ||
		    fail "checkpoint of $size entries after entry $seq"
	else
		ctl --json proof "$seq" >"$T/proof" || fail "proof $seq"
		jq -e --argjson s "$seq" '.seq == $s and .tree_size == $s and
		    (.checkpoint | split("\n")[1] == ($s | tostring))' \
		    "$T/proof" >/dev/null || fail "proof of $seq: $(cat "$T/proof")"
	fi
done
# Consistency to the newest size is of a signed tree too.
n=$(ctl --json status | json .entries)
expect_rc 0 spend H-1 1 --category other --voucher W
ctl --json consistency "$n" $((n + 1)) >/dev/null || fail "consistency"
[ "$(ctl --json checkpoint | json .size)" = $((n + 1)) ] ||
    fail "the newest size was not signed"
# A verification right after a write is of a signed tree: its verdict
# tells of no unsigned tail.
expect_rc 0 spend H-1 1 --category other --voucher V
out=$(ctl verify) || fail "verify: $out"
case $out in
*"ikke signeret endnu"*) fail "verify after a write: $out" ;;
esac
