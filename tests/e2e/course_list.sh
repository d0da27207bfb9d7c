# course list: every course with the fields of course show plus overdue,
# filtered by pool and status, in pages the client follows. A course is
# overdue when it is open and its end + grace days have passed; the daemon
# closes such a course itself (reason ended) at the first turn that finds
# it, before it serves anyone, so a client sees overdue only where that
# close failed. The daemon runs under libfaketime (as in
# reservation_expiry.sh) so that a course's deadline passes between two
# starts.
. tests/lib.sh
. tests/fixtures/faketime.sh

# citizens FILTER...: the citizens budgetctl --json course list lists.
citizens() {
	out=$(ctl --json course list "$@") || fail "course list $*: $out"
	echo "$out" | jq -r '[.[] | .citizen] | join(" ")'
}

at "2027-02-20 12:00:00"
start_daemon
ctl pool create short --cap 50000 --months 1 --from 2027-01-01 --to 2028-12-31 \
    --grace 5 >/dev/null || fail "pool create short"
ctl pool create long --cap 50000 --months 12 --from 2027-01-01 --to 2028-12-31 \
    --grace 30 >/dev/null || fail "pool create long"
expect_rc 0 pool fund short 100000
expect_rc 0 pool fund long 100000
# OD-1 ends 2027-02-19: recorded until 2027-02-24, overdue from the 25th.
expect_rc 0 course open OD-1 --pool short --start 2027-01-20 --grant 1000
r1=$(ctl --json reserve OD-1 100 --category education | json .seq)
# EDGE-1 ends 2027-02-28 (30 January + 1 month): overdue from 6 March.
expect_rc 0 course open EDGE-1 --pool short --start 2027-01-30 --grant 2000
r2=$(ctl --json reserve EDGE-1 200 --category transport --note "Buskort" | json .seq)
expect_rc 0 course open OK-1 --pool long --start 2027-02-01 --grant 3000
# CL-1 is closed: never overdue, whatever its dates.
expect_rc 0 course open CL-1 --pool short --start 2027-01-25 --grant 500
expect_rc 0 course close CL-1 --reason withdrawn --date 2027-02-01
[ "$(citizens --status overdue)" = "" ] || fail "overdue before any deadline"
stop_daemon

# 5 March: OD-1's deadline has passed, so the daemon closed it; EDGE-1's
# deadline is today.
at "2027-03-05 12:00:00"
start_daemon
[ "$(citizens)" = "CL-1 EDGE-1 OD-1 OK-1" ] || fail "all: $(citizens)"
[ "$(citizens --status overdue)" = "" ] || fail "overdue: $(citizens --status overdue)"
[ "$(citizens --status open)" = "EDGE-1 OK-1" ] || fail "open: $(citizens --status open)"
[ "$(citizens --status closed)" = "CL-1 OD-1" ] || fail "closed: $(citizens --status closed)"
[ "$(citizens --pool short)" = "CL-1 EDGE-1 OD-1" ] || fail "short: $(citizens --pool short)"
[ "$(citizens --pool long)" = "OK-1" ] || fail "long: $(citizens --pool long)"
[ "$(citizens --pool short --status closed)" = "CL-1 OD-1" ] || fail "short closed"
[ "$(citizens --pool long --status overdue)" = "" ] || fail "long overdue"
[ "$(citizens --pool long --status closed)" = "" ] || fail "long closed"
ctl --json course list --pool long --status closed | jq -e '. == []' >/dev/null ||
    fail "an empty list is []: $(ctl --json course list --pool long --status closed)"
out=$(ctl --json course list)
echo "$out" | jq -e '[.[] | select(.overdue) | .citizen] == []' >/dev/null ||
    fail "overdue flags: $out"

# Each object: exactly course show's fields and values, plus overdue.
for c in CL-1 EDGE-1 OD-1 OK-1; do
	show=$(ctl --json course show "$c") || fail "course show $c"
	item=$(echo "$out" | jq -c ".[] | select(.citizen == \"$c\")")
	echo "$item" | jq -e --argjson show "$show" 'del(.overdue) == $show and
	    (keys - ["overdue"]) == ($show | keys) and has("overdue") and
	    (.overdue | type) == "boolean"' >/dev/null ||
	    fail "$c: list $item, show $show"
done
echo "$out" | jq -e '.[] | select(.citizen == "OD-1") | .status == "closed" and
    .close_reason == "ended" and .closed_on == "2027-03-05" and
    .end == "2027-02-19" and .grace == 5 and .granted == 100000' >/dev/null ||
    fail "OD-1: $out"

# The expired reservation of OD-1 is gone; EDGE-1's is still open.
ctl --json reservation list --citizen OD-1 | jq -e '. == []' >/dev/null ||
    fail "OD-1's reservation $r1 did not expire: $(ctl --json reservation list)"
ctl --json reservation list | jq -e "length == 1 and .[0].seq == $r2 and
    .[0].deadline == \"2027-03-05\"" >/dev/null ||
    fail "reservations: $(ctl --json reservation list)"

# Human output, Danish: the table, the closed marked, a count.
text=$(ctl course list) || fail "course list"
echo "$text" | head -n 1 | grep -q "^borger .*forløb .*pulje .*status .*frist .*til rådighed" ||
    fail "header: $text"
