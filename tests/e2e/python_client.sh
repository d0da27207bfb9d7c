# The wire format is not tied to protobuf-c: a client written with Google's
# protobuf runtime for Python, from the .proto compiled by protoc, drives
# the daemon (tests/python/client.py).
. tests/lib.sh
start_daemon
standard_pool
expect_rc 0 course open PY-1 --pool pilot --start "$(day '1 month ago')" --grant 1000
mkdir -p "$T/py"
protoc --proto_path=proto --python_out="$T/py" proto/borgerbudget.proto || fail "protoc"
$PY tests/python/client.py "$BUDGETD_SOCKET" "$T/py" || fail "python client"
ctl verify >/dev/null || fail "verify"
