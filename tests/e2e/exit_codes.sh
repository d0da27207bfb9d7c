# budgetctl's exit status: 0 done, 1 refused, 2 usage, 3 unreachable or
# garbage.
. tests/lib.sh

# 3: nobody listens.
expect_rc 3 -S "$T/nobody.sock" status
# 2: found before anything is sent, so no daemon is needed.
expect_rc 2 frobnicate
expect_rc 2
expect_rc 2 grant H-001
expect_rc 2 grant H-001 12,345
expect_rc 2 grant H-001 -5
expect_rc 2 grant H-001 abc
expect_rc 2 pool create p --cap 100 --months x --from "$TODAY" --to "$TODAY"
expect_rc 2 course open H-001 --pool p --start 2021-02-29
expect_rc 2 export
expect_rc 2 statement H-001 --format xml
ctl help >/dev/null 2>&1 || fail "help"
ctl help spend 2>&1 | grep -q -- --voucher || fail "help spend"

# 3: a peer that answers garbage.
perl -MIO::Socket::UNIX -e '
	my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0],
	    Listen => 1) or die;
	while (my $c = $s->accept) { sysread($c, my $b, 65536);
	    syswrite($c, "\x00\x00\x00\x05garbage"); close $c }' \
	    "$T/garbage.sock" &
HELPERS=$!
sleep 0.3
expect_rc 3 -S "$T/garbage.sock" status

start_daemon
expect_rc 0 status
expect_code NOT_FOUND pool show nosuch
expect_rc 1 pool show nosuch
