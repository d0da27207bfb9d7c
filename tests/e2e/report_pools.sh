# budgetctl report pools on a real journal: a pool's spent is the sum over
# the export of its expense entries, with what is reserved, the courses
# open and closed, what was granted and what a closed course returned;
# the text report shows the utilisation.
. tests/lib.sh
start_daemon
# A journal of every kind of entry over two pools: spends (a note with
# quotes, commas and æøå, a voucher with a semicolon, VAT), a capture, a
# refund, a reversal, an open reservation, a closed course.
standard_pool pilot 200000
standard_pool other 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '2 months ago')" --grant 30000
expect_rc 0 course open H-002 --pool pilot --start "$(day '1 month ago')" --grant 20000
expect_rc 0 course open H-003 --pool other --start "$(day '1 month ago')" --grant 10000
expect_rc 0 spend H-001 4.999,95 --category housing --voucher "JYSK;7" \
    --note 'Sofa, "grå", 3 pers. — æøå' --date "$(day '40 days ago')"
expect_rc 0 spend H-001 1200 --category education --voucher E-1 --vat 240
expect_rc 0 spend H-002 800 --category education --voucher E-2
expect_rc 0 spend H-003 300 --category education --voucher E-3
r=$(ctl --json reserve H-002 2000 --category transport | json .seq)
expect_rc 0 capture "$r" 1750 --voucher T-1
expect_rc 0 refund H-001 999,95 --category housing --voucher K-1
bad=$(ctl --json spend H-002 100 --category leisure --voucher L-1 | json .seq)
expect_rc 0 reverse "$bad" --reason "Forkert borger"
expect_rc 0 reserve H-001 500 --category health
expect_rc 0 course close H-003 --reason moved
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
