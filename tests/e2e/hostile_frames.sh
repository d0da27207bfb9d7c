# Bytes that are not our protocol get an error or a closed connection;
# the daemon keeps serving everyone else and the ledger stays intact.
. tests/lib.sh
start_daemon
standard_pool pilot 1000

send() {
	perl -MIO::Socket::UNIX -e '
		my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(),
		    Peer => $ARGV[0]) or die "connect: $!";
		syswrite($s, pack("H*", $ARGV[1]));
		shutdown($s, 1) if $ARGV[2];
		my $all = ""; my $b;
		while (sysread($s, $b, 65536)) { $all .= $b }
		print unpack("H*", $all), "\n";' "$BUDGETD_SOCKET" "$@"
}
# A length over 16 MiB: one BAD_REQUEST response (code 1, field 2), closed.
out=$(send 7fffffff00000000 0)
case $out in 00000002100[1-9]*|0000*1001*) ;; *) fail "oversized frame: $out" ;; esac
# A frame that is not a Request: a refusal, the connection stays usable.
out=$(send 00000003ffffff 1)
case $out in 0000*1001*) ;; *) fail "garbage frame: $out" ;; esac
# A length with no body, then the peer goes away.
out=$(send 00000100 1)
[ -z "$out" ] || fail "short frame answered: $out"
# An empty request.
out=$(send 00000000 1)
case $out in 0000*1001*) ;; *) fail "empty request: $out" ;; esac
expect_rc 0 status
[ "$(ctl --json status | json .entries)" = 2 ] || fail "ledger changed"
kill -0 "$DPID" || fail "budgetd died"
