# budgetctl import of a file that is not there, not readable or a
# directory: a usage error (exit 2) naming the file, and nothing sent.
. tests/lib.sh
start_daemon

base=$(ctl --json status | json .entries)

# no_file PATH: exit 2, and the message names PATH.
no_file() {
	out=$("$BUDGETCTL" import "$1" 2>&1)
	rc=$?
	[ $rc -eq 2 ] || fail "import $1: exit $rc, want 2; output: $out"
	echo "$out" | grep -qF "budgetctl: $1: " ||
	    fail "import $1: the message does not name the file: $out"
}

no_file "$T/missing.jsonl"
mkdir "$T/dir.jsonl"
no_file "$T/dir.jsonl"
# A file the user may not read; root reads any file, so as root the
# check runs as nobody.
echo '{"op":"release","reservation":1}' >"$T/secret.jsonl"
chmod 000 "$T/secret.jsonl"
if [ "$(id -u)" -ne 0 ]; then
	no_file "$T/secret.jsonl"
elif command -v setpriv >/dev/null; then
	chmod 755 "$T"
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$BUDGETCTL" import "$T/secret.jsonl" 2>&1)
	rc=$?
	chmod 700 "$T"
	[ $rc -eq 2 ] || fail "import of an unreadable file: exit $rc, want 2: $out"
	echo "$out" | grep -qF "$T/secret.jsonl" ||
	    fail "unreadable file: the message does not name it: $out"
else
	echo "skipped: an unreadable file (root, and no setpriv)"
fi
[ "$(ctl --json status | json .entries)" = "$base" ] || fail "entries changed"
