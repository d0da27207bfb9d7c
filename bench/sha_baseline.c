/*
 * The baseline for the verifier's rate: read every entry of a database
 * with a bare LMDB cursor and SHA-256 it as an RFC 6962 leaf, nothing
 * else. budgetd verify does this and all of its checks besides; the
 * ratio of the two says what the checks cost. The entries table holds
 * the tree's nodes and the operations' ids too (format 4, 9-byte keys):
 * the cursor steps over them, as the verifier's does, and hashes the
 * entries (8-byte keys) alone.
 */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <lmdb.h>
#include <sodium.h>

int
main(int argc, char *argv[])
{
	MDB_env				*env;
	MDB_txn				*txn;
	MDB_dbi				 dbi;
	MDB_cursor			*cur;
	MDB_val				 k, v;
	crypto_hash_sha256_state	 st;
	struct timespec			 t0, t1;
	unsigned char			 h[32], zero = 0, acc = 0;
	unsigned long long		 n = 0, bytes = 0;
	double				 s;

	if (argc != 2) {
		fprintf(stderr, "usage: sha_baseline DATADIR\n");
		return 2;
	}
	if (sodium_init() == -1 || mdb_env_create(&env) != 0 ||
	    mdb_env_set_maxdbs(env, 16) != 0 ||
	    mdb_env_open(env, argv[1], MDB_RDONLY | MDB_NOLOCK, 0) != 0 ||
	    mdb_txn_begin(env, NULL, MDB_RDONLY, &txn) != 0 ||
	    mdb_dbi_open(txn, "entries", 0, &dbi) != 0 ||
	    mdb_cursor_open(txn, dbi, &cur) != 0) {
		fprintf(stderr, "sha_baseline: cannot open %s\n", argv[1]);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0) {
		if (k.mv_size != 8)
			continue;
		crypto_hash_sha256_init(&st);
		crypto_hash_sha256_update(&st, &zero, 1);
		crypto_hash_sha256_update(&st, v.mv_data, v.mv_size);
		crypto_hash_sha256_final(&st, h);
		acc ^= h[0];
		n++;
		bytes += v.mv_size;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	/* acc keeps the hashing from being optimised away. */
	printf("%llu %llu %.6f %u\n", n, bytes, s, acc);
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	mdb_env_close(env);
	return 0;
}
