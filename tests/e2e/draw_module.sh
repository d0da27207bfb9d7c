# The drawing (cairo and pango) is a module budgetctl loads only when it
# draws: every other command runs without those libraries; a budgetctl
# whose module is missing or is another build's says so, draws nothing
# and goes on doing everything else.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon
statement_ledger

ldd "$BUDGETCTL" | grep -E 'cairo|pango' &&
    fail "budgetctl links cairo or pango itself"
ctl statement H-001 --format pdf -o "$T/s.pdf" || fail "statement pdf"
[ "$(head -c 5 "$T/s.pdf")" = "%PDF-" ] || fail "not a PDF"

# A budgetctl alone, without its module beside it (none installed).
mkdir "$T/alone"
cp "$BUDGETCTL" "$T/alone/budgetctl"
cp -R "$TOP/$B/locale" "$T/alone/locale"
[ -e "/usr/local/lib/borgerbudget/budgetctl-draw.so" ] &&
    { echo "skipped: a module is installed under /usr/local/lib"; exit 0; }
"$T/alone/budgetctl" statement H-001 --format pdf -o "$T/none.pdf" \
    2>"$T/err" && fail "drew without its module"
grep -q 'budgetctl-draw.so' "$T/err" || fail "no word of the module: $(cat "$T/err")"
[ -s "$T/none.pdf" ] && fail "a PDF was written without the module"
"$T/alone/budgetctl" statement H-001 >/dev/null ||
    fail "a text statement needs no module"

# Another file where the module should be: refused by name, not run.
printf 'not a shared object' >"$T/alone/budgetctl-draw.so"
"$T/alone/budgetctl" report categories --format svg -o "$T/r.svg" \
    2>"$T/err" && fail "drew with a broken module"
grep -q 'tegnemodulet kan ikke indlæses' "$T/err" || fail "broken module: $(cat "$T/err")"
