# What the leaves commit to but do not hold is checked by budgetd verify:
# a changed byte of a voucher document, a changed text, a changed salt, a
# text or a document gone, a document no entry names, an entry's document
# swapped for another's. Each fails and names what is wrong; the untouched
# database verifies.
. tests/lib.sh
. tests/fixtures/documents.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 20000
doc pdf "$T/a.pdf" 300000 "Faktura A"
doc png "$T/b.png" 5000 "Kvittering B"
s1=$(ctl --json spend H-1 100 --category health --voucher A --note "Tandlæge" \
    --receipt "$T/a.pdf" | json .seq)
s2=$(ctl --json spend H-1 100 --category other --voucher B --note "Briller" \
    --receipt "$T/b.png" | json .seq)
key=$(ctl checkpoint --verifier-key)
stop_daemon
ha=$(sha256sum <"$T/a.pdf" | cut -d' ' -f1)
hb=$(sha256sum <"$T/b.png" | cut -d' ' -f1)
"$BUDGETD" verify --db "$DB" --key "$key" >"$T/out" 2>&1 ||
    fail "untouched: $(cat "$T/out")"

# tamper CASE PYTHON WANT: a copy changed by PYTHON (txn, texts, docs,
# seq(), sha()) must fail verify with WANT in its message.
tamper() {
	rm -rf "$T/copy"
	cp -r "$DB" "$T/copy"
	"$PY" - "$T/copy" "$ha" "$hb" <<PYEOF || fail "$1: tampering failed"
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=64, map_size=1 << 30)
texts = env.open_db(b"texts", create=False)
docs = env.open_db(b"documents", create=False)
def seq(n): return n.to_bytes(8, "big")
def sha(i): return bytes.fromhex(sys.argv[2 + i])
with env.begin(write=True) as txn:
$2
PYEOF
	"$BUDGETD" verify --db "$T/copy" --key "$key" >"$T/out" 2>&1 &&
	    fail "$1: not caught: $(cat "$T/out")"
	grep -q "$3" "$T/out" || fail "$1: want '$3', got: $(cat "$T/out")"
	echo "caught: $1: $(grep "FEJL:" "$T/out")"
}

tamper "a document byte" '
    d = bytearray(txn.get(sha(0), db=docs)); d[150000] ^= 1
    txn.put(sha(0), bytes(d), db=docs)' \
    "documents: bilagsdokumentet for postering $s1 passer ikke med sin SHA-256"
tamper "a text" "
    v = bytearray(txn.get(seq($s1), db=texts)); v[-2] ^= 1
    txn.put(seq($s1), bytes(v), db=texts)" \
    "texts: teksten eller saltet for postering $s1 passer ikke med bindingen"
tamper "a salt" "
    v = bytearray(txn.get(seq($s2), db=texts)); v[5] ^= 0x80
    txn.put(seq($s2), bytes(v), db=texts)" \
    "texts: teksten eller saltet for postering $s2 passer ikke med bindingen"
tamper "a text gone" "
    txn.delete(seq($s2), db=texts)" \
    "texts: teksten for postering $s2 mangler"
tamper "a text for an entry without one" "
    txn.put(seq(1), b'0123456789abcdefhej\\0', db=texts)" \
    "texts: en række for postering 1, som ikke binder sig til nogen tekst"
tamper "a document gone" '
    txn.delete(sha(1), db=docs)' \
    "documents: bilagsdokumentet for postering $s2 mangler"
tamper "a document no entry names" '
    import hashlib
    d = b"%PDF-1.4 planted"
    txn.put(hashlib.sha256(d).digest(), d, db=docs)' \
    "documents: et ekstra bilagsdokument"
tamper "documents swapped" '
    a, b = txn.get(sha(0), db=docs), txn.get(sha(1), db=docs)
    txn.put(sha(0), b, db=docs); txn.put(sha(1), a, db=docs)' \
    "passer ikke med sin SHA-256"
