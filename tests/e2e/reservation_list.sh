# reservation list: every open reservation (not captured, released or
# expired) with its course's pool and deadline, filtered by citizen and
# pool, in pages the client follows.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
ctl pool create other --cap 20000 --months 6 --from "$(day '1 year ago')" \
    --to "$(day '1 year')" --grace 10 >/dev/null || fail "pool create other"
expect_rc 0 pool fund other 50000

expect_rc 0 course open H-1 --pool pilot --start "$(day '2 months ago')" --grant 10000
expect_rc 0 course open H-2 --pool other --start "$(day '1 month ago')" --grant 5000
expect_rc 0 course open H-3 --pool pilot --start "$(day '3 months ago')" --grant 5000
# H-4's first course was closed early; its reservations are on course 2.
expect_rc 0 course open H-4 --pool pilot --start "$(day '6 months ago')" --grant 1000
expect_rc 0 course close H-4 --reason ended --date "$(day '5 months ago')"
expect_rc 0 course open H-4 --pool pilot --start "$(day '4 months ago')" --grant 1000

ctl --json reservation list | jq -e '. == []' >/dev/null ||
    fail "no reservation yet: $(ctl --json reservation list)"
ctl reservation list | tail -n 1 | grep -q "^0 åbne reservationer" ||
    fail "empty text: $(ctl reservation list)"

a=$(ctl --json reserve H-1 3000 --category education --note "Kørekort, teori" | json .seq)
b=$(ctl --json reserve H-1 250,50 --category transport | json .seq)
c=$(ctl --json reserve H-2 400 --category electronics --note "Printer" | json .seq)
d=$(ctl --json reserve H-3 100 --category health | json .seq)
e=$(ctl --json reserve H-3 200 --category health | json .seq)
f=$(ctl --json reserve H-4 300 --category leisure | json .seq)
# Settled ones are not listed: a capture, a release.
expect_rc 0 capture "$d" 50 --voucher INV-1
expect_rc 0 release "$e"

# seqs FILTER...: the seqs budgetctl --json reservation list lists, sorted.
seqs() {
	out=$(ctl --json reservation list "$@") || fail "reservation list $*: $out"
	echo "$out" | jq -r '[.[] | .seq] | sort | map(tostring) | join(" ")'
}
[ "$(seqs)" = "$a $b $c $f" ] || fail "all: $(seqs)"
[ "$(seqs --citizen H-1)" = "$a $b" ] || fail "H-1: $(seqs --citizen H-1)"
[ "$(seqs --citizen H-2)" = "$c" ] || fail "H-2: $(seqs --citizen H-2)"
[ "$(seqs --citizen H-3)" = "" ] || fail "H-3: $(seqs --citizen H-3)"
[ "$(seqs --citizen H-4)" = "$f" ] || fail "H-4: $(seqs --citizen H-4)"
[ "$(seqs --pool pilot)" = "$a $b $f" ] || fail "pilot: $(seqs --pool pilot)"
[ "$(seqs --pool other)" = "$c" ] || fail "other: $(seqs --pool other)"
[ "$(seqs --citizen H-1 --pool pilot)" = "$a $b" ] || fail "H-1 in pilot"
[ "$(seqs --citizen H-1 --pool other)" = "" ] || fail "H-1 in other"

# The fields, exactly; the deadline is the course's end + grace days.
out=$(ctl --json reservation list --citizen H-1)
end=$(ctl --json course show H-1 | json .end)
deadline=$(TZ=Europe/Copenhagen date -d "$end + 30 days" +%F)
echo "$out" | jq -e --arg today "$TODAY" --arg deadline "$deadline" \
    ".[] | select(.seq == $a) | keys == [\"amount\", \"category\", \"citizen\",
    \"course\", \"deadline\", \"note\", \"pool\", \"seq\", \"value_date\"] and
    .citizen == \"H-1\" and .course == 1 and .pool == \"pilot\" and
    .category == \"education\" and .amount == 300000 and
    .deadline == \$deadline and .value_date == \$today and
    .note == \"Kørekort, teori\"" >/dev/null || fail "fields of $a: $out"
echo "$out" | jq -e ".[] | select(.seq == $b) | .amount == 25050 and .note == \"\"" \
    >/dev/null || fail "fields of $b: $out"
