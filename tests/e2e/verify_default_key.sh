# budgetd verify --db without --key looks for the key in the directory in
# one order: checkpoint.key (a data directory's), then checkpoint.pub (a
# backup's), each with a notice that a key found there proves less. A
# backup verifies as made; a directory with neither key is told to pass
# --key.
. tests/lib.sh

start_daemon
standard_pool pilot
ctl course open V-1 --pool pilot --start "$(day '1 month ago')" --grant 1000 >/dev/null || fail "course"
ctl backup "$T/copy" >/dev/null || fail "backup"

"$BUDGETD" verify --db "$T/copy" >"$T/out" 2>"$T/err" ||
    fail "the backup does not verify as made: $(cat "$T/out" "$T/err")"
grep -q "^kontrollerede [0-9]* posteringer" "$T/out" || fail "verdict: $(cat "$T/out")"
grep -qF "intet --key: kontrollerer signaturen med nøglen i $T/copy/checkpoint.pub; angiv --key" "$T/err" ||
    fail "notice: $(cat "$T/err")"

# The data directory's own key comes first. The daemon is live: its
# last entries signed first (asked for), so that no timer's signature
# lands while the file is read, which the verifier would refuse.
ctl checkpoint >/dev/null || fail "checkpoint"
"$BUDGETD" verify --db "$DB" >"$T/out" 2>"$T/err" || fail "live: $(cat "$T/err")"
grep -qF "med nøglen i $DB/checkpoint.key;" "$T/err" || fail "notice: $(cat "$T/err")"
cp "$DB/checkpoint.key" "$T/copy/checkpoint.key"
"$BUDGETD" verify --db "$T/copy" >"$T/out" 2>"$T/err" || fail "both: $(cat "$T/err")"
grep -qF "med nøglen i $T/copy/checkpoint.key;" "$T/err" || fail "order: $(cat "$T/err")"
rm "$T/copy/checkpoint.key"

# Another ledger's verifier key does not pass.
stop_daemon
DB=$T/other
start_daemon
other=$(ctl checkpoint --verifier-key)
echo "$other" >"$T/copy/checkpoint.pub"
"$BUDGETD" verify --db "$T/copy" >"$T/out" 2>&1 && fail "a foreign checkpoint.pub passed"
grep -q "ingen gyldig signatur" "$T/out" || fail "foreign key: $(cat "$T/out")"

rm "$T/copy/checkpoint.pub"
"$BUDGETD" verify --db "$T/copy" >"$T/out" 2>&1 && fail "no key passed"
grep -qF "ingen checkpoint.key eller checkpoint.pub i $T/copy: angiv --key" "$T/out" ||
    fail "no key: $(cat "$T/out")"
