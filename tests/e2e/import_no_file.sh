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
# root reads any file: the mode check only means something for others.
if [ "$(id -u)" -ne 0 ]; then
	echo '{"op":"release","reservation":1}' >"$T/secret.jsonl"
	chmod 000 "$T/secret.jsonl"
	no_file "$T/secret.jsonl"
fi
[ "$(ctl --json status | json .entries)" = "$base" ] || fail "entries changed"
