# With --json every error is JSON on stdout, not only the daemon's
# refusals: a usage error is {"status":"error","code":"BAD_REQUEST",...}
# with exit 2, an unreachable daemon (or one that answers garbage) is
# {"status":"error","code":"UNREACHABLE",...} with exit 3.
. tests/lib.sh

# json_error RC CODE args...: exit RC, one JSON error object on stdout.
json_error() {
	want_rc=$1 want_code=$2
	shift 2
	"$BUDGETCTL" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq "$want_rc" ] || fail "$*: exit $rc, want $want_rc; $(cat "$T/out" "$T/err")"
	jq -e --arg c "$want_code" '.status == "error" and .code == $c and
	    (.message | type == "string" and length > 0)' "$T/out" >/dev/null ||
	    fail "$*: stdout is not the JSON error $want_code: $(cat "$T/out")"
	[ "$(wc -l <"$T/out")" -eq 1 ] || fail "$*: more than one line: $(cat "$T/out")"
}

json_error 2 BAD_REQUEST --json frobnicate
json_error 2 BAD_REQUEST --json
json_error 2 BAD_REQUEST --json pool
json_error 2 BAD_REQUEST --json help nosuch
json_error 2 BAD_REQUEST --json grant H-001
json_error 2 BAD_REQUEST grant H-001 12,345 --json
json_error 2 BAD_REQUEST --json grant H-001 100 --nosuch x
json_error 2 BAD_REQUEST --json statement H-001 --from 2021-02-29
json_error 2 BAD_REQUEST --json --id not-a-uuid status
json_error 2 BAD_REQUEST --json -S
# The command's usage rides along.
json_error 2 BAD_REQUEST --json grant H-001
jq -e '.usage | startswith("budgetctl grant CITIZEN AMOUNT")' "$T/out" >/dev/null ||
    fail "no usage: $(cat "$T/out")"

# Nobody listens.
json_error 3 UNREACHABLE --json -S "$T/nobody.sock" status
json_error 3 UNREACHABLE -S "$T/nobody.sock" pool show p --json
# A peer that answers garbage.
perl -MIO::Socket::UNIX -e '
	my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0],
	    Listen => 1) or die;
	while (my $c = $s->accept) { sysread($c, my $b, 65536);
	    syswrite($c, "\x00\x00\x00\x05garbage"); close $c }' \
	    "$T/garbage.sock" &
HELPERS=$!
i=0
until [ -S "$T/garbage.sock" ]; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "the garbage peer did not start"
	sleep 0.05
done
json_error 3 UNREACHABLE --json -S "$T/garbage.sock" status

# Without --json the same errors stay on stderr, stdout empty.
"$BUDGETCTL" -S "$T/nobody.sock" status >"$T/out" 2>"$T/err"
[ $? -eq 3 ] && [ ! -s "$T/out" ] && grep -q nobody.sock "$T/err" ||
    fail "text unreachable: $(cat "$T/out" "$T/err")"
