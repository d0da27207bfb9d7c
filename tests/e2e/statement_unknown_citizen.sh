# A statement of a citizen budgetd does not know is refused NOT_FOUND.
. tests/lib.sh
. tests/fixtures/statement.sh
start_daemon

statement_ledger

expect_code NOT_FOUND statement H-404
