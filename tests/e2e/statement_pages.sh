# budgetctl reads a statement in pages, newest first, asking for the next
# page while it lays out this one, and adds the balances up itself: its
# lines and balances must be the daemon's whole statement, over courses,
# reversals, reservations and refunds, with and without a date range.
. tests/lib.sh
start_daemon

standard_pool pilot 1000000
d() { day "$1 days ago"; }
expect_rc 0 course open PG-1 --pool pilot --start "$(d 90)" --grant 40000
expect_rc 0 course open PG-2 --pool pilot --start "$(d 90)" --grant 100
other=$(ctl --json spend PG-2 1 --category other --voucher X | json .seq)

# 2,400 spends over two courses, with a reversal, a reservation captured
# in part, a refund and a backdated spend between them.
$PY - "$T" "$(d 80)" "$(d 10)" <<'PY'
import json, sys
t, early, late = sys.argv[1:4]
for part, (n, date) in enumerate(((1300, early), (1100, late))):
    with open("%s/ops%d.jsonl" % (t, part), "w") as f:
        for i in range(n):
            f.write(json.dumps({"op": "spend", "citizen": "PG-1",
                "amount": 100 + i % 7, "category": "education",
                "voucher": "P%d-%d" % (part, i), "value_date": date}) + "\n")
PY
expect_rc 0 import "$T/ops0.jsonl"
s=$(ctl --json spend PG-1 5000 --category transport --voucher R-1 --date "$(d 70)" | json .seq)
expect_rc 0 reverse "$s" --reason fejl
expect_rc 0 refund PG-1 500 --category education --voucher RF-1 --date "$(d 60)"
expect_rc 0 course close PG-1 --reason moved --date "$(d 50)"
expect_rc 0 course open PG-1 --pool pilot --start "$(d 45)" --grant 30000
expect_rc 0 import "$T/ops1.jsonl"
# Reserved today: on the second course, as the first closed 50 days ago.
r=$(ctl --json reserve PG-1 3000 --category other | json .seq)
expect_rc 0 capture "$r" 1000 --voucher C-1
expect_rc 0 spend PG-1 250 --category other --voucher B-1 --date "$(d 40)" \
    --note "Bagudrettet køb, æøå"
balanced PG-1

mkdir -p "$T/py"
protoc --proto_path=proto --python_out="$T/py" proto/borgerbudget.proto || fail "protoc"
ctl --json statement PG-1 >"$T/all.json" || fail "statement"
[ "$(jq '.lines | length' "$T/all.json")" -gt 2400 ] || fail "lines"
$PY tests/python/statement_pages.py "$BUDGETD_SOCKET" "$T/py" PG-1 "$other" \
    "$T/all.json" || fail "pages"
from=$(d 75) to=$(d 20)
ctl --json statement PG-1 --from "$from" --to "$to" >"$T/range.json" ||
    fail "statement range"
$PY tests/python/statement_pages.py "$BUDGETD_SOCKET" "$T/py" PG-1 "$other" \
    "$T/range.json" "$from" "$to" || fail "range"

# The text and CSV lines are those of the JSON, with the same balances.
ctl statement PG-1 --format csv >"$T/csv" || fail "csv"
[ "$($PY -c 'import csv, sys
for r in csv.DictReader(sys.stdin): print(r["seq"], r["balance_ore"])' <"$T/csv")" = \
  "$(jq -r '.lines[] | "\(.seq) \(.balance)"' "$T/all.json")" ] ||
    fail "csv balances"
ctl statement PG-1 >"$T/text" || fail "text"
[ "$(grep -c '^Forløb ' "$T/text")" = 2 ] || fail "text courses: $(grep Forløb "$T/text")"
[ "$(grep -c '^  [0-9]' "$T/text")" = "$(jq '.lines | length' "$T/all.json")" ] ||
    fail "text lines"

# A daemon that answers garbage pages must not keep budgetctl asking: an
# empty page that names a next one, or a next one not older than the
# page, ends the statement with exit 3.
for bad in empty not_older; do
	rm -f "$T/fake.sock"
	$PY - "$T/fake.sock" "$T/py" "$bad" <<'PY' &
import os, socket, struct, sys
sys.path.insert(0, sys.argv[2])
import borgerbudget_pb2 as pb
srv = socket.socket(socket.AF_UNIX)
srv.bind(sys.argv[1])
srv.listen(1)
srv.settimeout(10)
c, _ = srv.accept()
c.settimeout(10)
served = 0
try:
    while served < 50:
        hdr = c.recv(4, socket.MSG_WAITALL)
        if len(hdr) < 4:
            break
        c.recv(struct.unpack(">I", hdr)[0], socket.MSG_WAITALL)
        si = pb.StatementInfo(citizen="X", next_seq=7)
        if served == 0:
            si.courses.add(citizen="X", course=1)
        if sys.argv[3] == "not_older":
            si.lines.add(entry=pb.Entry(seq=7, citizen="X",
                course=1).SerializeToString())
        body = pb.Response(results=[pb.Result(statement=si)]).SerializeToString()
        c.sendall(struct.pack(">I", len(body)) + body)
        served += 1
except OSError:
    pass        # budgetctl hung up: what it should do
sys.exit(served > 2)
PY
	fake=$!
	i=0
	until [ -S "$T/fake.sock" ] || [ $i -ge 100 ]; do i=$((i + 1)); sleep 0.05; done
	rc=0
	timeout 10 "$BUDGETCTL" -S "$T/fake.sock" statement X >/dev/null 2>"$T/err" || rc=$?
	[ $rc = 3 ] || fail "$bad page: exit $rc: $(cat "$T/err")"
	grep -q "budgetd gav et uforståeligt svar" "$T/err" || fail "$bad page: $(cat "$T/err")"
	wait $fake || fail "$bad page: budgetctl kept asking"
done
