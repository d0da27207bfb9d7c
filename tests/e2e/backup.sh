# budgetctl backup: an online, compacted copy while writers go on; the copy
# passes the offline verifier with the public key the backup wrote, and a
# daemon started on it serves the same ledger as it stood.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
i=1
while [ $i -le 4 ]; do
	ctl course open "B-$i" --pool pilot --start "$(day '1 month ago')" --grant 10000 >/dev/null ||
	    fail "course $i"
	i=$((i + 1))
done
# Some bulk, so that the copy takes a moment.
$PY -c "
import json
with open('$T/bulk.jsonl', 'w') as f:
    for n in range(20000):
        f.write(json.dumps({'op': 'spend', 'citizen': 'B-%d' % (n % 4 + 1), 'amount': 1,
            'category': 'other', 'voucher': 'V-%d' % n, 'note': 'x' * 100}) + '\n')"
ctl import "$T/bulk.jsonl" >/dev/null 2>&1 || fail "bulk"

# Writers go on during the backup.
(
	n=0
	while [ ! -f "$T/stop" ]; do
		n=$((n + 1))
		"$BUDGETCTL" spend B-1 1 --category other --voucher "D-$n" >/dev/null || exit 1
	done
	echo "$n" >"$T/during"
) &
writer=$!
HELPERS=$writer
sleep 0.2
out=$(ctl backup "$T/copy") || fail "backup: $out"
touch "$T/stop"
wait "$writer" || fail "a writer was refused during the backup"
HELPERS=
echo "$out" | grep -q "efterprøv den med" || fail "backup output: $out"
[ "$(cat "$T/during")" -gt 1 ] || fail "no write went through around the backup"
[ -f "$T/copy/data.mdb" ] && [ -f "$T/copy/checkpoint.pub" ] || fail "backup files: $(ls -l "$T/copy")"
[ "$(stat -c %a "$T/copy")" = 700 ] || fail "backup directory mode"
[ "$(cat "$T/copy/checkpoint.pub")" = "$(ctl checkpoint --verifier-key)" ] || fail "the key in the backup"
"$BUDGETD" verify --db "$T/copy" --key "$T/copy/checkpoint.pub" >"$T/verify" 2>&1 ||
    fail "the copy does not verify: $(cat "$T/verify")"
cp "$T/copy/data.mdb" "$T/copy.mdb"
cmp -s "$T/copy/data.mdb" "$T/copy.mdb" || fail "the verifier changed the copy"

# Refused: a directory that is not empty; a backup sharing a request;
# a caller who is not admin.
expect_code BAD_REQUEST backup "$T/copy"
mkdir -p "$T/py"
protoc --proto_path=proto --python_out="$T/py" proto/borgerbudget.proto || fail "protoc"
$PY - "$BUDGETD_SOCKET" "$T/py" "$T/other" <<'PY' || fail "a backup with other ops"
import socket, struct, sys
sys.path.insert(0, sys.argv[2])
import borgerbudget_pb2 as pb
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
b = pb.Request(ops=[pb.Op(status=pb.Status()),
    pb.Op(backup=pb.Backup(dest=sys.argv[3]))]).SerializeToString()
s.sendall(struct.pack(">I", len(b)) + b)
n = struct.unpack(">I", s.recv(4, socket.MSG_WAITALL))[0]
r = pb.Response(); r.ParseFromString(s.recv(n, socket.MSG_WAITALL))
assert r.code == pb.BAD_REQUEST and "som en anmodning for sig" in r.message, r
PY
[ -e "$T/other" ] && fail "a refused backup wrote"
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$T"
	chmod 666 "$BUDGETD_SOCKET"
	out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$BUDGETCTL" --json backup /tmp/bb-nobody-backup)
	echo "$out" | grep -q PERMISSION_DENIED || fail "nobody made a backup: $out"
fi

# A daemon on the copy (with the ledger's signing key, as a restore
# keeps it) serves the ledger as it was at the copy.
size=$(grep -o 'kontrollerede [0-9]*' "$T/verify" | cut -d' ' -f2)
stop_daemon
cp "$DB/checkpoint.key" "$T/copy/checkpoint.key"
full_db=$DB
DB=$T/copy
start_daemon
[ "$(ctl --json status | json .entries)" = "$size" ] || fail "the copy serves another size"
ctl export --since 0 >"$T/copy.jsonl"
stop_daemon
DB=$full_db
start_daemon
ctl export --since 0 --limit "$size" >"$T/orig.jsonl"
cmp -s "$T/copy.jsonl" "$T/orig.jsonl" || fail "the copy's journal differs from the original's first $size entries"
root=$(ctl --json consistency "$size" "$(ctl --json status | json .entries)" | json .old_root)
DB=$T/copy
stop_daemon
start_daemon
[ "$(ctl --json status | json .root)" = "$root" ] || fail "roots differ"
