# budgetctl archive --until DATE: the entries recorded on or before DATE,
# in Copenhagen, a prefix of the journal (recorded times only grow), each
# still proved against the latest checkpoint. An entry recorded at 00:30
# Copenhagen time on the next day (23:30 UTC the day before) is left out.
# The daemon runs under libfaketime, a day apart between starts.
. tests/lib.sh
. tests/fixtures/faketime.sh
. tests/fixtures/documents.sh

at "2027-03-01 12:00:00"
start_daemon
ctl pool create p --cap 50000 --months 12 --from 2027-01-01 --to 2028-12-31 \
    --grace 30 >/dev/null || fail "pool create"
expect_rc 0 pool fund p 100000
expect_rc 0 course open U-1 --pool p --start 2027-02-01 --grant 1000
expect_rc 0 course open U-2 --pool p --start 2027-02-01 --grant 1000
stop_daemon

at "2027-03-02 23:30:00"
start_daemon
ctl grant U-1 100 --note "sent på dagen" >/dev/null || fail "grant"
last=$(ctl --json grant U-2 100 | json .seq)
stop_daemon

at "2027-03-03 00:30:00"
start_daemon
ctl grant U-1 200 --note "næste dag" >/dev/null || fail "grant"
size=$(ctl --json status | json .entries)

out=$(ctl --json archive "$T/pkg" --until 2027-03-02) || fail "archive: $out"
[ "$(echo "$out" | json .through)" = "$last" ] || fail "through: want $last: $out"
[ "$(echo "$out" | json .entries)" = "$last" ] || fail "entries: want $last: $out"
[ "$(echo "$out" | json .tree_size)" = "$size" ] || fail "tree_size: want $size: $out"
grep -q "næste dag" "$T/pkg/entries.jsonl" && fail "an entry of the next day is in the package"
grep -q "sent på dagen" "$T/pkg/entries.jsonl" || fail "the day's last entries are missing"
"$BUDGETD" verify-archive "$T/pkg" --key "$(ctl checkpoint --verifier-key)" >/dev/null ||
    fail "verify-archive"
py_protocol
"$PY" tests/python/archive_check.py "$T/py" "$T/pkg" >"$T/py.out" || fail "python: $(cat "$T/py.out")"

# A citizen with nothing later may be archived up to the day; one with
# a later entry may not.
expect_rc 0 archive "$T/u2" --citizen U-2 --until 2027-03-02
expect_code BAD_REQUEST archive "$T/u1" --citizen U-1 --until 2027-03-02
[ ! -e "$T/u1" ] || fail "a refused archive left a package"
expect_rc 2 archive "$T/bad" --until 2027-02-30
echo ok
