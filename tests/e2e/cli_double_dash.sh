# "--" ends the options: what follows is the command's positional
# arguments, so a citizen reference that starts with a dash ("--x", "-S",
# "--json") is a reference, never an option. Without "--" such a word is
# still taken for an option.
. tests/lib.sh
start_daemon
standard_pool

expect_rc 0 course open --pool pilot --start "$TODAY" --grant 1000 -- --x
expect_rc 0 grant -- --x 100
ctl --json course show -- --x >"$T/show" || fail "course show -- --x"
[ "$(json .citizen <"$T/show")" = "--x" ] || fail "citizen: $(cat "$T/show")"
[ "$(json .granted <"$T/show")" = 110000 ] || fail "granted: $(cat "$T/show")"
# Without "--" the reference is an unknown option: a usage error.
expect_rc 2 course show --x

# "-S" after "--" is a citizen, not the socket option.
expect_rc 0 course open --pool pilot --start "$TODAY" -- -S
ctl --json course show -- -S | json .citizen | grep -qx -- -S ||
    fail "course show -- -S"
# "--json" after "--" is a citizen too: no JSON, refused as unknown.
out=$(ctl course show -- --json 2>&1)
[ $? -eq 1 ] || fail "course show -- --json: $out"
case $out in
"{"*) fail "course show -- --json answered JSON: $out" ;;
esac
# "--help" after "--" is not a request for help.
expect_rc 1 course show -- --help
# Options before "--" still count; after it they are arguments.
expect_rc 2 grant -- --x 100 --date "$TODAY"
# The command's name may follow the "--" too.
ctl --json -- course show --x | json .citizen | grep -qx -- --x ||
    fail "-- course show --x"
