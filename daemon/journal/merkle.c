#include <string.h>

#include <sodium.h>

#include "merkle.h"
#include "sha256.h"

void
merkle_leaf_hash(const uint8_t *leaf, size_t len, uint8_t *out)
{
	const uint8_t	 prefix = 0x00;

	sha256_two(&prefix, 1, leaf, len, out);
}

void
merkle_node_hash(const uint8_t *left, const uint8_t *right, uint8_t *out)
{
	uint8_t	 buf[1 + 2 * MERKLE_HASH];

	buf[0] = 0x01;
	memcpy(buf + 1, left, MERKLE_HASH);
	memcpy(buf + 1 + MERKLE_HASH, right, MERKLE_HASH);
	sha256_two(NULL, 0, buf, sizeof(buf), out);
}

void
merkle_empty_root(uint8_t *out)
{
	crypto_hash_sha256(out, NULL, 0);
}

/* The largest power of two strictly below n (n >= 2). */
static uint64_t
split(uint64_t n)
{
	uint64_t	 k = 1;

	while (k << 1 < n)
		k <<= 1;
	return k;
}

static int
is_pow2(uint64_t n)
{
	return n && (n & (n - 1)) == 0;
}

static unsigned int
log2_of(uint64_t n)
{
	unsigned int	 l = 0;

	while (n >>= 1)
		l++;
	return l;
}

/*
 * Adds leaf number index (0-based) and every subtree it completes: while
 * the node is a right child, its parent is now known. O(log n) at worst,
 * two puts on average.
 */
int
merkle_append(merkle_get get, merkle_put put, void *arg, uint64_t index,
    const uint8_t *leaf_hash)
{
	uint8_t		 node[MERKLE_HASH], left[MERKLE_HASH];
	unsigned int	 level = 0;

	memcpy(node, leaf_hash, MERKLE_HASH);
	if (put(arg, 0, index, node) != 0)
		return -1;
	while (index & 1) {
		if (get(arg, level, index - 1, left) != 0)
			return -1;
		merkle_node_hash(left, node, node);
		level++;
		index >>= 1;
		if (put(arg, level, index, node) != 0)
			return -1;
	}
	return 0;
}

/* MTH(D[start:start+n]); every range met here is aligned to its largest
 * power of two, so it is made of stored complete subtrees. */
static int
subtree(merkle_get get, void *arg, uint64_t start, uint64_t n, uint8_t *out)
{
	uint8_t		 left[MERKLE_HASH], right[MERKLE_HASH];
	uint64_t	 k;

	if (is_pow2(n) && start % n == 0)
		return get(arg, log2_of(n), start / n, out);
	k = split(n);
	if (subtree(get, arg, start, k, left) != 0 ||
	    subtree(get, arg, start + k, n - k, right) != 0)
		return -1;
	merkle_node_hash(left, right, out);
	return 0;
}

int
merkle_root(merkle_get get, void *arg, uint64_t size, uint8_t *out)
{
	if (size == 0) {
		merkle_empty_root(out);
		return 0;
	}
	return subtree(get, arg, 0, size, out);
}

static int
push(uint8_t (*proof)[MERKLE_HASH], size_t *len, const uint8_t *hash)
{
	if (*len == MERKLE_PROOF_MAX)
		return -1;
	memcpy(proof[(*len)++], hash, MERKLE_HASH);
	return 0;
}

/* RFC 6962 2.1.1: PATH(m, D[start:start+n]). */
static int
path(merkle_get get, void *arg, uint64_t m, uint64_t start, uint64_t n,
    uint8_t (*proof)[MERKLE_HASH], size_t *len)
{
	uint8_t		 sibling[MERKLE_HASH];
	uint64_t	 k;

	if (n <= 1)
		return 0;
	k = split(n);
	if (m < k) {
		if (path(get, arg, m, start, k, proof, len) != 0 ||
		    subtree(get, arg, start + k, n - k, sibling) != 0)
			return -1;
	} else {
		if (path(get, arg, m - k, start + k, n - k, proof, len) != 0 ||
		    subtree(get, arg, start, k, sibling) != 0)
			return -1;
	}
	return push(proof, len, sibling);
}

