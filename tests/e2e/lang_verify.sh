# The verifier and the configuration check speak Danish by default, also
# where the locale is C or C.UTF-8, and English when the locale asks for
# it: budgetd verify --db and budgetd -n on the command line in the
# process's language, budgetctl verify in the asking client's.
. tests/lib.sh

start_daemon
standard_pool pilot
ctl course open L-1 --pool pilot --start "$(day '1 month ago')" \
    --grant 1000 >/dev/null || fail "course"
n=$(ctl export --since 0 | wc -l)
[ "$n" -gt 0 ] || fail "no entries"

# budgetctl verify: the daemon words its answer in the client's language.
out=$(env -u LANGUAGE -u LC_ALL LANG=C.UTF-8 "$BUDGETCTL" verify) ||
    fail "budgetctl verify (da): $out"
case $out in
"kontrollerede $n posteringer: rækkefølge, kæder pr. borger, hver regel, hver tabel, rod "*" signerede kontrolpunkter") ;;
*) fail "budgetctl verify (da): $out" ;;
esac
out=$(LANGUAGE=en "$BUDGETCTL" verify) || fail "budgetctl verify (en): $out"
case $out in
"verified $n entries: sequence, per-citizen chains, every rule, every table, root "*" signed checkpoints") ;;
*) fail "budgetctl verify (en): $out" ;;
esac
stop_daemon

# budgetd verify --db: the process's language, Danish unless asked.
root=
for env in "env -u LANGUAGE -u LC_ALL LANG=C.UTF-8" "env -u LANGUAGE LC_ALL=C"; do
	$env "$BUDGETD" verify --db "$DB" >"$T/out" 2>"$T/err" ||
	    fail "$env: verify: $(cat "$T/out" "$T/err")"
	grep -qx "kontrollerede $n posteringer: rækkefølge, kæder pr. borger, hver regel, hver tabel, rod [0-9a-f]\{64\}, [0-9]* signerede kontrolpunkter" "$T/out" ||
	    fail "$env: verdict: $(cat "$T/out")"
	grep -qxF "budgetd verify: intet --key: kontrollerer signaturen med nøglen i $DB/checkpoint.key; angiv --key med en nøgle, du stoler på" "$T/err" ||
	    fail "$env: notice: $(cat "$T/err")"
done
LANGUAGE=en "$BUDGETD" verify --db "$DB" >"$T/out" 2>"$T/err" ||
    fail "en: verify: $(cat "$T/out" "$T/err")"
grep -qx "verified $n entries: sequence, per-citizen chains, every rule, every table, root [0-9a-f]\{64\}, [0-9]* signed checkpoints" "$T/out" ||
    fail "en: verdict: $(cat "$T/out")"
grep -qxF "budgetd verify: no --key: checking the signature with the key in $DB/checkpoint.key; pass --key with a key you trust" "$T/err" ||
    fail "en: notice: $(cat "$T/err")"

# A failed verification says FEJL in Danish, FAILED in English.
mkdir "$T/garbage"
head -c 65536 /dev/zero >"$T/garbage/data.mdb"
env -u LANGUAGE -u LC_ALL LANG=C.UTF-8 "$BUDGETD" verify --db "$T/garbage" \
    >"$T/out" 2>&1 && fail "garbage verified"
grep -qxF "budgetd verify: FEJL: $T/garbage: ikke en borgerbudget-database, LMDB kan åbne" "$T/out" ||
    fail "da: failure: $(cat "$T/out")"
LANGUAGE=en "$BUDGETD" verify --db "$T/garbage" >"$T/out" 2>&1 &&
    fail "garbage verified"
grep -qxF "budgetd verify: FAILED: $T/garbage: not a borgerbudget database LMDB can open" "$T/out" ||
    fail "en: failure: $(cat "$T/out")"

# budgetd -n: a configuration error, the file and line, in either.
printf '[daemon]\nsocket_mode = 999\n' >"$T/bad.conf"
env -u LANGUAGE -u LC_ALL LANG=C.UTF-8 "$BUDGETD" -n -c "$T/bad.conf" \
    >"$T/out" 2>&1 && fail "bad.conf accepted"
grep -q " budgetd: $T/bad.conf:2: socket_mode: ikke en oktal tilstand: 999\$" "$T/out" ||
    fail "da: config error: $(cat "$T/out")"
env -u LANGUAGE LC_ALL=C "$BUDGETD" -n -c "$T/bad.conf" >"$T/out" 2>&1 &&
    fail "bad.conf accepted"
grep -q " budgetd: $T/bad.conf:2: socket_mode: ikke en oktal tilstand: 999\$" "$T/out" ||
    fail "C: config error: $(cat "$T/out")"
LANGUAGE=en "$BUDGETD" -n -c "$T/bad.conf" >"$T/out" 2>&1 &&
    fail "bad.conf accepted"
grep -q " budgetd: $T/bad.conf:2: socket_mode: not an octal mode: 999\$" "$T/out" ||
    fail "en: config error: $(cat "$T/out")"
[ "$(env -u LANGUAGE -u LC_ALL LANG=C.UTF-8 "$BUDGETD" -n)" = \
    "indbyggede standarder: konfigurationen er i orden" ] ||
    fail "da: defaults not OK"
[ "$(LANGUAGE=en "$BUDGETD" -n)" = "built-in defaults: configuration OK" ] ||
    fail "en: defaults not OK"
