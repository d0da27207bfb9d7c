/*
 * SHA-256 for the hot paths (Merkle leaves and nodes, idempotency
 * hashes, the leaf hash of each line budgetctl prints, the files of an
 * archive): with the CPU's SHA extensions where there are any (x86-64's
 * SHA-NI, sha256.c), else libsodium's portable code. The messages hashed
 * here are short, and the extensions hash them four times as fast; a
 * general library for them (OpenSSL) cost every budgetctl run 5 ms to
 * load and set up, half of a short command's time.
 */
#ifndef BB_SHA256_H
#define BB_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#define SHA256_LEN	32

/* A hash in progress, for data that comes in pieces. */
struct sha256 {
	uint32_t			 h[8];
	uint64_t			 bytes;
	uint8_t				 block[64];
	size_t				 fill;
	int				 ni;		/* with extensions */
	crypto_hash_sha256_state	 portable;	/* or without */
};

void	 sha256_init(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
void	 sha256_final(struct sha256 *, uint8_t *);

/* SHA-256 of a prefix (may be empty) followed by data. */
void	 sha256_two(const void *, size_t, const void *, size_t, uint8_t *);

/* Whether the CPU's extensions are used; the tests turn them off to
 * compare both ways with each other. Returns what it was. */
int	 sha256_extensions(int);

#endif
