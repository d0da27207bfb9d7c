# A statement of a citizen budgetd does not know is refused NOT_FOUND.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '2 months ago')" --grant 20000
expect_rc 0 spend H-001 1.234,50 --category transport --voucher K-1 \
    --date "$(day '40 days ago')" --note "Køretimer, 1. rate"
expect_rc 0 spend H-001 5000 --category education --voucher U-1 \
    --date "$(day '10 days ago')"
expect_rc 0 grant H-001 10000 --date "$(day '5 days ago')"
expect_rc 0 course open H-002 --pool pilot --start "$TODAY" --grant 100

expect_code NOT_FOUND statement H-404
