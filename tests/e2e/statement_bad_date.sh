# A statement for a date that does not exist (30 February) is a usage
# error, exit 2.
. tests/lib.sh
start_daemon

standard_pool pilot 100000
expect_rc 0 course open H-003 --pool pilot --start "$(day '90 days ago')" --grant 30000
expect_rc 2 statement H-003 --from 2026-02-30
