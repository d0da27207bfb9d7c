# budgetctl import --atomic of 3000 reservations and captures of them: all
# of it is applied in one request, one commit; the captures release the
# rest of each reservation, the balances hold, and budgetd verify replays
# the database offline.
. tests/lib.sh
. tests/fixtures/import.sh
start_daemon
import_courses
entries=$(ctl --json status | json .entries)

# Reservation n takes seq last+1 and leaves last+3 to the next one (its
# capture writes two entries).
$PY - "$T" "$entries" <<'PY'
import json, sys
t, last = sys.argv[1], int(sys.argv[2])
with open(t + "/atomic-ok.jsonl", "w") as g:
    seq = last
    for n in range(1, 1501):
        c = "IMP-%d" % (n % 20 + 1)
        g.write(json.dumps({"op": "reserve", "citizen": c, "amount": 1000,
            "category": "transport", "note": "r%d" % n}) + "\n")
        seq += 1
        g.write(json.dumps({"op": "capture", "reservation": seq, "amount": 600,
            "voucher": "C-%d" % n}) + "\n")
        seq += 2
PY
# Checkpoints are signed on a schedule: a turn signs what it appends when
# the latest checkpoint is 100 ms old, else a timer's turn of its own
# (a second commit) signs the tail. Sign everything now and let that
# checkpoint age, so the import's own commit is the only one it causes.
ctl checkpoint >/dev/null || fail "checkpoint"
sleep 0.3
commits=$(ctl --json status | json .commits)
ctl import --atomic "$T/atomic-ok.jsonl" >"$T/out4" 2>&1 || fail "atomic import: $(tail -n 3 "$T/out4")"
[ "$(ctl --json status | json .entries)" = $((entries + 4500)) ] || fail "atomic import entries"
# All of it in one request: one commit (status itself is a read).
[ "$(ctl --json status | json .commits)" = $((commits + 1)) ] || fail "atomic import took more than one commit"
[ "$(ctl --json course show IMP-3 | json .reserved)" = 0 ] || fail "captures released the rest"
balanced IMP-3
stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
