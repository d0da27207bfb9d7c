# budgetctl archive refuses, before anything is sent, a DEST that is not
# empty or cannot be written (exit 2), and a role other than admin is
# refused by the daemon (PERMISSION_DENIED) before a package is written:
# nothing half done, no record in the journal.
. tests/lib.sh
command -v setpriv >/dev/null || { echo "skipped: setpriv missing"; exit 0; }
[ "$(id -u)" -eq 0 ] || { echo "skipped: switching uid needs root"; exit 0; }
chmod 755 "$T"
CASE=60011
printf '[daemon]\nsocket_mode = 0666\n[roles]\nadmin = 0\ncaseworker = %s\n' \
    "$CASE" >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"
standard_pool pilot 100000
ctl course open R-1 --pool pilot --start "$(day '1 month ago')" --grant 20000 >/dev/null || fail "course open"
n=$(ctl --json status | json .entries)

# Not empty: exit 2, the directory as it was.
mkdir "$T/full"
echo keep >"$T/full/old.txt"
expect_rc 2 archive "$T/full"
out=$(ctl archive "$T/full" 2>&1)
case $out in *"ikke tom"*) ;; *) fail "message: $out" ;; esac
[ "$(ls "$T/full")" = old.txt ] || fail "the directory was touched"
[ ! -e "$T/full.part" ] || fail "a partial directory is left"
# An empty directory is a new one.
mkdir "$T/empty"
expect_rc 0 archive "$T/empty"
[ -s "$T/empty/SHA256SUMS" ] || fail "no package in the empty directory"
n=$((n + 1))

# Not writable: a directory of root's, for uid nobody (no role at all:
# the usage error comes before anything is sent).
mkdir "$T/ro"
chmod 755 "$T/ro"
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$BUDGETCTL" archive "$T/ro/pkg" 2>&1)
rc=$?
[ $rc -eq 2 ] || fail "unwritable DEST: exit $rc: $out"
case $out in *"kan ikke skrive der"*) ;; *) fail "message: $out" ;; esac
[ -z "$(ls "$T/ro")" ] || fail "something was written"

# A caseworker may read every proof, but not archive.
chmod 777 "$T/ro"
out=$(setpriv --reuid=$CASE --regid=$CASE --clear-groups "$BUDGETCTL" --json archive "$T/ro/pkg" 2>&1)
rc=$?
[ $rc -eq 1 ] || fail "caseworker: exit $rc: $out"
case $out in *'"code":"PERMISSION_DENIED"'*) ;; *) fail "caseworker: $out" ;; esac
[ -z "$(ls "$T/ro")" ] || fail "a refused archive left $(ls "$T/ro")"

[ "$(ctl --json status | json .entries)" = "$n" ] || fail "a refused archive was recorded"
echo ok
