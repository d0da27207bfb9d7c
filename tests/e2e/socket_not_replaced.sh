# budgetd -S PATH replaces only a socket nobody listens on: a regular file,
# a directory, a symbolic link (to a file or to a dead socket) or a socket
# another daemon answers on is refused, named, and left as it was; also
# when budgetd detaches, whose starting process then exits 1.
. tests/lib.sh

# refused PATH WHAT: budgetd -S PATH exits 1 naming PATH.
refused() {
	"$BUDGETD" -f -D "$T/other" -S "$1" >"$T/out" 2>&1 &
	pid=$!
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && { kill "$pid"; wait "$pid"; fail "$2: budgetd started on $1"; }
		sleep 0.05
	done
	wait "$pid"
	rc=$?
	[ $rc -eq 1 ] || fail "$2: exit $rc, want 1: $(cat "$T/out")"
	grep -qF "$1" "$T/out" || fail "$2: the path is not named: $(cat "$T/out")"
}

echo "[daemon]" >"$T/budgetd.conf"
refused "$T/budgetd.conf" "a regular file"
[ "$(cat "$T/budgetd.conf")" = "[daemon]" ] || fail "the file was changed"
grep -q "ikke en sokkel" "$T/out" || fail "no reason given: $(cat "$T/out")"
# Detaching, the refusal is the starting process's exit status too.
timeout 5 "$BUDGETD" -D "$T/other" -S "$T/budgetd.conf" >"$T/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "detached start on a file: exit $rc: $(cat "$T/out")"
[ "$(cat "$T/budgetd.conf")" = "[daemon]" ] || fail "the file was changed"

mkdir "$T/dir"
refused "$T/dir" "a directory"
[ -d "$T/dir" ] || fail "the directory is gone"

ln -s "$T/budgetd.conf" "$T/link"
refused "$T/link" "a symbolic link to a file"
[ -L "$T/link" ] && [ -f "$T/budgetd.conf" ] || fail "the link or its file is gone"

# A dead daemon's socket is replaced, but not through a link to it.
start_daemon
kill_daemon
[ -S "$BUDGETD_SOCKET" ] || fail "kill -9 left no socket to test with"
ln -s "$BUDGETD_SOCKET" "$T/sock-link"
refused "$T/sock-link" "a symbolic link to a dead socket"
[ -L "$T/sock-link" ] && [ -S "$BUDGETD_SOCKET" ] || fail "the link or the socket is gone"
start_daemon
expect_rc 0 status

# A live socket stays its daemon's.
refused "$BUDGETD_SOCKET" "a socket another budgetd listens on"
grep -q "en anden budgetd lytter" "$T/out" || fail "live socket: $(cat "$T/out")"
expect_rc 0 status

# A refused socket comes before the database and the signing key: the new
# data directory the refused daemons were given holds no ledger and no key.
[ ! -e "$T/other/data.mdb" ] && [ ! -e "$T/other/checkpoint.key" ] ||
    fail "a refused start left a ledger or a key: $(ls "$T/other")"

# A database budgetd cannot open takes the socket it bound with it.
stop_daemon
printf 'not a database' >"$T/bad.mdb"
mkdir "$T/baddb" && cp "$T/bad.mdb" "$T/baddb/data.mdb"
"$BUDGETD" -f -D "$T/baddb" -S "$T/bad.sock" >"$T/out" 2>&1
[ $? -eq 1 ] || fail "a damaged database: budgetd did not exit 1: $(cat "$T/out")"
[ ! -e "$T/bad.sock" ] || fail "a failed start left its socket behind"
