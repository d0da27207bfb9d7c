/*
 * The store when the map is full: the sticky error answers every later
 * call of the transaction (LMDB would say MDB_BAD_TXN, which is no answer
 * a client can act on), the commit says STORAGE_FULL and writes nothing,
 * and a nested transaction that ran out of room leaves its parent whole.
 * A failed read is as sticky as a failed put; a missing key never is.
 * Read transactions are reused: a reused one sees the latest commit, and
 * readers on two threads at once each have their own.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "codes.h"
#include "store.h"

static char	 dir[32];

static struct store *
store_small(void)
{
	struct store	*s;

	snprintf(dir, sizeof(dir), "/tmp/bb-store.XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(store_open(&s, dir, 1 << 20, 0), BB_OK);
	return s;
}

static void
store_gone(struct store *s)
{
	char	 path[64];

	store_close(s);
	snprintf(path, sizeof(path), "%s/data.mdb", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/lock.mdb", dir);
	unlink(path);
	rmdir(dir);
}

/* Puts values of a kilobyte until one does not fit; how many did. */
static int
fill(struct store_txn *t, uint32_t first)
{
	uint8_t		 key[4], val[1024];
	uint32_t	 i;
	int		 rc;

	memset(val, 'x', sizeof(val));
	for (i = first;; i++) {
		be32_put(key, i);
		if ((rc = store_put(t, ST_META, key, sizeof(key), val,
		    sizeof(val), 0)) != BB_OK)
			break;
	}
	assert_int_equal(rc, BB_STORAGE_FULL);
	return (int)(i - first);
}

static void
full_is_sticky(void **state)
{
	struct store		*s = store_small();
	struct store_txn	*t;
	struct store_cursor	*c;
	struct store_val	 v;
	uint64_t		 n;

	(void)state;
	assert_int_equal(store_begin(s, 1, &t), BB_OK);
	assert_true(fill(t, 0) > 0);
	assert_int_equal(store_failed(t), BB_STORAGE_FULL);
	assert_int_equal(store_get(t, ST_META, "format", 6, &v),
	    BB_STORAGE_FULL);
	assert_int_equal(store_count(t, ST_META, &n), BB_STORAGE_FULL);
	assert_int_equal(store_cursor_open(t, ST_META, &c), BB_STORAGE_FULL);
	assert_int_equal(store_commit(t), BB_STORAGE_FULL);

	/* Nothing of it was written; the store goes on. */
	assert_int_equal(store_begin(s, 0, &t), BB_OK);
	assert_int_equal(store_count(t, ST_META, &n), BB_OK);
	assert_int_equal(n, 1);		/* "format" */
	store_abort(t);
	store_gone(s);
}

static void
full_child_spares_parent(void **state)
{
	struct store		*s = store_small();
	struct store_txn	*t, *child;
	struct store_val	 v;
	uint8_t			 key[4];
	uint64_t		 n;
	int			 fit;

	(void)state;
	assert_int_equal(store_begin(s, 1, &t), BB_OK);
	assert_int_equal(store_put(t, ST_REVERSALS, "before", 6, "1", 1, 0), BB_OK);
	assert_int_equal(store_begin_child(t, &child), BB_OK);
	fit = fill(child, 0);
	assert_int_equal(store_commit(child), BB_STORAGE_FULL);
	assert_int_equal(store_failed(t), BB_OK);
	assert_int_equal(store_get(t, ST_REVERSALS, "before", 6, &v), BB_OK);
	be32_put(key, 0);
	assert_int_equal(store_get(t, ST_META, key, sizeof(key), &v),
	    BB_NOT_FOUND);
	assert_int_equal(store_put(t, ST_REVERSALS, "after", 5, "2", 1, 0), BB_OK);
	assert_int_equal(store_commit(t), BB_OK);

	assert_int_equal(store_begin(s, 0, &t), BB_OK);
	assert_int_equal(store_count(t, ST_REVERSALS, &n), BB_OK);
	assert_int_equal(n, 2);
	store_abort(t);
	/* The room the child could not use is there for a smaller one. */
	assert_int_equal(store_begin(s, 1, &t), BB_OK);
	assert_true(fill(t, 0) >= fit - 8);
	store_abort(t);
	store_gone(s);
}

