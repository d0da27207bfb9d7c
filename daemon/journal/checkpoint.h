/*
 * Signed checkpoints in the C2SP tlog-checkpoint signed-note format: the
 * origin line, the tree size, the base64 root, and an Ed25519 signature
 * line "— NAME base64(keyid || signature)". The key lives in a file of its
 * own, outside the database.
 */
#ifndef BB_CHECKPOINT_H
#define BB_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#define CHECKPOINT_MAX	1024
/* The note's extension line: the size of the checkpoint signed before. */
#define CHECKPOINT_PREVIOUS	"previous "

struct signer {
	char		 name[256];
	uint8_t		 pk[crypto_sign_PUBLICKEYBYTES];
	uint8_t		 sk[crypto_sign_SECRETKEYBYTES];
	uint8_t		 keyid[4];
};

int	 checkpoint_key_load(struct signer *, const char *, const char *, int);
int	 checkpoint_verifier_parse(struct signer *, const char *);
int	 checkpoint_verify(const struct signer *, const char *, size_t);
int	 checkpoint_sign(const struct signer *, uint64_t, const uint8_t *,
	    uint64_t, char *, size_t);
void	 checkpoint_verifier_key(const struct signer *, char *, size_t);

/*
 * The checkpoints table, this module's: be64 tree size -> the 32-byte
 * root, then the signed note. A kept checkpoint points into the store's
 * memory, valid until its transaction ends.
 */
struct store_txn;
struct store_val;

struct checkpoint {
	uint64_t	 size;
	const uint8_t	*root;
	const char	*note;
	size_t		 len;		/* of the note */
};

int	 checkpoint_decode(const struct store_val *, const struct store_val *,
	    struct checkpoint *);
int	 checkpoint_latest(struct store_txn *, struct checkpoint *);
int	 checkpoint_get(struct store_txn *, uint64_t, struct checkpoint *);
int	 checkpoint_around(struct store_txn *, uint64_t, uint64_t *,
	    uint64_t *);
int	 checkpoint_put(struct store_txn *, uint64_t, const uint8_t *,
	    const char *, size_t);

#endif
