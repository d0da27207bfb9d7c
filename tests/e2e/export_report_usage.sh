# Usage errors of budgetctl report and export exit 2: report pools takes
# no --from, there is no report "people", and no export format "xml".
. tests/lib.sh
start_daemon
standard_pool pilot 200000
expect_rc 0 course open H-001 --pool pilot --start "$(day '1 month ago')" --grant 300
expect_rc 0 spend H-001 100 --category education --voucher E-1
expect_rc 2 report pools --from "$TODAY"
expect_rc 2 report people
expect_rc 2 export --since 0 --format xml
