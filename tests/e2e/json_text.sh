# budgetctl writes its JSON by hand: text with quotes, backslashes and
# non-ASCII comes back exactly, numbers and times are right, and the
# leaf hash is SHA-256(0x00 || the entry's bytes) in statement, audit and
# export alike.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-1 --pool pilot --start "$(day '1 month ago')" --grant 20000
note='Citat "her", sti C:\tmp\ og æøå € 🙂'
voucher='V"\1'
before=$(date +%s)
expect_rc 0 spend H-1 1.234,56 --category other --voucher "$voucher" --note "$note"
after=$(date +%s)

ctl --json statement H-1 >"$T/st" || fail "statement"
ctl --json audit H-1 >"$T/au" || fail "audit"
ctl --json export --since 0 >"$T/ex" || fail "export"
for f in st au; do
	jq -e . "$T/$f" >/dev/null || fail "$f: not JSON: $(cat "$T/$f")"
done
last() { jq -c '.lines[-1]' "$T/$1"; }
[ "$(last st | jq -r .note)" = "$note" ] || fail "note: $(last st)"
[ "$(last st | jq -r .voucher)" = "$voucher" ] || fail "voucher: $(last st)"
[ "$(last st | jq -r .amount)" = 123456 ] || fail "amount: $(last st)"
[ "$(last st | jq -r .balance)" = 1876544 ] || fail "balance: $(last st)"
[ "$(tail -n 1 "$T/ex" | jq -r .note)" = "$note" ] || fail "export note"

# recorded_at is UTC to the microsecond, taken while the spend ran.
at=$(last st | jq -r .recorded_at)
echo "$at" | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$' ||
    fail "recorded_at: $at"
s=$(date -u -d "$(echo "$at" | sed 's/T/ /; s/\..*//')" +%s)
[ "$s" -ge "$before" ] && [ "$s" -le "$after" ] ||
    fail "recorded_at $at is not between $before and $after"

# The same entry, the same fields, wherever it is printed.
fields='{seq,id,recorded_at,value_date,op,debit,credit,amount,citizen,course,pool,category,voucher,vat,note,reverses,actor,leaf_hash}'
a=$(last st | jq -c "$fields")
[ "$(jq -c ".entries[-1] | $fields" "$T/au")" = "$a" ] ||
    fail "audit differs: $(jq -c '.entries[-1]' "$T/au")"
[ "$(tail -n 1 "$T/ex" | jq -c "$fields")" = "$a" ] ||
    fail "export differs: $(tail -n 1 "$T/ex")"

# leaf_hash against the stored bytes, read from the database.
seq=$(last st | jq -r .seq)
stop_daemon
want=$("$PY" - "$DB" "$seq" <<'EOF'
import hashlib, lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=16, readonly=True, lock=False)
with env.begin() as txn:
    leaf = txn.get(int(sys.argv[2]).to_bytes(8, "big"), db=env.open_db(b"entries", txn=txn, create=False))
print(hashlib.sha256(b"\0" + leaf).hexdigest())
EOF
)
[ "$(printf "%s\n" "$a" | jq -r .leaf_hash)" = "$want" ] || fail "leaf_hash: $a, want $want"
