# Every file budgetd makes that holds ledger data is 0600 in a 0700
# directory, whatever the umask: the data directory it creates, data.mdb,
# lock.mdb, the signing key, the lock file, and a backup's directory,
# data.mdb and checkpoint.pub. A data directory the operator made more
# open gets private files all the same, and a warning when every user
# may enter it.
. tests/lib.sh

# modes WANT PATH...: each path has mode WANT.
modes() {
	want=$1
	shift
	for p in "$@"; do
		got=$(stat -c %a "$p") || fail "no $p"
		[ "$got" = "$want" ] || fail "umask $(umask): $p is $got, want $want"
	done
}

for u in 022 000; do
	umask $u
	DB=$T/db-$u
	start_daemon
	standard_pool pilot
	modes 700 "$DB"
	modes 600 "$DB/data.mdb" "$DB/lock.mdb" "$DB/checkpoint.key" "$DB/budgetd.lock"
	ctl backup "$T/backup-$u" >/dev/null || fail "backup"
	modes 700 "$T/backup-$u"
	modes 600 "$T/backup-$u/data.mdb" "$T/backup-$u/checkpoint.pub"
	# An empty directory the caller made, open to all: the files stay private.
	mkdir -m 777 "$T/open-$u"
	ctl backup "$T/open-$u" >/dev/null || fail "backup into an open directory"
	modes 600 "$T/open-$u/data.mdb" "$T/open-$u/checkpoint.pub"
	stop_daemon
done

# The operator's directory: used, not changed, warned about.
umask 022
DB=$T/operator
mkdir -m 755 "$DB"
start_daemon
modes 755 "$DB"
modes 600 "$DB/data.mdb" "$DB/lock.mdb" "$DB/checkpoint.key" "$DB/budgetd.lock"
grep -q "$DB er åben for alle brugere (tilstand 0755)" "$LOG" || fail "no warning: $(cat "$LOG")"
