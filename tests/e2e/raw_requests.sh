# Requests budgetctl never builds, as another protobuf client may send
# them, get a proper refusal or result, never INTERNAL. Each case is an
# input the request fuzzer found (tests/fuzz/corpus/request/crash-*).
. tests/lib.sh
start_daemon
standard_pool pilot 1000
protoc --python_out="$T" -I proto proto/borgerbudget.proto ||
    fail "protoc"

# ask TEXT: the Request in protobuf text format; prints each result as
# "CODE message", or the refusal of the whole request.
ask() {
	"$PY" - "$T" "$BUDGETD_SOCKET" "$1" <<'PYEOF'
import socket, struct, sys
sys.path.insert(0, sys.argv[1])
import borgerbudget_pb2 as pb
from google.protobuf import text_format
req = text_format.Parse(sys.argv[3], pb.Request()).SerializeToString()
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[2])
s.sendall(struct.pack(">I", len(req)) + req)
def read(n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            sys.exit("connection closed")
        b += c
    return b
resp = pb.Response()
resp.ParseFromString(read(struct.unpack(">I", read(4))[0]))
if not resp.results:
    print(pb.Code.Name(resp.code), resp.message)
for r in resp.results:
    print(pb.Code.Name(r.code), r.message)
PYEOF
}

# expect TEXT WANT...: the codes of the results, in order.
expect() {
	text=$1
	shift
	out=$(ask "$text") || fail "$text: no answer"
	got=$(echo "$out" | cut -d' ' -f1 | tr '\n' ' ')
	[ "$got" = "$* " ] || fail "$text: got $out; want $*"
}

ID='id: "0123456789abcdef"'
# A pool name that is no slug never reaches the store as a key: empty,
# or longer than LMDB takes keys.
long=$(printf 'p%.0s' $(seq 600))
expect 'ops { pool_show { pool: "" } }' BAD_REQUEST
expect "ops { pool_show { pool: \"$long\" } }" BAD_REQUEST
expect "ops { $ID pool_fund { pool: \"\" amount: 100 } }" BAD_REQUEST
expect "ops { $ID course_open { citizen: \"c9\" pool: \"$long\" } }" \
    BAD_REQUEST
# An atomic request of reads only: answered as any read.
expect 'ops { status {} } ops { pool_show { pool: "pilot" } } atomic: true' \
    OK OK
expect 'ops { status {} } ops { } atomic: true' BAD_REQUEST BAD_REQUEST

expect_rc 0 status
grep -q 'MDB_\|Invalid argument' "$LOG" && fail "store errors logged"
kill -0 "$DPID" || fail "budgetd died"
exit 0
