/*
 * The hash table of common/: every lookup right across each growth,
 * keys that share prefixes, suffixes or low bytes, keys of every length,
 * removal against a plain array, and the import's case that lost a
 * repeated purchase (SHA-256 keys, a line repeated after 512 others).
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "table.h"

/* A key made of n: eight bytes, little end first. */
static void
key_of(uint64_t n, uint8_t k[8])
{
	for (int i = 0; i < 8; i++)
		k[i] = (uint8_t)(n >> (8 * i));
}

static void
test_empty(void **state)
{
	struct table	 t;
	size_t		 at = 0;

	(void)state;
	table_init(&t, sizeof(int));
	assert_null(table_find(&t, "a", 1));
	assert_null(table_find(&t, "", 0));
	assert_int_equal(table_remove(&t, "a", 1), -1);
	assert_null(table_next(&t, &at, NULL, NULL));
	table_free(&t);
	table_free(&t);
	assert_int_equal(t.len, 0);
}

/*
 * After every insert the new key and the first are found; whenever the
 * table grew, every key so far is found with its own value, and the
 * values did not move.
 */
static void
test_growth(void **state)
{
	enum { N = 5000 };
	struct table	  t;
	uint64_t	**at;
	uint8_t		  k[8];
	size_t		  cap = 0, grew = 0;
	int		  created;

	(void)state;
	at = calloc(N, sizeof(*at));
	assert_non_null(at);
	table_init(&t, sizeof(uint64_t));
	for (uint64_t n = 0; n < N; n++) {
		key_of(n, k);
		at[n] = table_add(&t, k, sizeof(k), &created);
		assert_non_null(at[n]);
		assert_int_equal(created, 1);
		assert_int_equal(*at[n], 0);	/* a new value is zeroed */
		assert_int_equal((uintptr_t)at[n] % _Alignof(max_align_t), 0);
		*at[n] = n * 7 + 1;
		assert_int_equal(t.len, n + 1);
		assert_true(2 * t.len <= t.cap);
		assert_ptr_equal(table_find(&t, k, sizeof(k)), at[n]);
		key_of(0, k);
		assert_ptr_equal(table_find(&t, k, sizeof(k)), at[0]);
		if (t.cap == cap)
			continue;
		cap = t.cap;
		grew++;
		for (uint64_t m = 0; m <= n; m++) {
			key_of(m, k);
			assert_ptr_equal(table_find(&t, k, sizeof(k)), at[m]);
			assert_int_equal(*at[m], m * 7 + 1);
		}
		key_of(n + 1, k);
		assert_null(table_find(&t, k, sizeof(k)));
	}
	assert_true(grew >= 9);		/* 16 slots to 16384 */
	/* Adding a key again finds it: same value, not created. */
	for (uint64_t n = 0; n < N; n++) {
		key_of(n, k);
		assert_ptr_equal(table_add(&t, k, sizeof(k), &created), at[n]);
		assert_int_equal(created, 0);
	}
	assert_int_equal(t.len, N);
	table_free(&t);
	free(at);
}

/*
 * The import's counter of identical lines: keys are SHA-256 digests and
 * a line repeated after many distinct ones must find its first copy, at
 * every size across the growth where the old table lost it (512 keys).
 */
static void
test_digest_keys(void **state)
{
	enum { N = 3000 };
	struct table	 t;
	uint8_t		 h[32];
	char		 line[64];
	uint32_t	*count;

	(void)state;
	table_init(&t, sizeof(uint32_t));
	for (int n = 0; n < N; n++) {
		snprintf(line, sizeof(line), "{\"op\":\"spend\",\"n\":%d}", n);
		crypto_hash_sha256(h, (const uint8_t *)line, strlen(line));
		count = table_add(&t, h, sizeof(h), NULL);
		assert_non_null(count);
		assert_int_equal((*count)++, 0);
		/* The first line again: seen once before, every time. */
		snprintf(line, sizeof(line), "{\"op\":\"spend\",\"n\":%d}", 0);
		crypto_hash_sha256(h, (const uint8_t *)line, strlen(line));
		count = table_find(&t, h, sizeof(h));
		assert_non_null(count);
		assert_int_equal(*count, 1);
	}
	table_free(&t);
}

/* Keys alike in all but one byte, at the start, the middle or the end. */
static void
test_similar_keys(void **state)
{
	struct table	 t;
	uint8_t		 k[32];
	uint16_t	*v;
	int		 pos[] = { 0, 1, 2, 3, 15, 16, 29, 30, 31 };
	size_t		 npos = sizeof(pos) / sizeof(pos[0]);

	(void)state;
	table_init(&t, sizeof(uint16_t));
	for (size_t p = 0; p < npos; p++)
		for (int b = 0; b < 256; b++) {
			memset(k, 0xab, sizeof(k));
			k[pos[p]] = (uint8_t)b;
			v = table_add(&t, k, sizeof(k), NULL);
			assert_non_null(v);
			if (*v == 0)
				*v = (uint16_t)(p << 8 | (size_t)b) + 1;
		}
	/* 0xab at each position is the same key: one per position less. */
	assert_int_equal(t.len, npos * 255 + 1);
	for (size_t p = 0; p < npos; p++)
		for (int b = 0; b < 256; b++) {
			memset(k, 0xab, sizeof(k));
			k[pos[p]] = (uint8_t)b;
			v = table_find(&t, k, sizeof(k));
			assert_non_null(v);
			if (b != 0xab)
				assert_int_equal(*v,
				    (uint16_t)(p << 8 | (size_t)b) + 1);
		}
	table_free(&t);
}

