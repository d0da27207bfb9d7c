/*
 * SHA-256 for the hot paths (Merkle leaves and nodes, idempotency
 * hashes, the leaf hash of each line budgetctl prints): OpenSSL's, which uses the CPU's SHA extensions where there
 * are any, several times faster than libsodium's portable code for the
 * short messages hashed here. Falls back to libsodium when OpenSSL cannot
 * give a digest context.
 */
#ifndef BB_SHA256_H
#define BB_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN	32

/* SHA-256 of a prefix (may be empty) followed by data. */
void	 sha256_two(const void *, size_t, const void *, size_t, uint8_t *);

#endif
