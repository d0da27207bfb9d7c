# budgetctl report categories|pools --format svg: an SVG that parses as
# XML, whose bars' labels, amounts and citizens are <text> elements equal
# to the JSON report; a pool's name with & < > " is escaped; -o writes a
# file and stdout is the default.
. tests/lib.sh
. tests/fixtures/export_journal.sh
start_daemon
export_journal
ctl pool create 'odd' --cap 50000 --months 12 --from "$(day '1 year ago')" \
    --to "$(day '1 year')" --name 'Bolig & "rum" <Ø>' >/dev/null || fail "pool odd"

ctl --json report categories >"$T/cat.json" || fail "report categories"
ctl report categories --format svg -o "$T/cat.svg" || fail "svg -o"
$PY tests/python/draw_check.py svg-categories "$T/cat.svg" "$T/cat.json" ||
    fail "categories svg: $(cat "$T/cat.svg")"
ctl report categories --format svg >"$T/stdout.svg" || fail "svg to stdout"
cmp -s "$T/cat.svg" "$T/stdout.svg" || fail "-o and stdout differ"
# Narrowed: the SVG says so and holds only what the JSON holds.
ctl --json report categories --pool other >"$T/other.json"
ctl report categories --pool other --format svg >"$T/other.svg"
$PY tests/python/draw_check.py svg-categories "$T/other.svg" "$T/other.json" ||
    fail "categories --pool other"
grep -q '>Pulje: other</text>' "$T/other.svg" || fail "the pool filter"

ctl --json report pools >"$T/pools.json" || fail "report pools"
ctl report pools --format svg >"$T/pools.svg" || fail "pools svg"
$PY tests/python/draw_check.py svg-pools "$T/pools.svg" "$T/pools.json" ||
    fail "pools svg: $(cat "$T/pools.svg")"
grep -q 'Bolig &amp; &quot;rum&quot; &lt;Ø&gt;' "$T/pools.svg" ||
    fail "escaping: $(grep odd "$T/pools.svg")"
# Text, not outlines: no paths, no embedded glyphs.
! grep -q '<path\|<symbol\|<use' "$T/pools.svg" "$T/cat.svg" || fail "outlines"
