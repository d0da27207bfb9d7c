# Sourced by every end-to-end scenario: a private budgetd on a temporary
# socket and database, the real budgetctl, and a few assertions.

set -u
B=${B:-build}
TOP=$(pwd)
BUDGETD=$TOP/$B/budgetd
BUDGETCTL=$TOP/$B/budgetctl
T=$(mktemp -d /tmp/bb-e2e.XXXXXX)
DB=$T/db
LOG=$T/budgetd.log
DPID=
export BUDGETD_SOCKET=$T/budgetd.sock
# Debian's interpreter, where Debian's python3-* packages are.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# Dates around today in Copenhagen, so course windows hold.
day() { TZ=Europe/Copenhagen date -d "$1" +%F; }
TODAY=$(day today)

HELPERS=

# Every scenario ends with a clean stop: a daemon that does not exit 0 on
# SIGTERM, or that a sanitizer reported on, fails the scenario.
cleanup() {
	status=$?
	for h in $HELPERS; do
		kill "$h" 2>/dev/null
	done
	if [ -n "$DPID" ] && kill -0 "$DPID" 2>/dev/null; then
		kill -TERM "$DPID"
		wait "$DPID"
		rc=$?
		if [ $rc -ne 0 ]; then
			echo "FAIL: budgetd exited $rc at the end"
			status=1
		fi
	fi
	if [ -f "$LOG" ] && grep -q 'Sanitizer' "$LOG"; then
		echo "FAIL: sanitizer report in the budgetd log"
		cat "$LOG"
		status=1
	fi
	rm -rf "$T"
	exit $status
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	if [ -f "$LOG" ]; then
		echo "--- budgetd log (tail)"
		tail -n 20 "$LOG"
	fi
	exit 1
}

start_daemon() {
	"$BUDGETD" -f -D "$DB" -S "$BUDGETD_SOCKET" "$@" 2>>"$LOG" &
	DPID=$!
	i=0
	until [ -S "$BUDGETD_SOCKET" ] && "$BUDGETCTL" status >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt 100 ] && fail "budgetd did not start"
		kill -0 "$DPID" 2>/dev/null || fail "budgetd exited at start"
		sleep 0.05
	done
}

stop_daemon() {
	kill -TERM "$DPID"
	wait "$DPID"
	rc=$?
	DPID=
	[ $rc -eq 0 ] || fail "budgetd exited $rc after SIGTERM"
}

kill_daemon() {
	kill -KILL "$DPID"
	wait "$DPID" 2>/dev/null
	DPID=
}

ctl() { "$BUDGETCTL" "$@"; }

# expect_rc N command...: the exit status of budgetctl.
expect_rc() {
	want=$1
	shift
	out=$("$BUDGETCTL" "$@" 2>&1)
	got=$?
	[ "$got" -eq "$want" ] ||
	    fail "budgetctl $*: exit $got, want $want; output: $out"
}

# expect_code CODE command...: refused with that error code (exit 1).
expect_code() {
	want=$1
	shift
	out=$("$BUDGETCTL" --json "$@" 2>&1)
	got=$?
	[ "$got" -eq 1 ] || fail "budgetctl $*: exit $got, want 1; output: $out"
	case $out in
	*"\"code\":\"$want\""*) ;;
	*) fail "budgetctl $*: want $want; output: $out" ;;
	esac
}

# json FILTER < document: a value picked out with jq.
json() { jq -r "$1"; }

# A pool from two years back to two years ahead, funded, for most scenarios.
standard_pool() {
	ctl pool create "${1:-pilot}" --cap 50000 --months 12 \
	    --from "$(day '2 years ago')" --to "$(day '2 years')" \
	    --grace 30 --name "Pilot" >/dev/null || fail "pool create"
	ctl pool fund "${1:-pilot}" "${2:-1250000}" >/dev/null ||
	    fail "pool fund"
}

# balanced CITIZEN: after a step, the daemon replays its whole journal
# (budgetctl verify) and the course's available budget equals the balance
# of its budget: account summed over the exported journal.
balanced() {
	ctl verify >/dev/null || fail "verify after a step: $(ctl verify 2>&1)"
	show=$(ctl --json course show "$1") || fail "course show $1"
	n=$(echo "$show" | json .course)
	acct="budget:$1:$n"
	sum=$(ctl export --since 0 | jq -s "map(if .debit == \"$acct\" then .amount
	    elif .credit == \"$acct\" then -.amount else 0 end) | add")
	avail=$(echo "$show" | json .available)
	[ "$sum" = "$avail" ] || fail "$acct: journal sums to $sum, course shows $avail"
}

# spends_file FILE CITIZEN N [NOTE_BYTES] [PREFIX]: N spends of 0,01 kr.
# as import lines, vouchers PREFIX-0, PREFIX-1, ... (default V), each with
# a note of NOTE_BYTES bytes when given.
spends_file() {
	$PY - "$@" <<'PY' || fail "spends_file $*"
import json, sys
path, citizen, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
note = "n" * int(sys.argv[4]) if len(sys.argv) > 4 else ""
prefix = sys.argv[5] if len(sys.argv) > 5 else "V"
with open(path, "w") as f:
    for i in range(n):
        line = {"op": "spend", "citizen": citizen, "amount": 1,
            "category": "other", "voucher": "%s-%d" % (prefix, i)}
        if note:
            line["note"] = note
        f.write(json.dumps(line) + "\n")
PY
}
