/*
 * The store when the map is full: the sticky error answers every later
 * call of the transaction (LMDB would say MDB_BAD_TXN, which is no answer
 * a client can act on), the commit says STORAGE_FULL and writes nothing,
 * and a nested transaction that ran out of room leaves its parent whole.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
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
	assert_int_equal(store_put(t, ST_IDS, "before", 6, "1", 1, 0), BB_OK);
	assert_int_equal(store_begin_child(t, &child), BB_OK);
	fit = fill(child, 0);
	assert_int_equal(store_commit(child), BB_STORAGE_FULL);
	assert_int_equal(store_failed(t), BB_OK);
	assert_int_equal(store_get(t, ST_IDS, "before", 6, &v), BB_OK);
	be32_put(key, 0);
	assert_int_equal(store_get(t, ST_META, key, sizeof(key), &v),
	    BB_NOT_FOUND);
	assert_int_equal(store_put(t, ST_IDS, "after", 5, "2", 1, 0), BB_OK);
	assert_int_equal(store_commit(t), BB_OK);

	assert_int_equal(store_begin(s, 0, &t), BB_OK);
	assert_int_equal(store_count(t, ST_IDS, &n), BB_OK);
	assert_int_equal(n, 2);
	store_abort(t);
	/* The room the child could not use is there for a smaller one. */
	assert_int_equal(store_begin(s, 1, &t), BB_OK);
	assert_true(fill(t, 0) >= fit - 8);
	store_abort(t);
	store_gone(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_is_sticky),
		cmocka_unit_test(full_child_spares_parent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
