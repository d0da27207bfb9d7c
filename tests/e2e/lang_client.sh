# One language per screen (issue 19): budgetctl audit and consistency are
# Danish by default, also where the locale is C or C.UTF-8 and LANGUAGE is
# unset, and English when LANGUAGE=en asks for it: the operations, the
# daemon's own notes ("released", "moved") and the labels alike. The
# times, hashes and the actor vary from run to run and are replaced.
. tests/lib.sh
start_daemon
standard_pool pilot 100000
ctl course open H-1 --pool pilot --start "$TODAY" --grant 5000 >/dev/null ||
    fail "course open"
s=$(ctl --json spend H-1 1200 --category transport --voucher K-1 \
    --note "Køretimer" | json .seq) || fail "spend"
ctl reverse "$s" --reason "Forkert borger" >/dev/null || fail "reverse"
r=$(ctl --json reserve H-1 300 --category transport | json .seq) ||
    fail "reserve"
ctl release "$r" >/dev/null || fail "release"
ctl course close H-1 --reason moved >/dev/null || fail "course close"

# The command's output with what varies put in words.
fixed() {
	"$@" | sed -E \
	    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/TIME/' \
	    -e "s/$TODAY/DAY/g" \
	    -e 's/ (af|by) [^ ]+ \([a-z]+, uid [0-9]+\)$/ \1 ACTOR/' \
	    -e 's/[0-9a-f]{64}/HASH/'
}

cat >"$T/da" <<'TXT'
Revisionsspor for H-1: kæden er intakt

     3  forløb åbnet    valør DAY, bogført TIME af ACTOR
        0,00 kr.
        blad HASH

     4  bevilling       valør DAY, bogført TIME af ACTOR
        5.000,00 kr. pool:pilot -> budget:H-1:1
        blad HASH

     5  køb             valør DAY, bogført TIME af ACTOR
        1.200,00 kr. budget:H-1:1 -> expense:transport, bilag K-1, "Køretimer"
        tilbageført af 6
        blad HASH

     6  tilbageførsel   valør DAY, bogført TIME af ACTOR
        1.200,00 kr. expense:transport -> budget:H-1:1, bilag K-1, "Forkert borger"
        tilbagefører 5
        blad HASH

     7  reservation     valør DAY, bogført TIME af ACTOR
        300,00 kr. budget:H-1:1 -> reserved:H-1:1
        blad HASH

     8  frigivelse      valør DAY, bogført TIME af ACTOR
        300,00 kr. reserved:H-1:1 -> budget:H-1:1, "frigivet"
        blad HASH

     9  forløb lukket   valør DAY, bogført TIME af ACTOR
        5.000,00 kr. budget:H-1:1 -> pool:pilot, "fraflyttet"
        blad HASH
størrelse før  2
rod før        HASH
størrelse nu   9
rod nu         HASH
bevis          HASH
               HASH
               HASH
TXT

cat >"$T/en" <<'TXT'
Audit trail for H-1: the chain is intact

     3  course_open  value date DAY, recorded TIME by ACTOR
        0,00 kr.
        leaf HASH

     4  grant        value date DAY, recorded TIME by ACTOR
        5.000,00 kr. pool:pilot -> budget:H-1:1
        leaf HASH

     5  spend        value date DAY, recorded TIME by ACTOR
        1.200,00 kr. budget:H-1:1 -> expense:transport, voucher K-1, "Køretimer"
        reversed by 6
        leaf HASH

     6  reverse      value date DAY, recorded TIME by ACTOR
        1.200,00 kr. expense:transport -> budget:H-1:1, voucher K-1, "Forkert borger"
        reverses 5
        leaf HASH

     7  reserve      value date DAY, recorded TIME by ACTOR
        300,00 kr. budget:H-1:1 -> reserved:H-1:1
        leaf HASH

     8  release      value date DAY, recorded TIME by ACTOR
        300,00 kr. reserved:H-1:1 -> budget:H-1:1, "released"
        leaf HASH

     9  course_close value date DAY, recorded TIME by ACTOR
        5.000,00 kr. budget:H-1:1 -> pool:pilot, "moved"
        leaf HASH
old size       2
old root       HASH
new size       9
new root       HASH
proof          HASH
               HASH
               HASH
TXT

# lang ENV...: audit and consistency under that environment.
lang() {
	fixed env "$@" "$BUDGETCTL" audit H-1 || fail "audit: $*"
	fixed env "$@" "$BUDGETCTL" consistency 2 9 || fail "consistency: $*"
}

lang -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 >"$T/out"
diff -u "$T/da" "$T/out" || fail "Danish by default (LANG=C.UTF-8)"
lang -u LANGUAGE LC_ALL=C >"$T/out"
diff -u "$T/da" "$T/out" || fail "Danish with LC_ALL=C"
lang LANGUAGE=en >"$T/out"
diff -u "$T/en" "$T/out" || fail "English with LANGUAGE=en"
# JSON keeps SPEC's names whatever the language.
[ "$(ctl --json audit H-1 | jq -c '[.entries[].op]')" = \
    '["course_open","grant","spend","reverse","reserve","release","course_close"]' ] ||
    fail "JSON ops: $(ctl --json audit H-1)"
[ "$(ctl --json audit H-1 | jq -r '.entries[-1].note')" = moved ] ||
    fail "JSON note: $(ctl --json audit H-1)"
