# budgetctl archive DEST --citizen CITIZEN: the citizen's entries, each
# proved against the whole journal's checkpoint; verified by budgetd
# verify-archive and by Python. An unknown citizen, or one whose later
# entries --until would leave out, is refused with nothing written.
. tests/lib.sh
. tests/fixtures/documents.sh
start_daemon
standard_pool pilot 100000
ctl course open C-1 --pool pilot --start "$(day '1 month ago')" --grant 20000 >/dev/null || fail "course open"
ctl course open C-2 --pool pilot --start "$(day '1 month ago')" --grant 20000 >/dev/null || fail "course open"
doc pdf "$T/c1.pdf" 6000 "Faktura C-1"
doc pdf "$T/c2.pdf" 6000 "Faktura C-2"
ctl spend C-1 300 --category other --voucher V-1 --receipt "$T/c1.pdf" --note "psykolog" >/dev/null || fail "spend"
ctl spend C-2 200 --category other --voucher V-2 --receipt "$T/c2.pdf" --note "andens note" >/dev/null || fail "spend"
s=$(ctl --json reserve C-1 100 --category other --note "venter" | json .seq)
ctl capture "$s" --voucher V-3 >/dev/null || fail "capture"

out=$(ctl --json archive "$T/c1" --citizen C-1) || fail "archive: $out"
got=$(echo "$out" | json .entries)
[ "$(wc -l <"$T/c1/entries.jsonl")" -eq "$got" ] || fail "entries.jsonl lines"
[ "$(jq -r .citizen "$T/c1/entries.jsonl" | sort -u)" = C-1 ] || fail "another citizen's entry in the package"
grep -q "andens note" "$T/c1/entries.jsonl" && fail "another citizen's note in the package"
grep -q psykolog "$T/c1/entries.jsonl" || fail "the citizen's note is missing"
[ "$(ls "$T/c1/documents")" = "$(sha256sum "$T/c1.pdf" | cut -d' ' -f1)" ] || fail "documents: $(ls "$T/c1/documents")"
last=$(jq -r .seq "$T/c1/entries.jsonl" | tail -1)
[ "$(echo "$out" | json .through)" = "$last" ] || fail "through: $out"
grep -q "borger C-1" "$T/c1/LÆSMIG.txt" || fail "README names the citizen"

key=$(ctl checkpoint --verifier-key)
"$BUDGETD" verify-archive "$T/c1" --key "$key" >"$T/v" || fail "verify-archive: $(cat "$T/v")"
py_protocol
"$PY" tests/python/archive_check.py "$T/py" "$T/c1" >"$T/py.out" || fail "python: $(cat "$T/py.out")"
[ "$(cat "$T/py.out")" = "ok $got" ] || fail "python: $(cat "$T/py.out")"

rec=$(echo "$out" | json .seq)
line=$(ctl export --since $((rec - 1)) --limit 1)
[ "$(echo "$line" | json .op)" = archive ] || fail "export: $line"
[ "$(echo "$line" | json .archived)" = C-1 ] || fail "export: $line"
# The daemon is live: the record signed first (asked for), so that no
# timer's signature lands while the verifier reads the file.
ctl checkpoint >/dev/null || fail "checkpoint"
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "budgetd verify --db after the archive"

n=$(ctl --json status | json .entries)
expect_code NOT_FOUND archive "$T/nobody" --citizen NOBODY
expect_code BAD_REQUEST archive "$T/early" --citizen C-2 --until "$(day yesterday)"
for d in nobody early; do
	[ ! -e "$T/$d" ] && [ ! -e "$T/$d.part" ] || fail "a refused archive left $d"
done
[ "$(ctl --json status | json .entries)" = "$n" ] || fail "a refused archive was recorded"
echo ok