/* LMDB refuses an empty key (MDB_BAD_VALSIZE): a failed read. */
static void
failed_read_is_sticky(void **state)
{
	struct store		*s = store_small();
	struct store_txn	*t;
	struct store_cursor	*c;
	struct store_val	 k, v;
	uint64_t		 n;

	(void)state;
	assert_int_equal(store_begin(s, 1, &t), BB_OK);
	assert_int_equal(store_put(t, ST_REVERSALS, "a", 1, "1", 1, 0), BB_OK);
	assert_int_equal(store_get(t, ST_REVERSALS, "", 0, &v), BB_INTERNAL);
	assert_int_equal(store_failed(t), BB_INTERNAL);
	assert_int_equal(store_get(t, ST_REVERSALS, "a", 1, &v), BB_INTERNAL);
	assert_int_equal(store_put(t, ST_REVERSALS, "b", 1, "2", 1, 0), BB_INTERNAL);
	assert_int_equal(store_commit(t), BB_INTERNAL);

	/* Nothing of it was written. */
	assert_int_equal(store_begin(s, 0, &t), BB_OK);
	assert_int_equal(store_count(t, ST_REVERSALS, &n), BB_OK);
	assert_int_equal(n, 0);
	/* A cursor's failed read is sticky in a read transaction too. */
	assert_int_equal(store_cursor_open(t, ST_META, &c), BB_OK);
	assert_int_equal(store_cursor_seek(c, "", 0, &k, &v), BB_INTERNAL);
	assert_int_equal(store_cursor_first(c, &k, &v), BB_INTERNAL);
	store_cursor_close(c);
	assert_int_equal(store_get(t, ST_META, "format", 6, &v), BB_INTERNAL);
	assert_int_equal(store_commit(t), BB_INTERNAL);

	/* The next reader, on the same transaction renewed, starts clean. */
	assert_int_equal(store_begin(s, 0, &t), BB_OK);
	assert_int_equal(store_failed(t), BB_OK);
	assert_int_equal(store_get(t, ST_META, "format", 6, &v), BB_OK);
	store_abort(t);
	store_gone(s);
}

/* A missing key is an answer: not sticky, for a get, a cursor or a del. */
static void
missing_is_no_failure(void **state)
{
	struct store		*s = store_small(), *mem;
	struct store_txn	*t;
	struct store_cursor	*c;
	struct store_val	 k, v;

	(void)state;
	assert_int_equal(store_begin(s, 1, &t), BB_OK);
	assert_int_equal(store_get(t, ST_REVERSALS, "a", 1, &v), BB_NOT_FOUND);
	assert_int_equal(store_del(t, ST_REVERSALS, "a", 1), BB_NOT_FOUND);
	assert_int_equal(store_cursor_open(t, ST_REVERSALS, &c), BB_OK);
	assert_int_equal(store_cursor_first(c, &k, &v), BB_NOT_FOUND);
	store_cursor_close(c);
	assert_int_equal(store_failed(t), BB_OK);
	assert_int_equal(store_put(t, ST_REVERSALS, "a", 1, "1", 1, 0), BB_OK);
	assert_int_equal(store_commit(t), BB_OK);
	store_gone(s);

	/* The verifier's memory store answers alike. */
	assert_int_equal(store_memory(&mem), BB_OK);
	assert_int_equal(store_begin(mem, 1, &t), BB_OK);
	assert_int_equal(store_get(t, ST_REVERSALS, "a", 1, &v), BB_NOT_FOUND);
	assert_int_equal(store_del(t, ST_REVERSALS, "a", 1), BB_NOT_FOUND);
	assert_int_equal(store_failed(t), BB_OK);
	assert_int_equal(store_put(t, ST_REVERSALS, "a", 1, "1", 1, 0), BB_OK);
	assert_int_equal(store_del(t, ST_REVERSALS, "a", 1), BB_OK);
	assert_int_equal(store_commit(t), BB_OK);
	store_close(mem);
}

