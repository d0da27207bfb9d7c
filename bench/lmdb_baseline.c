/*
 * The raw LMDB baselines budgetd is measured against, in the same run on
 * the same disk: synced commits of one put each, and appends in large
 * transactions. Entries have the size of budgetd's stored entries (an
 * argument: the mean leaf of a real database) under an 8-byte
 * big-endian key, as budgetd keys its journal. The environment is opened
 * with LMDB's defaults, so every commit is synced, as in budgetd.
 *
 * usage: lmdb_baseline DIR ENTRY_BYTES SECONDS APPENDS (0: none)
 * prints: synced_commits_per_sec appends_per_sec
 *
 * With -d, the baseline of spends with a voucher document attached: one
 * value of DOC_BYTES per synced commit, under a 32-byte key in no order
 * (budgetd keys its documents table by SHA-256), as budgetd stores a
 * document, minus everything else a spend writes.
 *
 * usage: lmdb_baseline -d DIR DOC_BYTES SECONDS
 * prints: synced_commits_per_sec
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lmdb.h>

#define APPEND_TXN	100000		/* entries in one transaction */

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
key_of(uint64_t seq, uint8_t *key)
{
	for (int i = 7; i >= 0; i--, seq >>= 8)
		key[i] = (uint8_t)seq;
}

/* A key in no order, as a SHA-256 is: splitmix64 of the count. */
static void
doc_key_of(uint64_t seq, uint8_t *key)
{
	for (int i = 0; i < 4; i++) {
		uint64_t z = (seq += 0x9e3779b97f4a7c15ULL);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		z ^= z >> 31;
		for (int j = 0; j < 8; j++, z >>= 8)
			key[8 * i + j] = (uint8_t)z;
	}
}

static int
fail(const char *what, int rc)
{
	fprintf(stderr, "lmdb_baseline: %s: %s\n", what, mdb_strerror(rc));
	return 1;
}

static int
open_env(const char *dir, const char *name, MDB_env **env, MDB_dbi *dbi)
{
	MDB_txn	*txn;
	int	 rc;

	if ((rc = mdb_env_create(env)) != 0 ||
	    (rc = mdb_env_set_mapsize(*env, 16ULL << 30)) != 0 ||
	    (rc = mdb_env_set_maxdbs(*env, 4)) != 0 ||
	    (rc = mdb_env_open(*env, dir, 0, 0600)) != 0)
		return fail("open", rc);
	if ((rc = mdb_txn_begin(*env, NULL, 0, &txn)) != 0 ||
	    (rc = mdb_dbi_open(txn, name, MDB_CREATE, dbi)) != 0 ||
	    (rc = mdb_txn_commit(txn)) != 0)
		return fail("dbi", rc);
	return 0;
}

/*
 * One put per transaction, each commit synced, for seconds: commits per
 * second, or -1 said. key_of writes the key of put *seq into k's buffer;
 * *seq is left at the last one.
 */
static double
synced_commits(MDB_env *env, MDB_dbi dbi, MDB_val *k, MDB_val *v,
    void (*key_of_seq)(uint64_t, uint8_t *), unsigned int flags,
    uint64_t *seq, double seconds)
{
	MDB_txn		*txn;
	uint64_t	 commits = 0;
	double		 t0, t1;
	int		 rc;

	t0 = now();
	do {
		key_of_seq(++*seq, k->mv_data);
		if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0 ||
		    (rc = mdb_put(txn, dbi, k, v, flags)) != 0 ||
		    (rc = mdb_txn_commit(txn)) != 0) {
			fail("synced commit", rc);
			return -1;
		}
		commits++;
		t1 = now();
	} while (t1 - t0 < seconds);
	return (double)commits / (t1 - t0);
}

/* -d: one document-sized value per synced commit. */
static int
documents(int argc, char *argv[])
{
	MDB_env		*env;
	MDB_dbi		 dbi;
	MDB_val		 k, v;
	uint8_t		 key[32], *val;
	uint64_t	 seq = 0;
	size_t		 size, i;
	double		 seconds, rate;

	if (argc != 5) {
		fprintf(stderr, "usage: lmdb_baseline -d DIR DOC_BYTES "
		    "SECONDS\n");
		return 2;
	}
	size = strtoul(argv[3], NULL, 10);
	seconds = strtod(argv[4], NULL);
	if (size == 0 || size > (1U << 30) || seconds <= 0)
		return 2;
	if ((val = malloc(size)) == NULL)
		return 1;
	for (i = 0; i < size; i++)
		val[i] = (uint8_t)(i * 131 + 7);
	if (open_env(argv[2], "documents", &env, &dbi) != 0)
		return 1;
	k.mv_data = key;
	k.mv_size = sizeof(key);
	v.mv_data = val;
	v.mv_size = size;
	if ((rate = synced_commits(env, dbi, &k, &v, doc_key_of,
	    MDB_NOOVERWRITE, &seq, seconds)) < 0)
		return 1;
	printf("%.0f\n", rate);
	mdb_env_close(env);
	free(val);
	return 0;
}

int
main(int argc, char *argv[])
{
	MDB_env		*env;
	MDB_txn		*txn;
	MDB_dbi		 dbi;
	MDB_val		 k, v;
	uint8_t		 key[8], *val;
	uint64_t	 seq = 0, appends, i;
	size_t		 size;
	double		 t0, seconds, synced, appended;
	int		 rc;

	if (argc > 1 && strcmp(argv[1], "-d") == 0)
		return documents(argc, argv);
	if (argc != 5) {
		fprintf(stderr, "usage: lmdb_baseline DIR ENTRY_BYTES SECONDS "
		    "APPENDS\n       lmdb_baseline -d DIR DOC_BYTES SECONDS\n");
		return 2;
	}
	size = strtoul(argv[2], NULL, 10);
	seconds = strtod(argv[3], NULL);
	appends = strtoull(argv[4], NULL, 10);
	if (size == 0 || size > 65536 || seconds <= 0)
		return 2;
	if ((val = malloc(size)) == NULL)
		return 1;
	for (i = 0; i < size; i++)
		val[i] = (uint8_t)(i * 131 + 7);
	if (open_env(argv[1], "entries", &env, &dbi) != 0)
		return 1;
	k.mv_data = key;
	k.mv_size = sizeof(key);
	v.mv_data = val;
	v.mv_size = size;

	/* One put per transaction, each commit synced. */
	if ((synced = synced_commits(env, dbi, &k, &v, key_of, MDB_APPEND,
	    &seq, seconds)) < 0)
		return 1;

	/* Appends in large transactions, their commits synced too. */
	t0 = now();
	for (i = 0; i < appends; i += APPEND_TXN) {
		if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
			return fail("begin", rc);
		for (uint64_t j = i; j < appends && j < i + APPEND_TXN; j++) {
			key_of(++seq, key);
			if ((rc = mdb_put(txn, dbi, &k, &v, MDB_APPEND)) != 0)
				return fail("append", rc);
		}
		if ((rc = mdb_txn_commit(txn)) != 0)
			return fail("commit", rc);
	}
	appended = appends ? (double)appends / (now() - t0) : 0;

	printf("%.0f %.0f\n", synced, appended);
	mdb_env_close(env);
	free(val);
	return 0;
}
