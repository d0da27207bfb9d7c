#!/bin/sh
# The PostgreSQL baseline of make bench: the spend of bench/pg_spend.sql
# (the course row locked, the cap checked, the entry inserted, the sum
# updated, in PL/pgSQL) under pgbench with 16 connections, on a private
# cluster in a temporary directory that is always removed afterwards.
#
# usage: pg_baseline.sh [SECONDS]    (10)
#
# Prints one line, "tps N p50_us N p99_us N transactions N wal_syncs N
# version V", wal_syncs the WAL syncs of the run (pg_stat_wal),
# or "skipped: WHY" (exit status 0) when PostgreSQL is not installed, so
# the bench goes on and says so. Progress goes to stderr.
#
# Durability is PostgreSQL's default, stated here so it cannot drift:
# fsync, synchronous_commit and full_page_writes on, wal_sync_method the
# platform's (fdatasync on Linux): a commit returns after its WAL is on
# disk, as budgetd answers after a synced commit. 16 connections because
# PostgreSQL shares a WAL flush among the commits waiting for it (group
# commit), as budgetd shares a sync: one connection would measure the
# disk's sync rate and nothing of either.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
S=${1:-10}
conns=16

# PGBIN, else the newest PostgreSQL Debian installed.
if [ -z "${PGBIN:-}" ]; then
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/postgres" ] && PGBIN=$d
	done
fi
for p in initdb pg_ctl postgres psql pgbench; do
	if [ ! -x "${PGBIN:-/nonexistent}/$p" ]; then
		echo "skipped: PostgreSQL is not installed (no $p;" \
		    "scripts/install-deps bench installs it)"
		exit 0
	fi
done
version=$("$PGBIN/postgres" --version | awk '{print $3}')

# initdb refuses root, so as root the cluster is the postgres user's, and
# so is the directory holding it, its socket and pgbench's logs.
if [ "$(id -u)" -eq 0 ]; then
	as_pg() { runuser -u postgres -- "$@"; }
else
	as_pg() { "$@"; }
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/bb-pg.XXXXXX")
bench=
trap 'if [ -n "$bench" ]; then kill $bench 2>/dev/null || true; fi
    as_pg "$PGBIN/pg_ctl" -D "$T/data" -m immediate -w stop \
    >/dev/null 2>&1 || true; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP
[ "$(id -u)" -ne 0 ] || chown postgres: "$T"
cd "$T"

echo "  PostgreSQL $version: a private cluster in $T" >&2
# --no-sync: initdb's own files only; every commit of the run is synced.
as_pg "$PGBIN/initdb" -D "$T/data" -A trust -U postgres -E UTF8 \
    --locale=C --no-sync >"$T/initdb.log" 2>&1 ||
    { cat "$T/initdb.log" >&2; exit 1; }
# The socket in the private directory and no TCP at all, so nothing else
# on the machine can reach it or collide with it.
cat >>"$T/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$T'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = $((conns + 4))
EOF
as_pg "$PGBIN/pg_ctl" -D "$T/data" -l "$T/server.log" -w start \
    >/dev/null || { cat "$T/server.log" >&2; exit 1; }

psql() {
	as_pg "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$T" -U postgres \
	    -d postgres "$@"
}
psql <"$top/bench/pg_spend.sql" >/dev/null
echo "  $(psql -A -t -c "SELECT string_agg(name || ' ' || setting, ', '
    ORDER BY name) FROM pg_settings WHERE name IN ('fsync',
    'synchronous_commit', 'full_page_writes', 'wal_sync_method')")" >&2
# 16 citizens, one course each, budget enough that no spend of the run
# is refused; then a checkpoint, so the run starts as budgetd's do, on
# a database with nothing pending.
psql <<'EOF' >/dev/null
INSERT INTO course (citizen, course, cap, granted)
    SELECT 'PG-' || i, 1, 5000000000000, 5000000000000
    FROM generate_series(1, 16) AS i;
CHECKPOINT;
EOF

# Spends of 1 øre, each with a fresh id, and each connection spending
# for a citizen of its own, as budgetctl bench's connections do: a row
# lock is held until the commit is synced, so connections that shared a
# course would wait on each other's syncs, a cost budgetd's runs never
# pay (a random citizen of the 16 made it about a quarter slower here).
# -n: there are no pgbench tables to vacuum. Every transaction's
# latency goes to a log (-l) for the percentiles. In the background, so
# a signal stops it and the cluster at once.
cat >"$T/spend.sql" <<'EOF'
\set c :client_id + 1
SELECT spend('PG-' || :c, 1, 'other', 'bench', gen_random_uuid());
EOF
echo "  pgbench -n -c $conns -j 2 -T $S, spend() of bench/pg_spend.sql" >&2
# The WAL syncs of the run: how many commits a sync carried.
sync0=$(psql -A -t -c 'SELECT wal_sync FROM pg_stat_wal')
as_pg "$PGBIN/pgbench" -n -c "$conns" -j 2 -T "$S" -f "$T/spend.sql" \
    -l --log-prefix="$T/lat" -h "$T" -U postgres postgres \
    >"$T/pgbench.out" 2>"$T/pgbench.err" &
bench=$!
wait $bench || { cat "$T/pgbench.out" "$T/pgbench.err" >&2; exit 1; }
bench=
tps=$(awk '/^tps = .*without initial connection time/ {print $3}' \
    "$T/pgbench.out")
n=$(awk '/^number of transactions actually processed:/ {print $NF}' \
    "$T/pgbench.out")
failed=$(awk '/^number of failed transactions:/ {print $5}' \
    "$T/pgbench.out")
if [ -z "$tps" ] || [ -z "$n" ] || [ "${failed:-0}" != 0 ]; then
	cat "$T/pgbench.out" "$T/pgbench.err" >&2
	exit 1
fi
# The entries written must be the transactions pgbench counted: no spend
# refused, none lost.
rows=$(psql -A -t -c 'SELECT count(*) FROM entry')
# pgbench's backends have exited and reported theirs; the WAL writer
# reports within a second.
sleep 1
syncs=$(($(psql -A -t -c 'SELECT wal_sync FROM pg_stat_wal') - sync0))
if [ "$rows" -lt "$n" ]; then
	echo "pg_baseline: $rows entries for $n transactions" >&2
	exit 1
fi
# A log line is "client transaction latency_us script epoch us".
sort -n -k 3,3 "$T"/lat.* | awk -v tps="$tps" -v n="$n" -v v="$version" \
    -v syncs="$syncs" '
	{ l[NR] = $3 }
	END {
		if (NR == 0) exit 1;
		p50 = l[int((NR - 1) * 0.50) + 1];
		p99 = l[int((NR - 1) * 0.99) + 1];
		printf "tps %.0f p50_us %d p99_us %d transactions %d " \
		    "wal_syncs %d version %s\n", tps, p50, p99, n, syncs, v;
	}'
echo "  $n spends in $S s, $syncs WAL syncs; $rows entries" >&2
