# SPEC §5 Roles: a reversal belongs to the role that may make the original.
# Accounting reverses funding, caseworkers reverse grants and purchases,
# admin may do both; the replay (verify) holds every reversal to the same.
. tests/lib.sh
command -v setpriv >/dev/null || { echo "skipped: setpriv missing"; exit 0; }
[ "$(id -u)" -eq 0 ] || { echo "skipped: switching uid needs root"; exit 0; }
chmod 755 "$T"
CASE=60001
ACCT=60002
AUDIT=60003
printf '[daemon]\nsocket_mode = 0666\n[roles]\nadmin = 0\ncaseworker = %s\naccounting = %s\nauditor = %s\n' \
    "$CASE" "$ACCT" "$AUDIT" >"$T/budgetd.conf"
start_daemon -c "$T/budgetd.conf"

# as UID args...: budgetctl --json under that uid; sets out and rc.
as() {
	uid=$1
	shift
	out=$(setpriv --reuid="$uid" --regid="$uid" --clear-groups \
	    "$BUDGETCTL" --json "$@" 2>&1)
	rc=$?
}
as_ok() {
	as "$@"
	[ $rc -eq 0 ] || fail "uid $1: budgetctl $*: exit $rc: $out"
}
as_denied() {
	as "$@"
	[ $rc -eq 1 ] || fail "uid $1: budgetctl $*: exit $rc, want 1: $out"
	case $out in
	*'"code":"PERMISSION_DENIED"'*) ;;
	*) fail "uid $1: budgetctl $*: want PERMISSION_DENIED: $out" ;;
	esac
}

ctl pool create pilot --cap 50000 --months 12 --from "$(day '2 years ago')" \
    --to "$(day '2 years')" --grace 30 >/dev/null || fail "pool create"
as_ok $ACCT pool fund pilot 100000
f1=$(echo "$out" | json .seq)
as_ok $ACCT pool fund pilot 5000
f2=$(echo "$out" | json .seq)
as_ok $ACCT pool fund pilot 5000
f3=$(echo "$out" | json .seq)
as_ok $CASE course open H-070 --pool pilot --start "$(day '1 month ago')"
as_ok $CASE grant H-070 20000
g1=$(echo "$out" | json .seq)
as_ok $CASE grant H-070 1000
g2=$(echo "$out" | json .seq)
as_ok $CASE spend H-070 500 --category education --voucher F-1
s1=$(echo "$out" | json .seq)
as_ok $CASE refund H-070 100 --category education --voucher K-1
r1=$(echo "$out" | json .seq)

# A caseworker may not reverse funding; the refusal names role and entry.
as_denied $CASE reverse "$f2" --reason "fejl"
case $out in
*caseworker*pool_fund*accounting*) ;;
*) fail "caseworker's refusal does not name role and operation: $out" ;;
esac
# Accounting may not reverse a grant, a spend or a refund.
as_denied $ACCT reverse "$g2" --reason "fejl"
case $out in
*accounting*grant*caseworker*) ;;
*) fail "accounting's refusal does not name role and operation: $out" ;;
esac
as_denied $ACCT reverse "$s1" --reason "fejl"
as_denied $ACCT reverse "$r1" --reason "fejl"
# An auditor reverses nothing.
as_denied $AUDIT reverse "$f2" --reason "fejl"
as_denied $AUDIT reverse "$g2" --reason "fejl"
[ "$(ctl --json pool show pilot | json .funded)" = 11000000 ] ||
    fail "a refused reversal moved money: $(ctl --json pool show pilot)"

# Each reverses what is theirs; admin may do both.
as_ok $ACCT reverse "$f2" --reason "dobbeltbogført"
as_ok $CASE reverse "$r1" --reason "fejl"
as_ok $CASE reverse "$s1" --reason "fejl"
as_ok $CASE reverse "$g2" --reason "fejl"
expect_rc 0 reverse "$f3" --reason "fejl"
expect_rc 0 reverse "$g1" --reason "fejl"
[ "$(ctl --json pool show pilot | json .balance)" = 10000000 ] ||
    fail "balance after reversals: $(ctl --json pool show pilot)"
[ "$f1" -gt 0 ] || fail "no first funding"
balanced H-070
# verify replays the whole journal: admin and auditor only.
as_denied $CASE verify
as_denied $ACCT verify
as_ok $AUDIT verify

stop_daemon
"$BUDGETD" verify --db "$DB" >/dev/null 2>&1 || fail "offline verify: $("$BUDGETD" verify --db "$DB" 2>&1)"
