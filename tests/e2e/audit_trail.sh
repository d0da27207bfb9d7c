# audit CITIZEN: the whole trail with actor, times, leaf hashes, what
# reversed what, and the chain; verify: the daemon checks itself online.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
expect_rc 0 course open H-001 --pool pilot --start "$(day '1 month ago')" --grant 5000
s=$(ctl --json spend H-001 1200 --category transport --voucher K-1 --note "Køretimer" | json .seq)
r=$(ctl --json reverse "$s" --reason "Forkert borger" | json .seq)
expect_rc 0 course close H-001 --reason moved
expect_rc 0 course open H-002 --pool pilot --start "$TODAY" --grant 10

ctl --json audit H-001 >"$T/audit" || fail "audit"
ctl export --since 0 >"$T/export" || fail "export"
[ "$(json .chain_intact <"$T/audit")" = true ] || fail "chain: $(cat "$T/audit")"
[ "$(jq '.entries | length' "$T/audit")" = 5 ] || fail "entries"
[ "$(jq -c '[.entries[].op]' "$T/audit")" = '["course_open","grant","spend","reverse","course_close"]' ] ||
    fail "ops: $(jq -c '[.entries[].op]' "$T/audit")"
[ "$(jq ".entries[] | select(.seq == $s) | .reversed_by" "$T/audit")" = "$r" ] ||
    fail "reversed_by"
[ "$(jq ".entries[] | select(.seq == $r) | .reverses" "$T/audit")" = "$s" ] ||
    fail "reverses"
[ "$(jq -r ".entries[] | select(.seq == $r) | .note" "$T/audit")" = "Forkert borger" ] ||
    fail "reason"
jq -s -e '.[0].entries | all(.chain_ok and .actor.name == "root" and
    (.recorded_at | length) > 20)' "$T/audit" >/dev/null || fail "lines"
for seq in $(jq '.entries[].seq' "$T/audit"); do
	[ "$(jq -r ".entries[] | select(.seq == $seq) | .leaf_hash" "$T/audit")" = \
	  "$(jq -r "select(.seq == $seq) | .leaf_hash" "$T/export")" ] ||
	    fail "leaf hash of $seq"
done
ctl audit H-001 | grep -q 'tilbageført af' || fail "human audit"
expect_code NOT_FOUND audit H-404

out=$(ctl verify) || fail "online verify: $out"
case $out in "kontrollerede 9 posteringer"*) ;; *) fail "online verify: $out" ;; esac
