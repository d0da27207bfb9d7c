/*
 * The ids' index in memory (daemon/dispatch/id_index.c): every id found
 * again at its seq across the index's growths, ids that differ in one
 * byte only, a candidate a rolled-back turn left (its seq now another
 * id's row) passed over, and nothing found before the index is built.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "id_index.h"

#define N	100000

/* The rows: the id at each seq, as ids.c reads them. */
static uint8_t	(*rows)[16];
static uint64_t	 nrows;

struct want {
	const uint8_t	*id;
	uint64_t	 seq;
	int		 asked;
};

static int
is_it(void *arg, uint64_t seq)
{
	struct want	*w = arg;

	w->asked++;
	if (seq == 0 || seq > nrows || memcmp(rows[seq - 1], w->id, 16) != 0)
		return 0;
	w->seq = seq;
	return 1;
}

static uint64_t
find(const uint8_t id[16], int *asked)
{
	struct want	 w = { id, 0, 0 };

	if (id_index_find(id, is_it, &w) == 0)
		w.seq = 0;
	if (asked)
		*asked = w.asked;
	return w.seq;
}

static void
test_random_ids(void **state)
{
	uint8_t		 other[16];
	uint64_t	 i;
	int		 asked;

	(void)state;
	assert_int_equal(id_index_init(0), 0);
	rows = calloc(N, 16);
	assert_non_null(rows);
	randombytes_buf(rows, (size_t)N * 16);
	for (nrows = 1; nrows <= N; nrows++) {
		assert_int_equal(id_index_add(rows[nrows - 1], nrows), 0);
		/* Every growth keeps what came before. */
		if ((nrows & (nrows - 1)) == 0)
			for (i = 1; i <= nrows; i++)
				assert_int_equal(find(rows[i - 1], NULL), i);
	}
	nrows = N;
	assert_int_equal(id_index_len(), N);
	for (i = 1; i <= N; i++) {
		assert_int_equal(find(rows[i - 1], &asked), i);
		/* A SipHash of 64 bits: another id's candidate is rare. */
		assert_true(asked <= 2);
	}
	randombytes_buf(other, sizeof(other));
	assert_int_equal(find(other, &asked), 0);
	assert_true(asked <= 1);
	id_index_free();
	free(rows);
}

/* Ids a client picks: all alike but for the last byte or two. */
static void
test_ids_alike(void **state)
{
	uint64_t	 i;

	(void)state;
	assert_int_equal(id_index_init(4096), 0);	/* sized: no growth */
	rows = calloc(4096, 16);
	assert_non_null(rows);
	for (nrows = 1; nrows <= 4096; nrows++) {
		rows[nrows - 1][14] = (uint8_t)(nrows >> 8);
		rows[nrows - 1][15] = (uint8_t)nrows;
		assert_int_equal(id_index_add(rows[nrows - 1], nrows), 0);
	}
	nrows = 4096;
	for (i = 1; i <= nrows; i++)
		assert_int_equal(find(rows[i - 1], NULL), i);
	id_index_free();
	free(rows);
}

/* A turn that rolled back left the id X at seq 2; seq 2 is now Y's. */
static void
test_stale_candidate(void **state)
{
	uint8_t	 x[16], r[2][16];

	(void)state;
	assert_int_equal(id_index_init(0), 0);
	randombytes_buf(x, sizeof(x));
	randombytes_buf(r, sizeof(r));
	rows = r;
	nrows = 2;
	assert_int_equal(id_index_add(r[0], 1), 0);
	assert_int_equal(id_index_add(x, 2), 0);	/* rolled back */
	assert_int_equal(id_index_add(r[1], 2), 0);
	assert_int_equal(find(x, NULL), 0);
	assert_int_equal(find(r[1], NULL), 2);
	assert_int_equal(find(r[0], NULL), 1);
	nrows = 0;
	id_index_free();
}

static void
test_before_init(void **state)
{
	uint8_t	 id[16] = { 1 };

	(void)state;
	assert_int_equal(find(id, NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_before_init),
		cmocka_unit_test(test_random_ids),
		cmocka_unit_test(test_ids_alike),
		cmocka_unit_test(test_stale_candidate),
	};

	if (sodium_init() == -1)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
