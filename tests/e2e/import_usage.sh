# budgetctl import's usage errors (a file that is not there, a batch of 0
# lines, no file) exit 2 before anything is sent.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open IMP-1 --pool pilot --start "$(day '1 month ago')" --grant 500
# A file that would import: only the usage is wrong.
echo '{"op": "spend", "citizen": "IMP-1", "amount": 100, "category": "other", "voucher": "U-1"}' \
    >"$T/ops.jsonl"
expect_rc 2 import "$T/missing.jsonl"
expect_rc 2 import "$T/ops.jsonl" --batch 0
expect_rc 2 import
