# checkpoint --json is {"note": "...", "size": N, "root": "hex"} (SPEC
# §5): the note exactly as the plain command prints it, its tree size and
# its root (the note's base64, in hex); checkpoint --verifier-key --json is
# {"verifier_key": "..."}, the key the plain command prints.
. tests/lib.sh
start_daemon
standard_pool
expect_rc 0 course open H-001 --pool pilot --start "$TODAY" --grant 1000

ctl checkpoint >"$T/note" || fail "checkpoint"
ctl --json checkpoint >"$T/cp.json" || fail "checkpoint --json"
jq -e 'keys == ["note", "root", "size"]' "$T/cp.json" >/dev/null ||
    fail "fields: $(cat "$T/cp.json")"
jq -j .note "$T/cp.json" | cmp -s - "$T/note" ||
    fail "note differs from the plain checkpoint: $(cat "$T/cp.json")"
size=$(json .size <"$T/cp.json")
[ "$size" = "$(sed -n 2p "$T/note")" ] || fail "size $size: $(cat "$T/note")"
root=$(json .root <"$T/cp.json")
[ "$root" = "$(sed -n 3p "$T/note" | base64 -d | od -An -tx1 | tr -d ' \n')" ] ||
    fail "root $root: $(cat "$T/note")"
# The daemon's own view of the tree agrees.
ctl --json status >"$T/status" || fail "status"
[ "$size" = "$(json .entries <"$T/status")" ] && [ "$root" = "$(json .root <"$T/status")" ] ||
    fail "checkpoint $size $root, status $(cat "$T/status")"
[ "$size" -eq 4 ] || fail "size $size, want 4"

ctl checkpoint --verifier-key >"$T/key" || fail "--verifier-key"
ctl --json checkpoint --verifier-key >"$T/key.json" || fail "--verifier-key --json"
jq -e 'keys == ["verifier_key"]' "$T/key.json" >/dev/null ||
    fail "fields: $(cat "$T/key.json")"
[ "$(json .verifier_key <"$T/key.json")" = "$(cat "$T/key")" ] ||
    fail "key: $(cat "$T/key.json") vs $(cat "$T/key")"