int
merkle_inclusion(merkle_get get, void *arg, uint64_t index, uint64_t size,
    uint8_t (*proof)[MERKLE_HASH], size_t *len)
{
	*len = 0;
	if (index >= size)
		return -1;
	return path(get, arg, index, 0, size, proof, len);
}

/* RFC 6962 2.1.2: SUBPROOF(m, D[start:start+n], b). */
static int
subproof(merkle_get get, void *arg, uint64_t m, uint64_t start, uint64_t n,
    int whole, uint8_t (*proof)[MERKLE_HASH], size_t *len)
{
	uint8_t		 hash[MERKLE_HASH];
	uint64_t	 k;

	if (m == n) {
		if (whole)
			return 0;
		if (subtree(get, arg, start, n, hash) != 0)
			return -1;
		return push(proof, len, hash);
	}
	k = split(n);
	if (m <= k) {
		if (subproof(get, arg, m, start, k, whole, proof, len) != 0 ||
		    subtree(get, arg, start + k, n - k, hash) != 0)
			return -1;
	} else {
		if (subproof(get, arg, m - k, start + k, n - k, 0, proof,
		    len) != 0 || subtree(get, arg, start, k, hash) != 0)
			return -1;
	}
	return push(proof, len, hash);
}

int
merkle_consistency(merkle_get get, void *arg, uint64_t old_size,
    uint64_t new_size, uint8_t (*proof)[MERKLE_HASH], size_t *len)
{
	*len = 0;
	if (old_size > new_size)
		return -1;
	if (old_size == 0 || old_size == new_size)
		return 0;
	return subproof(get, arg, old_size, 0, new_size, 1, proof, len);
}

/* RFC 9162 2.1.3.2. */
int
merkle_verify_inclusion(const uint8_t *leaf_hash, uint64_t index,
    uint64_t size, const uint8_t (*proof)[MERKLE_HASH], size_t len,
    const uint8_t *root)
{
	uint8_t		 r[MERKLE_HASH];
	uint64_t	 fn = index, sn;
	size_t		 i;

	if (index >= size)
		return -1;
	sn = size - 1;
	memcpy(r, leaf_hash, MERKLE_HASH);
	for (i = 0; i < len; i++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], r, r);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node_hash(r, proof[i], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0 || sodium_memcmp(r, root, MERKLE_HASH) != 0)
		return -1;
	return 0;
}

/* RFC 9162 2.1.4.2. */
int
merkle_verify_consistency(uint64_t first, uint64_t second,
    const uint8_t *first_root, const uint8_t *second_root,
    const uint8_t (*proof)[MERKLE_HASH], size_t len)
{
	uint8_t		 fr[MERKLE_HASH], sr[MERKLE_HASH];
	uint64_t	 fn, sn;
	size_t		 i = 0;

	if (first > second)
		return -1;
	if (first == second)
		return len == 0 &&
		    sodium_memcmp(first_root, second_root, MERKLE_HASH) == 0 ?
		    0 : -1;
	if (first == 0)
		return len == 0 ? 0 : -1;
	if (len == 0)
		return -1;
	fn = first - 1;
	sn = second - 1;
	if (is_pow2(first)) {
		memcpy(fr, first_root, MERKLE_HASH);
	} else {
		memcpy(fr, proof[0], MERKLE_HASH);
		i = 1;
	}
	memcpy(sr, fr, MERKLE_HASH);
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	for (; i < len; i++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], fr, fr);
			merkle_node_hash(proof[i], sr, sr);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node_hash(sr, proof[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0 || sodium_memcmp(fr, first_root, MERKLE_HASH) != 0 ||
	    sodium_memcmp(sr, second_root, MERKLE_HASH) != 0)
		return -1;
	return 0;
}