/* Prefixes of one another, the empty key, NUL bytes inside a key. */
static void
test_lengths(void **state)
{
	struct table	 t;
	char		 k[300];
	size_t		*v, at = 0, len, seen = 0;
	const char	*key;

	(void)state;
	memset(k, 'a', sizeof(k));
	table_init(&t, sizeof(size_t));
	for (size_t n = 0; n <= sizeof(k); n++) {
		assert_non_null(v = table_add(&t, k, n, NULL));
		*v = n;
	}
	assert_non_null(v = table_add(&t, "a\0b", 3, NULL));
	*v = 1001;
	assert_non_null(v = table_add(&t, "a\0c", 3, NULL));
	*v = 1002;
	assert_int_equal(t.len, sizeof(k) + 3);
	for (size_t n = 0; n <= sizeof(k); n++) {
		assert_non_null(v = table_find(&t, k, n));
		assert_int_equal(*v, n);
	}
	assert_int_equal(*(size_t *)table_find(&t, "a\0b", 3), 1001);
	assert_int_equal(*(size_t *)table_find(&t, "a\0c", 3), 1002);
	assert_int_equal(*(size_t *)table_find(&t, "a", 1), 1);
	assert_null(table_find(&t, "a\0d", 3));
	assert_null(table_find(&t, "b", 1));
	/* The walk: each entry once, a key ends in a NUL, 'a's else. */
	while ((v = table_next(&t, &at, &key, &len)) != NULL) {
		seen++;
		assert_int_equal(key[len], '\0');
		if (*v > 1000)
			continue;
		assert_int_equal(len, *v);
		assert_int_equal(strspn(key, "a"), len);
	}
	assert_int_equal(seen, t.len);
	table_free(&t);
}

/* A set: values of no bytes. */
static void
test_set(void **state)
{
	struct table	 t = { 0 };
	int		 created;

	(void)state;
	assert_non_null(table_add(&t, "pool", 4, &created));
	assert_int_equal(created, 1);
	assert_non_null(table_add(&t, "pool", 4, &created));
	assert_int_equal(created, 0);
	assert_non_null(table_find(&t, "pool", 4));
	assert_null(table_find(&t, "poo", 3));
	table_free(&t);
}

/*
 * Removal shifts later entries back into the hole; checked against a
 * plain array through many adds and removes, at loads where runs of
 * full slots wrap around the end of the array.
 */
static void
test_remove(void **state)
{
	enum { KEYS = 700, STEPS = 60000 };
	struct table	 t;
	uint8_t		 k[8];
	uint64_t	*v;
	int		 in[KEYS] = { 0 };
	size_t		 n = 0;
	uint32_t	 rnd = 12345;

	(void)state;
	table_init(&t, sizeof(uint64_t));
	for (int step = 0; step < STEPS; step++) {
		rnd = rnd * 1103515245 + 12345;
		uint64_t key = (rnd >> 8) % KEYS;

		key_of(key, k);
		if ((rnd >> 4) & 1) {
			assert_int_equal(table_remove(&t, k, sizeof(k)),
			    in[key] ? 0 : -1);
			n -= (size_t)in[key];
			in[key] = 0;
		} else {
			assert_non_null(v = table_add(&t, k, sizeof(k), NULL));
			if (in[key])
				assert_int_equal(*v, key);
			*v = key;
			n += (size_t)!in[key];
			in[key] = 1;
		}
		assert_int_equal(t.len, n);
		if (step % 97 != 0)
			continue;
		for (uint64_t m = 0; m < KEYS; m++) {
			key_of(m, k);
			v = table_find(&t, k, sizeof(k));
			if (!in[m]) {
				assert_null(v);
				continue;
			}
			assert_non_null(v);
			assert_int_equal(*v, m);
		}
	}
	/* Everything out, then the table takes keys again. */
	for (uint64_t m = 0; m < KEYS; m++) {
		key_of(m, k);
		assert_int_equal(table_remove(&t, k, sizeof(k)),
		    in[m] ? 0 : -1);
	}
	assert_int_equal(t.len, 0);
	for (size_t i = 0; i < t.cap; i++)
		assert_null(t.slots[i]);
	key_of(1, k);
	assert_non_null(table_add(&t, k, sizeof(k), NULL));
	assert_non_null(table_find(&t, k, sizeof(k)));
	table_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_digest_keys),
		cmocka_unit_test(test_similar_keys),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
