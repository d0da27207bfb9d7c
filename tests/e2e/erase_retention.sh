# Erasure after retention (SPEC §4), on the daemon's own clock (faketime):
# refused with RETENTION_NOT_REACHED while a course is open or closed less
# than retention_years before the end of its closing year, then with
# NOT_ARCHIVED until an archive record covers the citizen's entries; then
# the citizen's texts and documents go, every leaf, proof and checkpoint
# still verifies, and the statement, audit and export show the entries
# with the text as erased. Twice, unknown, by another role: refused.
. tests/lib.sh
. tests/fixtures/faketime.sh
. tests/fixtures/documents.sh
. tests/fixtures/erasure.sh
py_protocol

at "2018-02-01 10:00:00"
start_daemon
ctl pool create p18 --cap 50000 --months 12 --from 2018-01-01 --to 2019-12-31 >/dev/null
ctl pool fund p18 100000 >/dev/null
expect_rc 0 course open H-1 --pool p18 --start 2018-01-15 --grant 10000
expect_rc 0 course open H-2 --pool p18 --start 2018-01-15 --grant 10000
doc pdf "$T/inv.pdf" 70000 "Faktura, Tandlægen i Hundested"
doc png "$T/shared.png" 5000 "Faelles faktura"
s1=$(ctl --json spend H-1 700 --category health --voucher T-1 --date 2018-01-20 \
    --note "Tandlæge, akut smerte" --receipt "$T/inv.pdf" | json .seq)
expect_rc 0 spend H-1 100 --category other --voucher F-9 --date 2018-01-21 --receipt "$T/shared.png"
expect_rc 0 spend H-2 100 --category other --voucher F-9 --date 2018-01-21 --receipt "$T/shared.png"
expect_rc 0 course close H-1 --reason moved --date 2018-02-01
key=$(ctl checkpoint --verifier-key)
stop_daemon


# 2023: the close was in 2018, kept until 2023-12-31.
at "2023-06-01 10:00:00"
start_daemon
expect_code RETENTION_NOT_REACHED erase H-1 --reason "Opbevaringstiden er udløbet"
case $out in *"gemmes til og med 2023-12-31"*) ;; *) fail "the end is not named: $out" ;; esac
stop_daemon

# 2024: retention passed for H-1; H-2's course ran to its end and the
# daemon closed it only now, so H-2 is kept until 2029.
at "2024-01-03 10:00:00"
chmod 755 "$T"
printf '[daemon]\nsocket_mode = 0666\n[roles]\nadmin = 0\ncaseworker = 60001\nauditor = 60003\n' \
    >"$T/roles.conf"
start_daemon -c "$T/roles.conf"
# Erasure and archive records are the admin's; a voucher is not the
# auditor's to send.
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
	for who in 60001 60003; do
		out=$(setpriv --reuid=$who --regid=$who --clear-groups \
		    "$BUDGETCTL" --json erase H-1 --reason "x" 2>&1)
		case $out in *PERMISSION_DENIED*) ;; *) fail "uid $who erased: $out" ;; esac
	done
	out=$(setpriv --reuid=60003 --regid=60003 --clear-groups \
	    "$BUDGETCTL" --json spend H-1 1 --category other --voucher X \
	    --receipt "$T/inv.pdf" 2>&1)
	case $out in *PERMISSION_DENIED*) ;; *) fail "the auditor uploaded: $out" ;; esac
else
	echo "skipped: the roles (setpriv and root needed)"
fi
expect_code RETENTION_NOT_REACHED erase H-2 --reason "x"
expect_code NOT_ARCHIVED erase H-1 --reason "Opbevaringstiden er udløbet"
n=$(ctl --json status | json .entries)
archive_record H-1 $((s1 - 1))		# a package that stops short of H-1's last
expect_code NOT_ARCHIVED erase H-1 --reason "Opbevaringstiden er udløbet"
archive_record "" "$n"			# the whole journal
expect_code BAD_REQUEST erase H-1 --reason ""
expect_code NOT_FOUND erase H-9 --reason "x"
expect_code CPR_NOT_ALLOWED erase 010203-1234 --reason "x"
out=$(ctl --json erase H-1 --reason "Opbevaringstiden er udløbet") || fail "erase: $out"
# The spend's note and invoice; the voucher H-2's entry names too stays.
[ "$(echo "$out" | json .erased)" = 1 ] || fail "erased: $out"
e=$(echo "$out" | json .seq)
expect_code BAD_REQUEST erase H-1 --reason "igen"
case $out in *"slettet ved postering $e"*) ;; *) fail "twice: $out" ;; esac

# What is left: amounts, dates, vouchers' numbers; no text, no document
# but the one H-2 shares.
ctl export --since 0 >"$T/all.jsonl"
jq -e -s --argjson s "$s1" '.[] | select(.seq == $s) | .erased == true and
    .note == "" and .note_salt == "" and .amount == 70000 and
    .voucher == "T-1" and (.receipt_sha256 | length) == 64' "$T/all.jsonl" \
    >/dev/null || fail "the erased spend: $(grep "\"seq\":$s1," "$T/all.jsonl")"
jq -e -s '[.[] | select(.citizen == "H-2") | .erased] | all(. == false)' \
    "$T/all.jsonl" >/dev/null || fail "H-2 was erased too"
jq -e -s --argjson e "$e" '.[] | select(.seq == $e) | .op == "erase" and
    .note == "Opbevaringstiden er udløbet"' "$T/all.jsonl" >/dev/null ||
    fail "the erasure entry: $(grep "\"seq\":$e," "$T/all.jsonl")"
expect_code NOT_FOUND receipt "$s1"
ctl receipt $((s1 + 1)) | cmp -s - "$T/shared.png" || fail "the shared document went"
ctl statement H-1 | grep -q "tekst og bilag slettet" || fail "statement: $(ctl statement H-1)"
ctl audit H-1 | grep -q "tekst og bilag slettet" || fail "audit"
[ "$(ctl proof "$s1" --json | json .erased)" = true ] || fail "proof"
out=$(ctl verify) || fail "verify: $out"
stop_daemon
"$REAL_BUDGETD" verify --db "$DB" --key "$key" >"$T/out" 2>&1 ||
    fail "offline verify: $(cat "$T/out")"
grep -q "Tandlæge, akut" "$DB"/* && fail "the erased note is still in the data directory"
grep -q "Tandlægen i Hundested" "$DB"/* && fail "the erased document is still in the data directory"
echo "erased: entry $s1's text and document; verified"
