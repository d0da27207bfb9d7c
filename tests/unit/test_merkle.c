/*
 * The RFC 6962 tree against the public vectors (the 8-leaf tree of the
 * certificate-transparency and transparency-dev test suites), against a
 * straightforward recursive MTH written here, and every inclusion and
 * consistency proof up to 70 leaves checked by the RFC 9162 algorithms,
 * with the corruptions a forger would try all rejected.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "merkle.h"

#define MAXLEAVES	70
#define H		MERKLE_HASH

/* In-memory complete subtrees: level 0..7, index < MAXLEAVES. */
static struct {
	uint8_t	 hash[8][MAXLEAVES][H];
	int	 set[8][MAXLEAVES];
} mem;

static int
mem_get(void *arg, unsigned int level, uint64_t index, uint8_t *out)
{
	(void)arg;
	if (level >= 8 || index >= MAXLEAVES || !mem.set[level][index])
		return -1;
	memcpy(out, mem.hash[level][index], H);
	return 0;
}

static int
mem_put(void *arg, unsigned int level, uint64_t index, const uint8_t *h)
{
	(void)arg;
	if (level >= 8 || index >= MAXLEAVES)
		return -1;
	memcpy(mem.hash[level][index], h, H);
	mem.set[level][index] = 1;
	return 0;
}

static uint8_t	 leaves[MAXLEAVES][16];
static size_t	 leaf_len[MAXLEAVES];

/* The eight leaves of the public test vectors, then more of our own. */
static void
build(void)
{
	static const char *const hex[8] = { "", "00", "10", "2021", "3031",
	    "40414243", "5051525354555657",
	    "606162636465666768696a6b6c6d6e6f" };
	uint8_t		 lh[H];
	size_t		 i;

	memset(&mem, 0, sizeof(mem));
	for (i = 0; i < MAXLEAVES; i++) {
		if (i < 8) {
			sodium_hex2bin(leaves[i], sizeof(leaves[i]), hex[i],
			    strlen(hex[i]), NULL, &leaf_len[i], NULL);
		} else {
			leaf_len[i] = (size_t)snprintf((char *)leaves[i],
			    sizeof(leaves[i]), "leaf %zu", i);
		}
		merkle_leaf_hash(leaves[i], leaf_len[i], lh);
		assert_int_equal(merkle_append(mem_get, mem_put, NULL, i, lh), 0);
	}
}

/* MTH of RFC 6962 2.1, straight from its definition. */
static void
naive_mth(size_t start, size_t n, uint8_t *out)
{
	uint8_t	 l[H], r[H];
	size_t	 k = 1;

	if (n == 0) {
		crypto_hash_sha256(out, NULL, 0);
		return;
	}
	if (n == 1) {
		merkle_leaf_hash(leaves[start], leaf_len[start], out);
		return;
	}
	while (k * 2 < n)
		k *= 2;
	naive_mth(start, k, l);
	naive_mth(start + k, n - k, r);
	merkle_node_hash(l, r, out);
}

static void
assert_hex(const uint8_t *h, const char *want)
{
	char	 got[2 * H + 1];

	sodium_bin2hex(got, sizeof(got), h, H);
	assert_string_equal(got, want);
}