echo "$text" | grep "^OD-1 " | grep -q "lukket .*2027-02-24" ||
    fail "OD-1 row: $text"
echo "$text" | grep "^EDGE-1 " | grep -q "åben .*2027-03-05" || fail "EDGE-1 row: $text"
echo "$text" | grep -q "overskredet" && fail "an overdue row: $text"
echo "$text" | grep "^CL-1 " | grep -q "lukket" || fail "CL-1 row: $text"
echo "$text" | tail -n 1 | grep -q "^4 forløb$" || fail "count: $text"
stop_daemon

# Half an hour into 6 March, EDGE-1 is past its deadline too: closed.
at "2027-03-06 00:30:00"
start_daemon
[ "$(citizens --status overdue)" = "" ] || fail "overdue on 6 March: $(citizens --status overdue)"
[ "$(citizens --status closed)" = "CL-1 EDGE-1 OD-1" ] || fail "closed on 6 March: $(citizens --status closed)"

# Usage errors are found before anything is sent; refusals name the pool.
expect_rc 2 course list --status overdu
expect_rc 2 course list --status
expect_rc 2 course list OD-1
expect_rc 2 course list --citizen OD-1
expect_code NOT_FOUND course list --pool nowhere
expect_code BAD_REQUEST course list --pool "Not A Slug"
ctl help | grep -q "course list \[--pool POOL\] \[--status open|overdue|closed\]" ||
    fail "help: $(ctl help)"
stop_daemon
"$REAL_BUDGETD" verify --db "$DB" >/dev/null 2>&1 ||
    fail "offline verify: $("$REAL_BUDGETD" verify --db "$DB" 2>&1)"

# Pages: 1500 courses come in more than one page, and budgetctl follows
# them; a protobuf client follows next itself. (A database of its own,
# on today's clock.)
BUDGETD=$REAL_BUDGETD
DB=$T/db2
start_daemon
standard_pool pilot
mkdir -p "$T/py"
protoc --proto_path=proto --python_out="$T/py" proto/borgerbudget.proto || fail "protoc"
$PY - "$BUDGETD_SOCKET" "$T/py" "$(day '1 month ago')" <<'PY' || fail "pages"
import sys, uuid
sys.path[:0] = [sys.argv[2], "tests/python"]
import borgerbudget_pb2 as pb
from budgetd import Budgetd, check

call = Budgetd(sys.argv[1]).call

ops = [pb.Op(id=uuid.uuid4().bytes, course_open=pb.CourseOpen(
    citizen="P-%04d" % i, pool="pilot", start=sys.argv[3])) for i in range(1500)]
r = call(ops)
check(all(x.code == pb.OK for x in r.results), "course opens: %s" % r.results[0])

def pages(limit, **filters):
    got, start, n = [], b"", 0
    while True:
        r = call([pb.Op(course_list=pb.CourseList(start=start, limit=limit,
            **filters))]).results[0]
        check(r.code == pb.OK, "page: %s" % r)
        check(limit == 0 or len(r.course_list.courses) <= limit, "page too long")
        got += [c.course.citizen for c in r.course_list.courses]
        n += 1
        if not r.course_list.next:
            return got, n
        start = r.course_list.next

want = ["P-%04d" % i for i in range(1500)]
got, n = pages(0)
check(got == want and n == 2, "default pages: %d courses in %d pages" % (len(got), n))
got, n = pages(7)
check(got == want and n == 215, "pages of 7: %d courses in %d pages" % (len(got), n))
got, n = pages(100000, status="open")
check(got == want and n == 1, "a page of at most the daemon's maximum")
got, n = pages(3, status="closed")
check(got == [] and n == 1, "no closed course: %s" % got)
r = call([pb.Op(course_list=pb.CourseList(start=b"x" * 200))]).results[0]
check(r.code == pb.BAD_REQUEST, "a start no page can have: %s" % r)
r = call([pb.Op(course_list=pb.CourseList(status="late"))]).results[0]
check(r.code == pb.BAD_REQUEST, "an unknown status: %s" % r)
PY
n=$(ctl --json course list | jq length)
[ "$n" = 1500 ] || fail "budgetctl listed $n of 1500 courses"
ctl course list --status open | tail -n 1 | grep -q "^1500 forløb$" || fail "text count"
stop_daemon

# Roles: every role reads lists, a caller mapped to none is refused.
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$T"
	printf '[daemon]\nsocket_mode = 0666\n[roles]\nadmin = 0\nauditor = 60003\naccounting = 60002\n' \
	    >"$T/budgetd.conf"
	start_daemon -c "$T/budgetd.conf"
	for uid in 60002 60003; do
		out=$(setpriv --reuid=$uid --regid=$uid --clear-groups \
		    "$BUDGETCTL" --json course list --status open 2>&1) ||
		    fail "uid $uid: course list: $out"
		[ "$(echo "$out" | jq length)" = 1500 ] || fail "uid $uid: $out"
	done
	out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$BUDGETCTL" --json course list 2>&1); rc=$?
	[ $rc -eq 1 ] || fail "nobody: exit $rc: $out"
	echo "$out" | grep -q '"code":"PERMISSION_DENIED"' || fail "nobody: $out"
	stop_daemon
else
	echo "skipped: roles (switching uid needs root and setpriv)"
fi
