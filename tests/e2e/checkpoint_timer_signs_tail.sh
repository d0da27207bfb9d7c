# Entries a write turn left unsigned (the latest checkpoint was younger
# than 100 ms) are signed by the timer when nothing else comes: the
# checkpoints table, read beside the daemon without asking it anything,
# soon holds a checkpoint of every entry. Requests sent ahead by import
# are committed one a turn, milliseconds apart, so the last is unsigned.
. tests/lib.sh
start_daemon -d
standard_pool pilot 1000000
expect_rc 0 course open H-1 --pool pilot --start "$TODAY" --grant 1000

# The size the latest kept checkpoint signs, read from the database.
signed() {
	"$PY" - "$DB" <<'PY'
import lmdb, sys
env = lmdb.open(sys.argv[1], max_dbs=64, readonly=True)
db = env.open_db(b"checkpoints", create=False)
with env.begin() as txn:
    c = txn.cursor(db=db)
    print(int.from_bytes(c.key(), "big") if c.last() else 0)
PY
}

try=0
# The last commit of an import signs itself only when it comes 100 ms
# after a signature: tried again then.
while ! grep -q 'the timer signed' "$LOG"; do
	try=$((try + 1))
	[ $try -le 5 ] || fail "no tail left for the timer in 5 imports"
	spends_file "$T/in.jsonl" H-1 100 0 "T$try"
	ctl import "$T/in.jsonl" --batch 1 >/dev/null || fail "import"
	n=$(ctl --json status | json .entries)
	i=0
	until [ "$(signed)" = "$n" ]; do
		i=$((i + 1))
		[ $i -le 60 ] || fail "entry $n unsigned after 3 s"
		sleep 0.05
	done
done
grep 'the timer signed' "$LOG"
