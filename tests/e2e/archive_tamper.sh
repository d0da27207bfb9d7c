# budgetd verify-archive names what is wrong with a package: a changed
# byte in entries.jsonl or in a document, a deleted document, a file not
# listed, and (with SHA256SUMS made again to match, as a forger would) a
# proof emptied, a note changed, a document and its line gone; a
# checkpoint checked with another ledger's key. Exit 1 for each, 0 for
# the package as written, 2 for usage.
. tests/lib.sh
. tests/fixtures/documents.sh
start_daemon
standard_pool pilot 100000
ctl course open T-1 --pool pilot --start "$(day '1 month ago')" --grant 20000 >/dev/null || fail "course open"
doc pdf "$T/inv.pdf" 5000 "Faktura"
ctl spend T-1 300 --category other --voucher V-1 --receipt "$T/inv.pdf" --note "fodterapeut" >/dev/null || fail "spend"
ctl grant T-1 500 --note "tillæg" >/dev/null || fail "grant"
ctl archive "$T/pkg" >/dev/null || fail "archive"
key=$(ctl checkpoint --verifier-key)
docname=$(sha256sum "$T/inv.pdf" | cut -d' ' -f1)
"$BUDGETD" verify-archive "$T/pkg" --key "$key" >/dev/null || fail "the package as written"

# fresh NAME: a copy of the package to spoil.
fresh() {
	rm -rf "$T/$1"
	cp -r "$T/pkg" "$T/$1"
	P=$T/$1
}
# resum: SHA256SUMS made again over what the package now holds.
resum() {
	(cd "$P" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' |
	    sort | while read -r f; do sha256sum "$f"; done >SHA256SUMS)
}
# refused WHAT TEXT: verify-archive exits 1 naming TEXT.
refused() {
	out=$("$BUDGETD" verify-archive "$P" --key "$key" 2>&1)
	rc=$?
	[ $rc -eq 1 ] || fail "$1: exit $rc: $out"
	case $out in *"$2"*) ;; *) fail "$1: want '$2': $out" ;; esac
}

fresh byte
sed -i '2s/"amount":10000000/"amount":10000001/' "$P/entries.jsonl"
refused "a changed byte" "entries.jsonl er ændret"

fresh docbyte
printf 'X' | dd of="$P/documents/$docname" bs=1 seek=100 conv=notrunc 2>/dev/null
refused "a changed document" "documents/$docname er ændret"

fresh gone
rm "$P/documents/$docname"
refused "a deleted document" "documents/$docname er nævnt i SHA256SUMS, men mangler"

fresh extra
echo hej >"$P/documents/extra"
refused "an unlisted file" "documents/extra er ikke nævnt"

fresh noproof
"$PY" - "$P/entries.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
lines[2]["inclusion"] = []
open(sys.argv[1], "w").write("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in lines))
PY
resum
refused "an emptied proof" "postering 3: dens inklusionsbevis er tomt"

fresh wrongproof
"$PY" - "$P/entries.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
lines[1]["inclusion"][0] = "00" * 32
open(sys.argv[1], "w").write("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in lines))
PY
resum
refused "a wrong proof" "postering 2: dens inklusionsbevis fører ikke til roden"

fresh note
sed -i 's/fodterapeut/fodterapeuT/' "$P/entries.jsonl"
resum
refused "a changed note" "passer ikke med bindingen"

fresh docline
rm "$P/documents/$docname"
resum
refused "a document and its line gone" "note eller bilagsdokument mangler"

# Another ledger's key: the checkpoint is not signed by it.
P=$T/pkg
"$BUDGETD" -f -D "$T/db2" -S "$T/other.sock" 2>>"$LOG" &
other=$!
HELPERS="$HELPERS $other"
i=0
until "$BUDGETCTL" -S "$T/other.sock" status >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "a second budgetd did not start"
	sleep 0.05
done
okey=$("$BUDGETCTL" -S "$T/other.sock" checkpoint --verifier-key)
kill -TERM $other
wait $other
[ "$okey" != "$key" ] || fail "the second ledger has the same key"
out=$("$BUDGETD" verify-archive "$P" --key "$okey" 2>&1)
[ $? -eq 1 ] || fail "another key: $out"
case $out in *"ingen gyldig signatur"*) ;; *) fail "another key: $out" ;; esac
out=$("$BUDGETD" verify-archive "$P" --key "not a key" 2>&1)
[ $? -eq 1 ] || fail "a bad key: $out"
case $out in *"ikke en verifikationsnøgle"*) ;; *) fail "a bad key: $out" ;; esac

"$BUDGETD" verify-archive >/dev/null 2>&1
[ $? -eq 2 ] || fail "no DIR: want exit 2"
"$BUDGETD" verify-archive "$P" "$P" >/dev/null 2>&1
[ $? -eq 2 ] || fail "two DIRs: want exit 2"
echo ok
