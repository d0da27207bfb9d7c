/*
 * The journal as an RFC 6962 Merkle tree over SHA-256: leaf hash =
 * SHA-256(0x00 || leaf), node hash = SHA-256(0x01 || left || right), split
 * at the largest power of two below n. The tree is kept as the hashes of
 * its complete subtrees, (level, index) covering leaves
 * [index * 2^level, (index + 1) * 2^level); every root and proof is built
 * from O(log n) of them, read through a callback so this file knows no
 * storage.
 */
#ifndef BB_MERKLE_H
#define BB_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH	32
#define MERKLE_PROOF_MAX 128	/* enough for 2^64 leaves, twice over */

typedef int (*merkle_get)(void *, unsigned int, uint64_t, uint8_t *);
typedef int (*merkle_put)(void *, unsigned int, uint64_t, const uint8_t *);

void	 merkle_leaf_hash(const uint8_t *, size_t, uint8_t *);
void	 merkle_node_hash(const uint8_t *, const uint8_t *, uint8_t *);
void	 merkle_empty_root(uint8_t *);

int	 merkle_append(merkle_get, merkle_put, void *, uint64_t,
	    const uint8_t *);
int	 merkle_root(merkle_get, void *, uint64_t, uint8_t *);
int	 merkle_inclusion(merkle_get, void *, uint64_t, uint64_t,
	    uint8_t (*)[MERKLE_HASH], size_t *);
int	 merkle_consistency(merkle_get, void *, uint64_t, uint64_t,
	    uint8_t (*)[MERKLE_HASH], size_t *);

int	 merkle_verify_inclusion(const uint8_t *, uint64_t, uint64_t,
	    const uint8_t (*)[MERKLE_HASH], size_t, const uint8_t *);
int	 merkle_verify_consistency(uint64_t, uint64_t, const uint8_t *,
	    const uint8_t *, const uint8_t (*)[MERKLE_HASH], size_t);

#endif
