# The latest checkpoint, asked for, signs every entry: it is a C2SP signed
# note over the current tree, its Ed25519 signature verifies with the key
# `checkpoint --verifier-key` prints (checked here with PyNaCl), and the
# key survives restarts in a 0600 file outside the database.
. tests/lib.sh
start_daemon
expect_code NOT_FOUND checkpoint

standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$TODAY" --grant 1000
[ "$(stat -c %a "$DB/checkpoint.key")" = 600 ] || fail "key file mode"

verify() {
	ctl checkpoint >"$T/note" || fail "checkpoint"
	ctl checkpoint --verifier-key >"$T/vkey" || fail "verifier key"
	ctl --json status >"$T/status" || fail "status"
	"$PY" - "$T/note" "$T/vkey" "$T/status" <<'PY'
import base64, hashlib, json, re, sys
import nacl.signing
note = open(sys.argv[1], "rb").read().decode()
vkey = open(sys.argv[2]).read().strip()
status = json.load(open(sys.argv[3]))
m = re.fullmatch(r"([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)", vkey)
assert m, "verifier key format: " + vkey
name, keyid, key = m.group(1), bytes.fromhex(m.group(2)), base64.b64decode(m.group(3))
assert key[0] == 1 and len(key) == 33, "key type"
pk = key[1:]
assert hashlib.sha256(name.encode() + b"\n\x01" + pk).digest()[:4] == keyid, "keyid"
body, sigs = note.split("\n\n", 1)
body += "\n"
lines = body.splitlines()
assert len(lines) == 4, "body lines: %r" % lines
# The extension line chains the checkpoints: the size signed before.
assert re.fullmatch("previous (0|[1-9][0-9]*)", lines[3]), "chain: %r" % lines[3]
assert int(lines[3].split()[1]) < int(lines[1]), "chain: %r" % lines
assert lines[0] == name == "budget.example.dk/ledger", "origin"
assert int(lines[1]) == status["entries"], "size %s vs %s" % (lines[1], status["entries"])
assert base64.b64decode(lines[2]).hex() == status["root"], "root"
sm = re.fullmatch("\u2014 (\\S+) ([A-Za-z0-9+/=]+)\n", sigs)
assert sm and sm.group(1) == name, "signature line: %r" % sigs
raw = base64.b64decode(sm.group(2))
assert raw[:4] == keyid, "signature keyid"
nacl.signing.VerifyKey(pk).verify(body.encode(), raw[4:])
try:
    nacl.signing.VerifyKey(pk).verify(body.replace(lines[1], str(int(lines[1]) + 1)).encode(), raw[4:])
    raise SystemExit("a forged size verified")
except nacl.exceptions.BadSignatureError:
    pass
print(lines[1])
PY
}
size=$(verify) || fail "checkpoint does not verify"
[ "$size" = 4 ] || fail "size $size"
key1=$(ctl checkpoint --verifier-key)

stop_daemon
start_daemon
[ "$(ctl checkpoint --verifier-key)" = "$key1" ] || fail "key changed on restart"
size=$(verify) || fail "after restart"
[ "$size" = 4 ] || fail "size after restart $size"
expect_rc 0 spend H-001 10 --category other --voucher V
size=$(verify) || fail "after a spend"
[ "$size" = 5 ] || fail "size $size"
# A refused write appends nothing and signs nothing new.
expect_code INSUFFICIENT_FUNDS spend H-001 5000 --category other --voucher V
[ "$(verify)" = 5 ] || fail "refusal moved the checkpoint"

# A key file that is not a key stops the daemon at start.
stop_daemon
printf 'short' >"$T/bad.key"
printf '[daemon]\nsigning_key = %s/bad.key\n' "$T" >"$T/bad.conf"
if "$BUDGETD" -f -c "$T/bad.conf" -D "$DB" -S "$BUDGETD_SOCKET" 2>"$T/err"; then
	fail "started with a bad key"
fi
grep -q 'bad.key' "$T/err" || fail "bad key not named: $(cat "$T/err")"
