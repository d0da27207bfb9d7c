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
import socket, struct, sys, uuid
sys.path.insert(0, sys.argv[2])
import borgerbudget_pb2 as pb
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
def read(n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise SystemExit("budgetd closed the connection")
        buf += chunk
    return buf
for k in range(4):
    ops = [pb.Op(id=uuid.uuid4().bytes, course_open=pb.CourseOpen(
        citizen="M-%d-%04d" % (k, i), pool="pilot", start=sys.argv[3],
        grant=100)) for i in range(2500)]
    body = pb.Request(ops=ops).SerializeToString()
    s.sendall(struct.pack(">I", len(body)) + body)
    r = pb.Response()
    r.ParseFromString(read(struct.unpack(">I", read(4))[0]))
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
	1)	grep -q "FAILED" "$T/out" || fail "$mb MiB: exit 1 without a verdict: $(cat "$T/out")"
		grep -q "the replay ran out of memory" "$T/out" &&
		    replay_oom=$((replay_oom + 1)) ;;
	*)	fail "$mb MiB: exit $rc (a crash?): $(cat "$T/out")" ;;
	esac
	mb=$((mb + 1))
done
[ $verified -eq 1 ] || fail "never verified up to 400 MiB: $(cat "$T/out")"
[ $replay_oom -gt 0 ] || fail "no limit made the replay itself run out of memory"
"$BUDGETD" verify --db "$DB" --key "$key" >/dev/null || fail "unlimited verify"
