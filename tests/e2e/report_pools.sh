# budgetctl report pools on a real journal: a pool's spent is the sum over
# the export of its expense entries, with what is reserved, the courses
# open and closed, what was granted and what a closed course returned;
# the text report shows the utilisation.
. tests/lib.sh
. tests/fixtures/export_journal.sh
start_daemon
export_journal
ctl export --since 0 >"$T/all.jsonl" || fail "export jsonl"

ctl --json report pools --pool pilot >"$T/pools.json" || fail "report pools"
spent=$(jq -s '[.[] | select(.pool == "pilot") |
    if (.debit | startswith("expense:")) then .amount
    elif (.credit | startswith("expense:")) then -.amount else 0 end] | add' "$T/all.jsonl")
jq -e ".[0].spent == $spent and .[0].reserved == 50000 and .[0].courses_open == 2 and
    .[0].granted == 5000000" "$T/pools.json" >/dev/null || fail "report pools: $(cat "$T/pools.json") spent $spent"
ctl --json report pools --pool other | jq -e '.[0].courses_closed == 1 and .[0].returned == 970000' \
    >/dev/null || fail "report pools other: $(ctl --json report pools --pool other)"
ctl report pools | grep -q "udnyttelse" || fail "report pools text"
