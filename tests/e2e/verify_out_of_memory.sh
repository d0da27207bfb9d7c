# Running out of memory while replaying the journal is a verdict, never a
# crash: budgetd verify --db under ever larger limits of its address space
# exits 1 with a message (the replay's, or another allocation's) until it
# has room, then verifies. AddressSanitizer reserves terabytes of shadow
# memory, so the scenario runs on the plain build only.
. tests/lib.sh
case $B in
*asan*)	echo "skipped: an address-space limit under AddressSanitizer"; exit 0 ;;
esac
command -v prlimit >/dev/null || { echo "skipped: prlimit missing"; exit 0; }

# A small map, so the limits scanned lie just above it.
printf '[daemon]\nmap_size = 64M\n' >"$T/small.conf"
start_daemon -c "$T/small.conf"
standard_pool pilot
mkdir -p "$T/py"
protoc --proto_path=proto --python_out="$T/py" proto/borgerbudget.proto || fail "protoc"
$PY - "$BUDGETD_SOCKET" "$T/py" "$(day '1 month ago')" <<'PY' || fail "course opens"
import sys, uuid
sys.path[:0] = [sys.argv[2], "tests/python"]
import borgerbudget_pb2 as pb
from budgetd import Budgetd
d = Budgetd(sys.argv[1])
for k in range(4):
    ops = [pb.Op(id=uuid.uuid4().bytes, course_open=pb.CourseOpen(
        citizen="M-%d-%04d" % (k, i), pool="pilot", start=sys.argv[3],
        grant=100)) for i in range(2500)]
    r = d.call(ops)
    if any(x.code != pb.OK for x in r.results):
        raise SystemExit("refused: %s" % r.results[0])
PY
key=$(ctl checkpoint --verifier-key)
stop_daemon

replay_oom=0
verified=0
mb=64
while [ $mb -le 400 ] && [ $verified -eq 0 ]; do
	prlimit --as=$((mb * 1024 * 1024)) "$BUDGETD" verify --db "$DB" \
	    --key "$key" >"$T/out" 2>&1
	rc=$?
	case $rc in
	0)	verified=1 ;;
	1)	grep -q "FEJL:" "$T/out" || fail "$mb MiB: exit 1 without a verdict: $(cat "$T/out")"
		grep -q "genafspilningen løb tør for hukommelse" "$T/out" &&
		    replay_oom=$((replay_oom + 1)) ;;
	*)	fail "$mb MiB: exit $rc (a crash?): $(cat "$T/out")" ;;
	esac
	mb=$((mb + 1))
done
[ $verified -eq 1 ] || fail "never verified up to 400 MiB: $(cat "$T/out")"
[ $replay_oom -gt 0 ] || fail "no limit made the replay itself run out of memory"
"$BUDGETD" verify --db "$DB" --key "$key" >/dev/null || fail "unlimited verify"