ctl --json reservation list --citizen H-4 | jq -e '.[0].course == 2' >/dev/null ||
    fail "H-4's course: $(ctl --json reservation list --citizen H-4)"
# In order of deadline: H-2's course (6 months, 10 days' grace) ends first.
ctl --json reservation list | jq -e ".[0].seq == $c" >/dev/null ||
    fail "order: $(ctl --json reservation list)"

# Human output, Danish: a table, and how many hold how much.
text=$(ctl reservation list) || fail "reservation list"
echo "$text" | head -n 1 | grep -q "seq .*borger .*pulje .*kategori .*beløb .*frist .*note" ||
    fail "header: $text"
echo "$text" | grep -q "^ *$a  H-1 .*pilot .*education .*3.000,00 kr\..*Kørekort, teori$" ||
    fail "row of $a: $text"
echo "$text" | tail -n 1 | grep -q "^4 åbne reservationer, i alt 3.950,50 kr\.$" ||
    fail "total: $text"
ctl reservation list --citizen H-2 | tail -n 1 | grep -q "^1 åben reservation, 400,00 kr\.$" ||
    fail "one: $(ctl reservation list --citizen H-2)"

# A course closed releases its reservations: no longer listed.
expect_rc 0 course close H-2 --reason moved
[ "$(seqs --pool other)" = "" ] || fail "after close: $(seqs --pool other)"

# Refusals and usage errors.
expect_code NOT_FOUND reservation list --citizen H-99
expect_code NOT_FOUND reservation list --pool nowhere
expect_code CPR_NOT_ALLOWED reservation list --citizen 010190-1234
expect_code BAD_REQUEST reservation list --citizen "not valid!"
expect_rc 2 reservation list H-1
expect_rc 2 reservation list --status open
expect_rc 2 reservation list --citizen
ctl help | grep -q "reservation list \[--citizen CITIZEN\] \[--pool POOL\]" ||
    fail "help: $(ctl help)"

# Pages: a protobuf client follows next one reservation at a time and gets
# what one page holds, in the same order.
for i in 1 2 3 4 5 6 7 8; do
	expect_rc 0 reserve H-3 1 --category other
done
mkdir -p "$T/py"
protoc --proto_path=proto --python_out="$T/py" proto/borgerbudget.proto || fail "protoc"
$PY - "$BUDGETD_SOCKET" "$T/py" <<'PY' || fail "pages"
import sys
sys.path[:0] = [sys.argv[2], "tests/python"]
import borgerbudget_pb2 as pb
from budgetd import Budgetd, check

call = Budgetd(sys.argv[1]).call

def pages(limit, **filters):
    got, start, n = [], b"", 0
    while True:
        r = call([pb.Op(reservation_list=pb.ReservationList(start=start,
            limit=limit, **filters))]).results[0]
        check(r.code == pb.OK, "page: %s" % r)
        check(len(r.reservation_list.reservations) <= limit, "page too long")
        got += [x.seq for x in r.reservation_list.reservations]
        n += 1
        if not r.reservation_list.next:
            return got, n
        start = r.reservation_list.next

whole = call([pb.Op(reservation_list=pb.ReservationList())]).results[0]
check(not whole.reservation_list.next, "one page holds them all")
want = [x.seq for x in whole.reservation_list.reservations]
check(len(want) == 11, "11 open: %s" % want)
for limit in (1, 2, 3, 11, 12):
    got, n = pages(limit)
    check(got == want and n == (len(want) + limit - 1) // limit,
        "pages of %d: %s in %d" % (limit, got, n))
    mine = [x.seq for x in whole.reservation_list.reservations
        if x.citizen == "H-3"]
    got, n = pages(limit, citizen="H-3")
    check(got == mine and len(mine) == 8, "H-3 in pages of %d: %s" % (limit, got))
    got, n = pages(limit, pool="pilot", citizen="H-1")
    check(len(got) == 2, "H-1 in pilot in pages of %d: %s" % (limit, got))
r = call([pb.Op(reservation_list=pb.ReservationList(start=b"x" * 200))]).results[0]
check(r.code == pb.BAD_REQUEST, "a start no page can have: %s" % r)
PY
[ "$(ctl --json reservation list | jq length)" = 11 ] || fail "budgetctl: $(ctl --json reservation list)"
balanced H-3

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
