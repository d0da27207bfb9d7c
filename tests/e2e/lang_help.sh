# One language per screen: budgetctl's help, a command's usage, a usage
# error, an unreachable socket and course show are Danish by default,
# also where the locale is C or C.UTF-8, and English when the locale asks
# for it (LANGUAGE=en, LC_MESSAGES=en_GB.UTF-8). Each compared line by
# line with what a caseworker reads.
. tests/lib.sh

# as WHO command...: budgetctl in one of four environments, stdout and
# stderr together.
as() {
	who=$1
	shift
	case $who in
	da-c-utf8)	set -- env -u LANGUAGE -u LC_ALL -u LC_MESSAGES \
			    LANG=C.UTF-8 "$BUDGETCTL" "$@" ;;
	da-c)		set -- env -u LANGUAGE -u LC_MESSAGES LANG=C.UTF-8 \
			    LC_ALL=C "$BUDGETCTL" "$@" ;;
	en-language)	set -- env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 \
			    LANGUAGE=en "$BUDGETCTL" "$@" ;;
	en-messages)	set -- env -u LANGUAGE -u LC_ALL LANG=C.UTF-8 \
			    LC_MESSAGES=en_GB.UTF-8 "$BUDGETCTL" "$@" ;;
	esac
	"$@" 2>&1
}

# same WHAT EXPECTED-FILE ACTUAL: the lines, exactly.
same() {
	printf '%s\n' "$3" >"$T/got"
	diff -u "$2" "$T/got" >"$T/diff" || fail "$1: $(cat "$T/diff")"
}

# check LANGUAGE-SET NAME FILTER command...: the output (put through
# FILTER: a sed script) against $T/NAME.LANGUAGE-SET in every environment
# of that language.
check() {
	set_=$1 name=$2 filter=$3
	shift 3
	for who in $(envs "$set_"); do
		out=$(as "$who" "$@" | sed -n "$filter")
		same "$name, $who" "$T/$name.$set_" "$out"
	done
}
envs() {
	case $1 in
	da) echo da-c-utf8 da-c ;;
	en) echo en-language en-messages ;;
	esac
}

# budgetctl --help: its first lines and its last.
cat >"$T/help-head.da" <<'X'
brug: budgetctl [-S SOCKET] [--json] [--id UUID] COMMAND ...

kommandoer:
X
cat >"$T/help-head.en" <<'X'
usage: budgetctl [-S SOCKET] [--json] [--id UUID] COMMAND ...

commands:
X
cat >"$T/help-tail.da" <<'X'

Beløb i kroner: 1234, 1234.50, 1234,50, 1.234,50. Datoer ÅÅÅÅ-MM-DD, som standard i dag.
Soklen: -S, ellers $BUDGETD_SOCKET, ellers /run/borgerbudget/budgetd.sock.
'budgetctl help KOMMANDO' eller 'KOMMANDO --help' viser en kommandos brug; '--' afslutter tilvalgene.
X
cat >"$T/help-tail.en" <<'X'

Amounts in kroner: 1234, 1234.50, 1234,50, 1.234,50. Dates YYYY-MM-DD, today by default.
The socket: -S, else $BUDGETD_SOCKET, else /run/borgerbudget/budgetd.sock.
'budgetctl help COMMAND' or 'COMMAND --help' shows a command's usage; '--' ends the options.
X
for l in da en; do
	check $l help-head 1,3p --help
	n=$(as "$(envs $l | cut -d' ' -f1)" --help | wc -l)
	check $l help-tail "$((n - 3)),\$p" --help
done

# help spend: the usage, its syntax as SPEC gives it.
syntax='spend CITIZEN AMOUNT --category CAT --voucher REF [--date DATE] [--vat AMOUNT] [--receipt FILE] [--note TEXT]'
echo "brug: budgetctl $syntax" >"$T/help-spend.da"
echo "usage: budgetctl $syntax" >"$T/help-spend.en"
for l in da en; do
	check $l help-spend p help spend
done

# A usage error: what is wrong, then the usage (exit 2).
cat >"$T/usage.da" <<X
budgetctl: AMOUNT: ikke et beløb i kroner: 12x (1234, 1234,50 eller 1.234,50)
brug: budgetctl $syntax
X
cat >"$T/usage.en" <<X
budgetctl: AMOUNT: not an amount in kroner: 12x (1234, 1234,50 or 1.234,50)
usage: budgetctl $syntax
X
for l in da en; do
	check $l usage p spend H-001 12x --category other --voucher A-1
	for who in $(envs $l); do
		as "$who" spend H-001 12x >/dev/null
		[ $? -eq 2 ] || fail "usage error, $who: not exit 2"
	done
done

# A socket where no daemon is (exit 3).
echo "budgetctl: kan ikke nå budgetd på $T/nosuch.sock: der er ingen sokkel dér" >"$T/unreachable.da"
echo "budgetctl: cannot reach budgetd at $T/nosuch.sock: there is no socket there" >"$T/unreachable.en"
for l in da en; do
	check $l unreachable p -S "$T/nosuch.sock" status
	for who in $(envs $l); do
		as "$who" -S "$T/nosuch.sock" status >/dev/null
		[ $? -eq 3 ] || fail "unreachable, $who: not exit 3"
	done
done

# course show of a course with fixed dates and amounts.
start_daemon
ctl pool create pilot --cap 50000 --months 12 --from 2020-01-01 \
    --to 2039-12-31 --grace 30 --name Pilot >/dev/null || fail "pool create"
ctl pool fund pilot 100000 >/dev/null || fail "pool fund"
ctl course open H-001 --pool pilot --start 2026-01-15 --grant 20000 \
    >/dev/null || fail "course open"
ctl spend H-001 1234,50 --category education --voucher A-1 \
    --date 2026-02-01 >/dev/null || fail "spend"
cat >"$T/course.da" <<'X'
borger         H-001, forløb 1 (åben)
pulje          pilot
periode        2026-01-15 til 2027-01-14, 30 dages frist
loft               50.000,00 kr.
bevilget           20.000,00 kr.
reserveret              0,00 kr.
forbrugt            1.234,50 kr.
til rådighed       18.765,50 kr.
X
cat >"$T/course.en" <<'X'
citizen        H-001, course 1 (open)
pool           pilot
period         2026-01-15 to 2027-01-14, 30 days' grace
cap                50.000,00 kr.
granted            20.000,00 kr.
reserved                0,00 kr.
spent               1.234,50 kr.
available          18.765,50 kr.
X
for l in da en; do
	check $l course p course show H-001
done
