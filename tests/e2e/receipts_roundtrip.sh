# Voucher documents go into the ledger and come back byte for byte: a PDF,
# a JPEG and a PNG of exactly max_document bytes on spends, and documents
# of several chunks on a funding, a capture and a refund; the leaf names
# each by SHA-256, size and media type (from the bytes, not the name). An
# empty file and one of max_document + 1 bytes are refused, and nothing
# is written.
. tests/lib.sh
. tests/fixtures/documents.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 50000

check_back() {	# SEQ FILE TYPE: receipt SEQ gives FILE back; the leaf agrees
	ctl receipt "$1" -o "$T/back" 2>/dev/null || fail "receipt $1"
	cmp -s "$2" "$T/back" || fail "receipt $1 differs from $2"
	ctl receipt "$1" | cmp -s - "$2" || fail "receipt $1 on stdout differs"
	ctl export --since $(($1 - 1)) --limit 1 >"$T/e" || fail "export $1"
	jq -e --arg h "$(sha256sum <"$2" | cut -d' ' -f1)" \
	    --argjson n "$(stat -c %s "$2")" --arg t "$3" \
	    '.receipt_sha256 == $h and .receipt_size == $n and
	    .receipt_type == $t' "$T/e" >/dev/null ||
	    fail "entry $1 names its document wrong: $(cat "$T/e")"
}

# Exactly at the limit, each type, named so as to mislead.
doc pdf "$T/a.jpg" $MAX "Faktura A-1"
doc jpeg "$T/b.png" $MAX "Kvittering B"
doc png "$T/c.pdf" $MAX "Scan C"
i=0
for f in a.jpg:application/pdf b.png:image/jpeg c.pdf:image/png; do
	i=$((i + 1))
	s=$(ctl --json spend H-1 10 --category education --voucher "L-$i" \
	    --receipt "$T/${f%%:*}" | json .seq) || fail "spend with ${f%%:*}"
	check_back "$s" "$T/${f%%:*}" "${f#*:}"
done

# Several chunks (1 MiB each) on the other writes that take a voucher.
doc pdf "$T/fund.pdf" 2621440 "Bevillingsbrev"
s=$(ctl --json pool fund pilot 1000 --receipt "$T/fund.pdf" | json .seq) ||
    fail "fund with a document"
check_back "$s" "$T/fund.pdf" application/pdf
r=$(ctl --json reserve H-1 500 --category education | json .seq)
doc jpeg "$T/cap.jpg" 3145731 "Faktura kørekort"
s=$(ctl --json capture "$r" 400 --voucher K-1 --receipt "$T/cap.jpg" | json .seq) ||
    fail "capture with a document"
check_back "$s" "$T/cap.jpg" image/jpeg
doc png "$T/ref.png" 1048577 "Kreditnota"
s=$(ctl --json refund H-1 5 --category education --voucher R-1 \
    --receipt "$T/ref.png" | json .seq) || fail "refund with a document"
check_back "$s" "$T/ref.png" image/png

# Refused whole: empty, one byte over, not a voucher's type.
n=$(ctl --json status | json .entries)
: >"$T/empty.pdf"
expect_code BAD_REQUEST spend H-1 10 --category education --voucher E-1 --receipt "$T/empty.pdf"
case $out in *"bilagsdokumentet er tomt"*) ;; *) fail "empty: $out" ;; esac
doc pdf "$T/over.pdf" $((MAX + 1)) "For stor"
expect_code BAD_REQUEST spend H-1 10 --category education --voucher E-2 --receipt "$T/over.pdf"
case $out in *max_document*) ;; *) fail "over the limit: $out" ;; esac
printf 'GIF89a not a voucher' >"$T/pic.pdf"
expect_code BAD_REQUEST spend H-1 10 --category education --voucher E-3 --receipt "$T/pic.pdf"
case $out in *"ikke en PDF-, JPEG- eller PNG-fil"*) ;; *) fail "type: $out" ;; esac
expect_rc 2 spend H-1 10 --category education --voucher E-4 --receipt "$T/nosuch.pdf"
[ "$(ctl --json status | json .entries)" = "$n" ] || fail "a refusal wrote"

# An entry without a document has none to give; nor has a seq past the end.
expect_code NOT_FOUND receipt "$r"
expect_code NOT_FOUND receipt 999999
ctl audit H-1 | grep -q 'dokument image/jpeg, 3145731 byte' ||
    fail "audit does not show the capture's document"
out=$(ctl verify) || fail "verify: $out"