static void
test_vectors(void **state)
{
	static const char *const roots[8] = {
	    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
	};
	uint8_t	 h[H];

	(void)state;
	merkle_empty_root(h);
	assert_hex(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	merkle_leaf_hash((const uint8_t *)"", 0, h);
	assert_hex(h, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
	for (int n = 1; n <= 8; n++) {
		assert_int_equal(merkle_root(mem_get, NULL, (uint64_t)n, h), 0);
		assert_hex(h, roots[n - 1]);
	}
}

static void
test_roots_against_naive(void **state)
{
	uint8_t	 got[H], want[H];

	(void)state;
	for (size_t n = 0; n <= MAXLEAVES; n++) {
		assert_int_equal(merkle_root(mem_get, NULL, n, got), 0);
		naive_mth(0, n, want);
		assert_memory_equal(got, want, H);
	}
}

/* Every (index, size) pair: the proof verifies, and no forgery does. */
static void
test_inclusion_all(void **state)
{
	uint8_t	 proof[MERKLE_PROOF_MAX][H], root[H], other[H], lh[H];
	size_t	 len, i, n, m, b;

	(void)state;
	for (n = 1; n <= MAXLEAVES; n++) {
		naive_mth(0, n, root);
		naive_mth(0, n - 1, other);
		for (m = 0; m < n; m++) {
			merkle_leaf_hash(leaves[m], leaf_len[m], lh);
			assert_int_equal(merkle_inclusion(mem_get, NULL, m, n,
			    proof, &len), 0);
			assert_int_equal(merkle_verify_inclusion(lh, m, n,
			    (const uint8_t (*)[H])proof, len, root), 0);
			/* Wrong index, wrong size, wrong root. */
			assert_int_not_equal(merkle_verify_inclusion(lh, m ^ 1,
			    n, (const uint8_t (*)[H])proof, len, root), 0);
			/* A wrong tree height (size doubled or halved); one
			 * more leaf can give the same shape, which only the
			 * signed size-root pair of a checkpoint rules out. */
			assert_int_not_equal(merkle_verify_inclusion(lh, m,
			    2 * n, (const uint8_t (*)[H])proof, len, root), 0);
			if (m < n / 2)
				assert_int_not_equal(merkle_verify_inclusion(lh,
				    m, n / 2, (const uint8_t (*)[H])proof, len,
				    root), 0);
			if (n > 1)
				assert_int_not_equal(merkle_verify_inclusion(lh,
				    m, n, (const uint8_t (*)[H])proof, len,
				    other), 0);
			/* A flipped bit in each element. */
			for (i = 0; i < len; i++)
				for (b = 0; b < 8 * H; b += 61) {
					proof[i][b / 8] ^= (uint8_t)(1 << (b % 8));
					assert_int_not_equal(
					    merkle_verify_inclusion(lh, m, n,
					    (const uint8_t (*)[H])proof, len,
					    root), 0);
					proof[i][b / 8] ^= (uint8_t)(1 << (b % 8));
				}
			/* Truncated and extended. */
			if (len > 0)
				assert_int_not_equal(merkle_verify_inclusion(lh,
				    m, n, (const uint8_t (*)[H])proof, len - 1,
				    root), 0);
			memcpy(proof[len], root, H);
			assert_int_not_equal(merkle_verify_inclusion(lh, m, n,
			    (const uint8_t (*)[H])proof, len + 1, root), 0);
		}
	}
}

static void
test_consistency_all(void **state)
{
	uint8_t	 proof[MERKLE_PROOF_MAX][H], r1[H], r2[H];
	size_t	 len, i, m, n;

	(void)state;
	for (n = 1; n <= MAXLEAVES; n++) {
		naive_mth(0, n, r2);
		for (m = 1; m <= n; m++) {
			naive_mth(0, m, r1);
			assert_int_equal(merkle_consistency(mem_get, NULL, m, n,
			    proof, &len), 0);
			assert_int_equal(merkle_verify_consistency(m, n, r1, r2,
			    (const uint8_t (*)[H])proof, len), 0);
			if (m == n)
				continue;
			/* Swapped roots, wrong sizes, flipped bits, cuts. */
			assert_int_not_equal(merkle_verify_consistency(m, n, r2,
			    r1, (const uint8_t (*)[H])proof, len), 0);
			assert_int_not_equal(merkle_verify_consistency(m, 2 * n,
			    r1, r2, (const uint8_t (*)[H])proof, len), 0);
			if (m > 1)
				assert_int_not_equal(merkle_verify_consistency(
				    m - 1, n, r1, r2,
				    (const uint8_t (*)[H])proof, len), 0);
			for (i = 0; i < len; i++) {
				proof[i][i % H] ^= 0x80;
				assert_int_not_equal(merkle_verify_consistency(
				    m, n, r1, r2, (const uint8_t (*)[H])proof,
				    len), 0);
				proof[i][i % H] ^= 0x80;
			}
			assert_int_not_equal(merkle_verify_consistency(m, n, r1,
			    r2, (const uint8_t (*)[H])proof, len - 1), 0);
			memcpy(proof[len], r1, H);
			assert_int_not_equal(merkle_verify_consistency(m, n, r1,
			    r2, (const uint8_t (*)[H])proof, len + 1), 0);
		}
	}
}

static int
setup(void **state)
{
	(void)state;
	if (sodium_init() == -1)
		return -1;
	build();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_roots_against_naive),
		cmocka_unit_test(test_inclusion_all),
		cmocka_unit_test(test_consistency_all),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
