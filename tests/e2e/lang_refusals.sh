# A refusal is worded in the language of the client that asked, not the
# daemon's: Danish by default, also where the locale is C or C.UTF-8, and
# English where LANGUAGE or LC_MESSAGES asks for it. Its code is the same
# in both. The daemon runs in English here, so the Danish comes from the
# request.
. tests/lib.sh
LANGUAGE=en start_daemon

standard_pool pilot
expect_rc 0 course open H-001 --pool pilot --start "$(day '1 month ago')" \
    --grant 49000

da_cap='en bevilling på 2.000,00 kr. ville overskride forløbets loft på '\
'50.000,00 kr.; 49.000,00 kr. er allerede bevilget'
en_cap='a grant of 2.000,00 kr. would exceed the course cap of 50.000,00 '\
'kr.; 49.000,00 kr. is granted already'
da_voucher='bilaget indeholder U+202E, et usynligt tegn for skriveretning'
en_voucher='the voucher holds U+202E, an invisible bidirectional control'
rlo=$(printf 'K-\342\200\2561')

# refused HOW WANT CODE budgetctl-arguments...: exit 1, and the message
# after the code exactly WANT; HOW is env's arguments for the language.
refused() {
	how=$1
	want=$2
	code=$3
	shift 3
	# shellcheck disable=SC2086
	out=$(env $how "$BUDGETCTL" "$@" 2>&1)
	rc=$?
	[ $rc -eq 1 ] || fail "$how budgetctl $*: exit $rc; output: $out"
	case $out in
	*"$code: "*) ;;
	*) fail "$how budgetctl $*: no $code in: $out" ;;
	esac
	[ "${out#*"$code: "}" = "$want" ] ||
	    fail "$how budgetctl $*: got '${out#*"$code: "}', want '$want'"
}

danish="-u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8"
posix="-u LANGUAGE -u LANG -u LC_MESSAGES LC_ALL=C"
english="-u LC_ALL LANGUAGE=en"
messages="-u LANGUAGE -u LC_ALL LANG=C.UTF-8 LC_MESSAGES=en_US.UTF-8"

for how in "$danish" "$posix"; do
	refused "$how" "$da_cap" CAP_EXCEEDED grant H-001 2000
	refused "$how" "$da_voucher" BAD_REQUEST spend H-001 10 \
	    --category transport --voucher "$rlo"
done
for how in "$english" "$messages"; do
	refused "$how" "$en_cap" CAP_EXCEEDED grant H-001 2000
	refused "$how" "$en_voucher" BAD_REQUEST spend H-001 10 \
	    --category transport --voucher "$rlo"
done

# --json: the same code in both languages, each message in its own.
# shellcheck disable=SC2086
da=$(env $danish "$BUDGETCTL" --json grant H-001 2000 2>&1)
# shellcheck disable=SC2086
en=$(env $english "$BUDGETCTL" --json grant H-001 2000 2>&1)
[ "$(echo "$da" | json .code)" = CAP_EXCEEDED ] || fail "Danish --json: $da"
[ "$(echo "$en" | json .code)" = CAP_EXCEEDED ] || fail "English --json: $en"
[ "$(echo "$da" | json .message)" = "$da_cap" ] || fail "Danish --json: $da"
[ "$(echo "$en" | json .message)" = "$en_cap" ] || fail "English --json: $en"

# Nothing of the refusals was written.
out=$(ctl --json course show H-001)
[ "$(echo "$out" | json .granted)" = 4900000 ] || fail "granted: $out"
[ "$(echo "$out" | json .spent)" = 0 ] || fail "spent: $out"
