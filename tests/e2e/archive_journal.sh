# budgetctl archive DEST: the whole journal into a package of its own,
# checked by budgetd verify-archive and, without our code, by Python
# (SHA256SUMS, RFC 6962 inclusion, commitments, documents). The archive
# record is an entry of the journal (op "archive"), and the database
# verifies after it.
. tests/lib.sh
. tests/fixtures/documents.sh
start_daemon
standard_pool pilot 100000
ctl course open A-1 --pool pilot --start "$(day '1 month ago')" --grant 20000 >/dev/null || fail "course open"
ctl course open A-2 --pool pilot --start "$(day '1 month ago')" --grant 20000 >/dev/null || fail "course open"
doc pdf "$T/inv.pdf" 40000 "Faktura tandlæge"
doc png "$T/bon.png" 3000 "Bon"
doc jpeg "$T/kvit.jpg" 5000 "Kvittering"
ctl spend A-1 450 --category other --voucher F-1 --receipt "$T/inv.pdf" --note "tandlæge, akut" >/dev/null || fail "spend"
ctl spend A-2 120 --category other --voucher F-2 --receipt "$T/bon.png" --note "busbillet" >/dev/null || fail "spend"
# The same document twice: one file in the package.
ctl spend A-1 80 --category other --voucher F-3 --receipt "$T/inv.pdf" >/dev/null || fail "spend"
ctl grant A-2 1000 --note "ekstra bevilling" >/dev/null || fail "grant"
ctl spend A-2 60 --category other --voucher F-4 --receipt "$T/kvit.jpg" >/dev/null || fail "spend"
n=$(ctl --json status | json .entries)

out=$(ctl --json archive "$T/pkg") || fail "archive: $out"
[ "$(echo "$out" | json .status)" = ok ] || fail "archive: $out"
[ "$(echo "$out" | json .entries)" = "$n" ] || fail "archive holds $n entries: $out"
[ "$(echo "$out" | json .through)" = "$n" ] || fail "archive through $n: $out"
[ "$(echo "$out" | json .documents)" = 3 ] || fail "three documents: $out"
rec=$(echo "$out" | json .seq)
[ ! -e "$T/pkg.part" ] || fail "the partial directory is left"
for f in entries.jsonl checkpoint.txt verifier-key.txt SHA256SUMS LÆSMIG.txt; do
	[ -s "$T/pkg/$f" ] || fail "no $f in the package"
done
[ "$(ls "$T/pkg/documents" | wc -l)" -eq 3 ] || fail "documents: $(ls "$T/pkg/documents")"
[ "$(wc -l <"$T/pkg/entries.jsonl")" -eq "$n" ] || fail "entries.jsonl lines"
grep -q "tandlæge, akut" "$T/pkg/entries.jsonl" || fail "the note is not in the package"
grep -q "sha256sum -c SHA256SUMS" "$T/pkg/LÆSMIG.txt" || fail "README"
(cd "$T/pkg" && sha256sum --quiet -c SHA256SUMS) || fail "sha256sum -c"
# The package the record names: the SHA-256 of its SHA256SUMS.
sum=$(sha256sum "$T/pkg/SHA256SUMS" | cut -d' ' -f1)
[ "$(echo "$out" | json .package_sha256)" = "$sum" ] || fail "package_sha256"
ctl checkpoint >"$T/now.txt"
cmp -s "$T/now.txt" "$T/pkg/checkpoint.txt" && fail "the checkpoint should predate the record"

key=$(ctl checkpoint --verifier-key)
v=$("$BUDGETD" verify-archive "$T/pkg" --key "$key") || fail "verify-archive: $v"
case $v in *"kontrollerede arkivet"*"$n posteringer"*) ;; *) fail "verify-archive said: $v" ;; esac
# Without --key: the package's own key, with a notice that it proves
# integrity only.
"$BUDGETD" verify-archive "$T/pkg" >/dev/null 2>"$T/err" || fail "verify-archive without --key"
grep -q "ikke hvor den kommer fra" "$T/err" || fail "no notice: $(cat "$T/err")"

py_protocol
"$PY" tests/python/archive_check.py "$T/py" "$T/pkg" >"$T/py.out" || fail "python: $(cat "$T/py.out")"
[ "$(cat "$T/py.out")" = "ok $n" ] || fail "python: $(cat "$T/py.out")"

# The record in the journal.
line=$(ctl export --since $((rec - 1)) --limit 1)
[ "$(echo "$line" | json .op)" = archive ] || fail "export: $line"
[ "$(echo "$line" | json .through)" = "$n" ] || fail "export: $line"
[ "$(echo "$line" | json .archived)" = "" ] || fail "export: $line"
[ "$(echo "$line" | json .package_sha256)" = "$sum" ] || fail "export: $line"
# The daemon is live: the record signed first (asked for), so that no
# timer's signature lands while the verifier reads the file.
ctl checkpoint >/dev/null || fail "checkpoint"
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "budgetd verify --db after the archive"

# --until: entries recorded on or before the day; none before today.
expect_code NOT_FOUND archive "$T/early" --until "$(day yesterday)"
[ ! -e "$T/early" ] && [ ! -e "$T/early.part" ] || fail "a refused archive left files"
out=$(ctl --json archive "$T/today" --until "$TODAY") || fail "archive --until: $out"
grep -q "til og med $TODAY" "$T/today/LÆSMIG.txt" || fail "README period"
"$BUDGETD" verify-archive "$T/today" --key "$key" >/dev/null || fail "verify-archive --until"
# Human output.
out=$(ctl archive "$T/human") || fail "archive: $out"
case $out in "ok: arkiverede "*" i $T/human, arkivpostering nr. "*) ;; *) fail "output: $out" ;; esac
echo ok
