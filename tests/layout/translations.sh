#!/bin/sh
# Every text people read has its Danish: the template made anew from the
# sources (po/extract) against po/da.po, none missing, none fuzzy, each
# translation with the % conversions of its English (msgfmt --check), and
# the build's catalogue made from it.
set -eu
B=${1:-build}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

po/extract "$t/now.pot"
if ! msgcmp po/da.po "$t/now.pot" 2>"$t/missing"; then
	echo "texts without Danish in po/da.po (run make po, translate):"
	grep -c 'untranslated\|not defined' "$t/missing" || :
	head -n 40 "$t/missing"
	exit 1
fi
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null po/da.po 2>&1)
case $stats in
*fuzzy*|*untranslated*)
	echo "po/da.po: $stats"
	exit 1
	;;
esac
echo "po/da.po: $stats"
test -s "$B/locale/da/LC_MESSAGES/borgerbudget.mo" ||
    { echo "$B/locale/da/LC_MESSAGES/borgerbudget.mo: not built"; exit 1; }
