# The journal is an RFC 6962 tree kept in the same transaction as the
# entries: the root the daemon reports equals one computed here, from the
# exported leaf hashes, by the RFC's own recursive definition, also after
# a restart and a kill -9.
. tests/lib.sh
start_daemon

root_of_export() {
	ctl export --since 0 | "$PY" -c '
import hashlib, json, sys
leaves = [bytes.fromhex(json.loads(l)["leaf_hash"]) for l in sys.stdin]
def mth(h):
    if not h:
        return hashlib.sha256(b"").digest()
    if len(h) == 1:
        return h[0]
    k = 1
    while k * 2 < len(h):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(h[:k]) + mth(h[k:])).digest()
print(mth(leaves).hex())'
}
check_root() {
	want=$(root_of_export) || fail "export"
	got=$(ctl --json status | json .root)
	[ "$got" = "$want" ] || fail "$1: daemon root $got, computed $want"
}

check_root "empty"
standard_pool pilot 100000
check_root "2 entries"
i=0
while [ $i -lt 13 ]; do
	expect_rc 0 course open "H-$i" --pool pilot --start "$TODAY" --grant 100
	i=$((i + 1))
done
check_root "28 entries"
stop_daemon
start_daemon
expect_rc 0 spend H-3 1 --category other --voucher V
check_root "after a restart"
kill_daemon
start_daemon
expect_rc 0 spend H-4 1 --category other --voucher V
check_root "after kill -9"