static void
reused_reader_sees_commit(void **state)
{
	struct store		*s = store_small();
	struct store_txn	*old, *t;
	struct store_val	 v;

	(void)state;
	/* A reader held across the commit keeps its snapshot. */
	assert_int_equal(store_begin(s, 0, &old), BB_OK);
	assert_int_equal(store_begin(s, 0, &t), BB_OK);
	assert_int_equal(store_get(t, ST_REVERSALS, "a", 1, &v), BB_NOT_FOUND);
	store_abort(t);

	assert_int_equal(store_begin(s, 1, &t), BB_OK);
	assert_int_equal(store_put(t, ST_REVERSALS, "a", 1, "1", 1, 0), BB_OK);
	assert_int_equal(store_commit(t), BB_OK);

	assert_int_equal(store_begin(s, 0, &t), BB_OK);
	assert_int_equal(store_get(t, ST_REVERSALS, "a", 1, &v), BB_OK);
	assert_int_equal(v.len, 1);
	assert_memory_equal(v.data, "1", 1);
	assert_int_equal(store_commit(t), BB_OK);
	assert_int_equal(store_get(old, ST_REVERSALS, "a", 1, &v), BB_NOT_FOUND);
	store_abort(old);

	/* Again after a commit of the reader rather than an abort. */
	assert_int_equal(store_begin(s, 1, &t), BB_OK);
	assert_int_equal(store_put(t, ST_REVERSALS, "a", 1, "2", 1, 0), BB_OK);
	assert_int_equal(store_commit(t), BB_OK);
	assert_int_equal(store_begin(s, 0, &t), BB_OK);
	assert_int_equal(store_get(t, ST_REVERSALS, "a", 1, &v), BB_OK);
	assert_memory_equal(v.data, "2", 1);
	store_abort(t);
	store_gone(s);
}

#define READERS		2
#define READER_ROUNDS	2000

struct reader {
	struct store		*store;
	pthread_barrier_t	*both;
	struct store_txn	*held;		/* while the other holds its own */
	int			 bad;
};

/* Reads rounds of its own, then holds a reader while the other does. */
static void *
reader_main(void *arg)
{
	struct reader		*r = arg;
	struct store_txn	*t;
	struct store_val	 v;
	int			 i;

	for (i = 0; i < READER_ROUNDS; i++) {
		if (store_begin(r->store, 0, &t) != BB_OK) {
			r->bad = 1;
			break;
		}
		if (store_get(t, ST_REVERSALS, "a", 1, &v) != BB_OK || v.len != 1 ||
		    memcmp(v.data, "1", 1) != 0)
			r->bad = 1;
		store_abort(t);
	}
	if (store_begin(r->store, 0, &r->held) != BB_OK)
		r->bad = 1;
	pthread_barrier_wait(r->both);
	if (r->held && (store_get(r->held, ST_REVERSALS, "a", 1, &v) != BB_OK ||
	    memcmp(v.data, "1", 1) != 0))
		r->bad = 1;
	pthread_barrier_wait(r->both);
	store_abort(r->held);
	return NULL;
}

static void
readers_each_their_own(void **state)
{
	struct store		*s = store_small();
	struct store_txn	*t, *many[8];
	pthread_barrier_t	 both;
	pthread_t		 th[READERS];
	struct reader		 r[READERS];
	size_t			 i;

	(void)state;
	assert_int_equal(store_begin(s, 1, &t), BB_OK);
	assert_int_equal(store_put(t, ST_REVERSALS, "a", 1, "1", 1, 0), BB_OK);
	assert_int_equal(store_commit(t), BB_OK);
	assert_int_equal(pthread_barrier_init(&both, NULL, READERS), 0);
	for (i = 0; i < READERS; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].store = s;
		r[i].both = &both;
		assert_int_equal(pthread_create(&th[i], NULL, reader_main,
		    &r[i]), 0);
	}
	for (i = 0; i < READERS; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_false(r[i].bad);
	}
	assert_ptr_not_equal(r[0].held, r[1].held);
	pthread_barrier_destroy(&both);

	/* More readers at once than are kept: each its own, each ended. */
	for (i = 0; i < sizeof(many) / sizeof(many[0]); i++)
		assert_int_equal(store_begin(s, 0, &many[i]), BB_OK);
	for (i = 0; i < sizeof(many) / sizeof(many[0]); i++) {
		assert_int_equal(store_get(many[i], ST_REVERSALS, "a", 1,
		    &(struct store_val){ 0 }), BB_OK);
		store_abort(many[i]);
	}
	/* store_close ends the readers it keeps. */
	store_gone(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_is_sticky),
		cmocka_unit_test(full_child_spares_parent),
		cmocka_unit_test(failed_read_is_sticky),
		cmocka_unit_test(missing_is_no_failure),
		cmocka_unit_test(reused_reader_sees_commit),
		cmocka_unit_test(readers_each_their_own),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
