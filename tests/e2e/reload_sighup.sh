# SIGHUP reloads roles, categories and accounts without dropping a
# connection: a caller's open connection gets its new role; a file with an
# error is refused with a log line and the configuration in effect stays.
. tests/lib.sh
command -v setpriv >/dev/null || { echo "skipped: setpriv missing"; exit 0; }
[ "$(id -u)" -eq 0 ] || { echo "skipped: switching uid needs root"; exit 0; }
chmod 755 "$T"
conf() {
	printf '[daemon]\nsocket_mode = 0666\n[roles]\nadmin = root\n%s\n[categories]\nother = Andet\n%s\n' \
	    "$1" "$2" >"$T/budgetd.conf"
}
conf "" ""
start_daemon -c "$T/budgetd.conf"
standard_pool pilot 1000
expect_rc 0 course open R-1 --pool pilot --start "$TODAY" --grant 100
expect_code UNKNOWN_CATEGORY spend R-1 1 --category bicycles --voucher B-1

# nobody holds one connection open across the reload.
cat >"$T/held.py" <<'PY'
import os, socket, struct, sys, time
sys.path.insert(0, sys.argv[2])
import borgerbudget_pb2 as pb
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
def status():
    b = pb.Request(ops=[pb.Op(status=pb.Status())]).SerializeToString()
    s.sendall(struct.pack(">I", len(b)) + b)
    n = struct.unpack(">I", s.recv(4, socket.MSG_WAITALL))[0]
    r = pb.Response(); r.ParseFromString(s.recv(n, socket.MSG_WAITALL))
    return r.results[0].code
print("before", pb.Code.Name(status()), flush=True)
while not os.path.exists(sys.argv[3]):
    time.sleep(0.05)
print("after", pb.Code.Name(status()), flush=True)
PY
mkdir -p "$T/py" && chmod 755 "$T/py"
protoc --proto_path=proto --python_out="$T/py" proto/borgerbudget.proto || fail "protoc"
chmod 644 "$T/held.py" "$T/py/borgerbudget_pb2.py"
setpriv --reuid=nobody --regid=nogroup --clear-groups \
    $PY "$T/held.py" "$BUDGETD_SOCKET" "$T/py" "$T/reloaded" >"$T/held.out" 2>&1 &
held=$!
HELPERS="$held"
i=0
until grep -q before "$T/held.out"; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "held connection: $(cat "$T/held.out")"; sleep 0.05
done
grep -q "before PERMISSION_DENIED" "$T/held.out" || fail "nobody had a role: $(cat "$T/held.out")"

# A file with an error: refused, logged, nothing changes.
printf '[roles]\nauditor = nobody\nsuperuser = nobody\n' >"$T/budgetd.conf"
kill -HUP "$DPID"
i=0
until grep -q "SIGHUP: .* har en fejl" "$LOG"; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "no log line for a bad file"; sleep 0.05
done
grep -q "ukendt rolle: superuser" "$LOG" || fail "the error is not named: $(tail -n 3 "$LOG")"
expect_code UNKNOWN_CATEGORY spend R-1 1 --category bicycles --voucher B-1
expect_rc 0 status

# A good file: nobody becomes auditor, bicycles a category; a changed
# [daemon] setting is noted as waiting for a restart.
conf "auditor = nobody" "bicycles = Cykler"
printf '[daemon]\nmap_size = 2G\n' >>"$T/budgetd.conf"
kill -HUP "$DPID"
i=0
until grep -q "SIGHUP: roller, kategorier og konti genindlæst" "$LOG"; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "no reload"; sleep 0.05
done
grep -q "træder i kraft, når budgetd genstartes" "$LOG" || fail "restart-only change not noted"
touch "$T/reloaded"
wait "$held"
HELPERS=
grep -q "after OK" "$T/held.out" || fail "the open connection did not get its new role: $(cat "$T/held.out")"
expect_rc 0 spend R-1 1 --category bicycles --voucher B-1
out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$BUDGETCTL" --json pool fund pilot 1)
echo "$out" | grep -q PERMISSION_DENIED || fail "an auditor funded: $out"
kill -0 "$DPID" || fail "the daemon is gone"
