# budgetctl export --format erp books an entry on the day it was recorded,
# in Copenhagen, with its value date in a column of its own: a funding
# recorded on 2026-12-02 with value date 2025-06-01 is booked in 2026, not
# into a year the finance department has closed. The daemon runs on a
# faked clock; the second funding is recorded at 00:30 in Copenhagen,
# still the day before in UTC, and is booked on the Copenhagen day. The
# accounts are the built-in chart.
. tests/lib.sh
. tests/fixtures/faketime.sh

at "2026-12-02 10:00:00"
start_daemon
expect_rc 0 pool create sbst --cap 50000 --months 12 --from 2025-01-01 \
    --to 2027-12-31
expect_rc 0 pool fund sbst 250000 --date 2025-06-01
stop_daemon
at "2026-12-03 00:30:00"
start_daemon
expect_rc 0 pool fund sbst 1000 --date 2026-11-30

ctl export --since 0 --format erp >"$T/erp" || fail "export erp"
head -n 1 "$T/erp" | grep -q '^posting_date;value_date;' ||
    fail "header: $(head -n 1 "$T/erp")"
# posting_date;value_date;voucher;seq;...: two lines per funding.
got=$(awk -F';' 'NR > 1 { print $1 " " $2 " " $4 }' "$T/erp" | sort -u | tr '\n' '|')
want="2026-12-02 2025-06-01 2|2026-12-03 2026-11-30 3|"
[ "$got" = "$want" ] || fail "erp lines: $got, want $want; $(cat "$T/erp")"
# The jsonl export keeps the value date and the UTC recorded time.
ctl export --since 2 --format jsonl | jq -r .recorded_at | grep -q '^2026-12-02T23:30' ||
    fail "recorded_at: $(ctl export --since 2 --format jsonl)"
# Without [accounts], the built-in chart: function 5.38.38 (support in the
# citizen's own home), not 5.38.50 (residential care).
awk -F';' 'NR > 1 && $6 ~ /^funding:/ { print $5 }' "$T/erp" | sort -u |
    grep -qx '5\.38\.38\.8\.6' || fail "funding account: $(cat "$T/erp")"
