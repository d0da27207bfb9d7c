# The signing key defaults to checkpoint.key in the data directory in
# effect, wherever that came from: data_dir in the file, -D, or the file's
# data_dir overridden by -D. A signing_key in the file wins.
. tests/lib.sh

# run CONF [ARGS]: budgetd with that file (no -D unless given), until it
# answers; then stopped again.
run() {
	conf=$1
	shift
	"$BUDGETD" -f -c "$conf" -S "$BUDGETD_SOCKET" "$@" 2>>"$LOG" &
	DPID=$!
	i=0
	until "$BUDGETCTL" status >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt 100 ] && fail "budgetd did not start with $conf $*"
		kill -0 "$DPID" 2>/dev/null || fail "budgetd exited at start with $conf $*"
		sleep 0.05
	done
	stop_daemon
}

printf '[daemon]\ndata_dir = %s/a\n' "$T" >"$T/a.conf"
run "$T/a.conf"
[ -f "$T/a/checkpoint.key" ] || fail "no key in data_dir: $(ls "$T/a")"
grep -q "signeringsnøgle til kontrolpunkter i $T/a/checkpoint.key" "$LOG" || fail "log: $(cat "$LOG")"

run "$T/a.conf" -D "$T/b"
[ -f "$T/b/checkpoint.key" ] || fail "no key in the -D directory: $(ls "$T/b")"

printf '[daemon]\ndata_dir = %s/c\nsigning_key = %s/keys/ledger.key\n' "$T" "$T" >"$T/c.conf"
mkdir "$T/keys"
run "$T/c.conf"
[ -f "$T/keys/ledger.key" ] || fail "the signing_key of the file was not used"
[ -e "$T/c/checkpoint.key" ] && fail "a key in data_dir beside signing_key"

# Each ledger its own key.
cmp -s "$T/a/checkpoint.key" "$T/b/checkpoint.key" && fail "two ledgers share a key"
[ "$(stat -c %a "$T/a/checkpoint.key")" = 600 ] || fail "key mode"
