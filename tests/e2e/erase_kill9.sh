# kill -9 during an erasure or its compaction leaves the state before or
# the state after, never a mix: after a restart either the erasure entry
# is there, the texts and document are gone and no file holds their
# bytes (a compaction owed is done at start), or it is not and they are
# all there; the journal verifies either way.
. tests/lib.sh
. tests/fixtures/faketime.sh
. tests/fixtures/documents.sh
. tests/fixtures/erasure.sh
erasable_ledger 20000
cp -r "$DB" "$T/base"
before=0
after=0
for delay in 0 0.01 0.02 0.04 0.06 0.08 0.1 0.15 0.2 0.3; do
	rm -rf "$DB"
	cp -r "$T/base" "$DB"
	start_daemon
	"$BUDGETCTL" erase H-1 --reason "Opbevaringstiden er udløbet" \
	    >/dev/null 2>&1 &
	sleep "$delay"
	kill_daemon
	wait
	start_daemon
	out=$(ctl verify) || fail "$delay s: verify: $out"
	ctl export --since 0 >"$T/all.jsonl" || fail "export"
	if jq -e -s 'any(.[]; .op == "erase")' "$T/all.jsonl" >/dev/null; then
		jq -e -s --argjson s "$S1" '.[] | select(.seq == $s) |
		    .erased and .note == ""' "$T/all.jsonl" >/dev/null ||
		    fail "$delay s: erased, but entry $S1 is not"
		expect_code NOT_FOUND receipt "$S1"
		no_trace "$DB"
		after=$((after + 1))
	else
		jq -e -s --argjson s "$S1" --arg n "$NOTE" '.[] |
		    select(.seq == $s) | .erased == false and .note == $n' \
		    "$T/all.jsonl" >/dev/null || fail "$delay s: half erased"
		ctl receipt "$S1" | cmp -s - "$T/inv.pdf" ||
		    fail "$delay s: not erased, but the document is gone"
		before=$((before + 1))
	fi
	stop_daemon
done
owed=$(grep -c "komprimerede regnskabet, udestående siden en sletning" "$LOG")
echo "kill -9 during an erasure: $before times the state before, $after after" \
    "($owed of them with the compaction owed, done at the restart)"
[ $after -gt 0 ] || fail "no kill came after the erasure's commit"
