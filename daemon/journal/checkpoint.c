#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "checkpoint.h"
#include "codes.h"
#include "log.h"
#include "store.h"
#include "utf8.h"

#define SEED_BYTES	crypto_sign_SEEDBYTES

/* The key's name on disk too: a crash must not lose a key that has
 * signed checkpoints, or the log's next one could not be signed. */
static int
key_dir_sync(const char *path)
{
	char	 copy[PATH_MAX];
	int	 fd, rc;

	snprintf(copy, sizeof(copy), "%s", path);
	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* A new key: 32 random bytes of seed, mode 0600, never overwritten. */
static int
key_create(const char *path, uint8_t *seed)
{
	int	 fd;

	randombytes_buf(seed, SEED_BYTES);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		log_warn("create signing key %s", path);
		return -1;
	}
	if (write(fd, seed, SEED_BYTES) != SEED_BYTES || fsync(fd) == -1) {
		log_warn("write signing key %s", path);
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	if (key_dir_sync(path) == -1) {
		log_warn("sync the directory of signing key %s", path);
		return -1;
	}
	log_info("created a new checkpoint signing key in %s", path);
	return 0;
}

static int
key_read(const char *path, uint8_t *seed)
{
	uint8_t	 extra;
	int	 fd, ok;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 1;
		log_warn("%s", path);
		return -1;
	}
	ok = read(fd, seed, SEED_BYTES) == SEED_BYTES &&
	    read(fd, &extra, 1) == 0;
	close(fd);
	if (!ok) {
		log_warnx("%s: not a signing key (32 bytes of Ed25519 seed)",
		    path);
		return -1;
	}
	return 0;
}

/* keyid: SHA-256(name || 0x0A || 0x01 || pubkey)[:4] */
static void
keyid_of(struct signer *s)
{
	crypto_hash_sha256_state	 st;
	uint8_t				 hash[32];
	const uint8_t			 nl = '\n', alg = 0x01;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const uint8_t *)s->name,
	    strlen(s->name));
	crypto_hash_sha256_update(&st, &nl, 1);
	crypto_hash_sha256_update(&st, &alg, 1);
	crypto_hash_sha256_update(&st, s->pk, sizeof(s->pk));
	crypto_hash_sha256_final(&st, hash);
	memcpy(s->keyid, hash, sizeof(s->keyid));
}

/* The key named after the log's origin; created on first start when
 * create is set, never by the verifier. */
int
checkpoint_key_load(struct signer *s, const char *path, const char *origin,
    int create)
{
	uint8_t		 seed[SEED_BYTES];
	int		 rc;

	if ((rc = key_read(path, seed)) == 1 && create)
		rc = key_create(path, seed);
	else if (rc == 1)
		log_warnx("%s: no signing key", path);
	if (rc != 0)
		return -1;
	crypto_sign_seed_keypair(s->pk, s->sk, seed);
	sodium_memzero(seed, sizeof(seed));
	snprintf(s->name, sizeof(s->name), "%s", origin);
	keyid_of(s);
	return 0;
}

/*
 * The note for a tree of size entries, signed after the checkpoint of
 * previous entries (0: the first); returns its length, or -1. The
 * previous size is an extension line of the note (C2SP tlog-checkpoint
 * lets a log add lines after the root) so that the kept checkpoints form
 * a signed chain: one deleted from the table breaks it.
 */
int
checkpoint_sign(const struct signer *s, uint64_t size, const uint8_t *root,
    uint64_t previous, char *out, size_t len)
{
	char		 root64[64], sig64[128];
	uint8_t		 sig[4 + crypto_sign_BYTES];
	int		 body, n;

	sodium_bin2base64(root64, sizeof(root64), root, 32,
	    sodium_base64_VARIANT_ORIGINAL);
	body = snprintf(out, len, "%s\n%llu\n%s\n" CHECKPOINT_PREVIOUS "%llu\n",
	    s->name, (unsigned long long)size, root64,
	    (unsigned long long)previous);
	if (body < 0 || (size_t)body >= len)
		return -1;
	memcpy(sig, s->keyid, 4);
	crypto_sign_detached(sig + 4, NULL, (const uint8_t *)out,
	    (unsigned long long)body, s->sk);
	sodium_bin2base64(sig64, sizeof(sig64), sig, sizeof(sig),
	    sodium_base64_VARIANT_ORIGINAL);
	n = snprintf(out + body, len - (size_t)body, "\n\xe2\x80\x94 %s %s\n",
	    s->name, sig64);
	if (n < 0 || (size_t)n >= len - (size_t)body)
		return -1;
	return body + n;
}

/* NAME+KEYID+BASE64(0x01 || pubkey), the signed-note verifier format. */
void
checkpoint_verifier_key(const struct signer *s, char *out, size_t len)
{
	uint8_t	 key[1 + crypto_sign_PUBLICKEYBYTES];
	char	 key64[64];

	key[0] = 0x01;
	memcpy(key + 1, s->pk, sizeof(s->pk));
	sodium_bin2base64(key64, sizeof(key64), key, sizeof(key),
	    sodium_base64_VARIANT_ORIGINAL);
	snprintf(out, len, "%s+%02x%02x%02x%02x+%s", s->name, s->keyid[0],
	    s->keyid[1], s->keyid[2], s->keyid[3], key64);
}

/*
 * Parses "NAME+KEYID+BASE64(0x01 || pubkey)" and checks that KEYID belongs
 * to NAME and the key; fills name, pk and keyid of s.
 */
int
checkpoint_verifier_parse(struct signer *s, const char *text)
{
	const char	*plus1, *plus2;
	uint8_t		 key[1 + crypto_sign_PUBLICKEYBYTES + 2];
	struct signer	 check;
	size_t		 n;
	unsigned int	 id[4];

	memset(s, 0, sizeof(*s));
	if ((plus1 = strchr(text, '+')) == NULL ||
	    (plus2 = strchr(plus1 + 1, '+')) == NULL ||
	    plus2 - plus1 != 9 || (size_t)(plus1 - text) >= sizeof(s->name) ||
	    sscanf(plus1 + 1, "%2x%2x%2x%2x", &id[0], &id[1], &id[2],
	    &id[3]) != 4)
		return -1;
	if (sodium_base642bin(key, sizeof(key), plus2 + 1, strcspn(plus2 + 1,
	    "\r\n"), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    n != sizeof(key) - 2 || key[0] != 0x01)
		return -1;
	memcpy(s->name, text, (size_t)(plus1 - text));
	memcpy(s->pk, key + 1, sizeof(s->pk));
	for (int i = 0; i < 4; i++)
		s->keyid[i] = (uint8_t)id[i];
	check = *s;
	keyid_of(&check);
	return memcmp(check.keyid, s->keyid, 4) == 0 ? 0 : -1;
}

/* Does the note carry a valid signature by this key? Returns 0 if so. */
int
checkpoint_verify(const struct signer *s, const char *note, size_t len)
{
	const char	*body_end, *line, *end;
	char		 prefix[300];
	uint8_t		 sig[4 + crypto_sign_BYTES + 2];
	size_t		 n, plen;

	if ((body_end = memmem(note, len, "\n\n", 2)) == NULL)
		return -1;
	plen = (size_t)snprintf(prefix, sizeof(prefix), "\xe2\x80\x94 %s ",
	    s->name);
	for (line = body_end + 2; line < note + len; line = end + 1) {
		if ((end = memchr(line, '\n', (size_t)(note + len - line))) ==
		    NULL)
			return -1;
		if ((size_t)(end - line) <= plen ||
		    memcmp(line, prefix, plen) != 0)
			continue;
		if (sodium_base642bin(sig, sizeof(sig), line + plen,
		    (size_t)(end - line) - plen, NULL, &n, NULL,
		    sodium_base64_VARIANT_ORIGINAL) != 0 ||
		    n != 4 + crypto_sign_BYTES || memcmp(sig, s->keyid, 4) != 0)
			continue;
		if (crypto_sign_verify_detached(sig + 4, (const uint8_t *)note,
		    (unsigned long long)(body_end + 1 - note), s->pk) == 0)
			return 0;
	}
	return -1;
}

/* A row of the checkpoints table; BB_INTERNAL when it is not one. */
int
checkpoint_decode(const struct store_val *k, const struct store_val *v,
    struct checkpoint *cp)
{
	if (k->len != 8 || v->len <= 32)
		return BB_INTERNAL;
	cp->size = be64_get(k->data);
	cp->root = v->data;
	cp->note = (const char *)v->data + 32;
	cp->len = v->len - 32;
	return BB_OK;
}

/* The checkpoint of the largest tree; BB_NOT_FOUND before the first. */
int
checkpoint_latest(struct store_txn *txn, struct checkpoint *cp)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	int			 rc;

	if ((rc = store_cursor_open(txn, ST_CHECKPOINTS, &cur)) != BB_OK)
		return rc;
	if ((rc = store_cursor_last(cur, &k, &v)) == BB_OK)
		rc = checkpoint_decode(&k, &v, cp);
	store_cursor_close(cur);
	return rc;
}

/* The checkpoint of a tree of exactly size entries, if one was kept. */
int
checkpoint_get(struct store_txn *txn, uint64_t size, struct checkpoint *cp)
{
	struct store_val	 k, v;
	uint8_t			 key[8];
	int			 rc;

	be64_put(key, size);
	if ((rc = store_get(txn, ST_CHECKPOINTS, key, sizeof(key), &v)) !=
	    BB_OK)
		return rc;
	k.data = key;
	k.len = sizeof(key);
	return checkpoint_decode(&k, &v, cp);
}

/*
 * The sizes of the kept checkpoints nearest to size, below and above it
 * (0: none), to name to a client that asked for a size never signed.
 */
int
checkpoint_around(struct store_txn *txn, uint64_t size, uint64_t *below,
    uint64_t *above)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	uint8_t			 key[8];
	int			 rc;

	*below = *above = 0;
	if ((rc = store_cursor_open(txn, ST_CHECKPOINTS, &cur)) != BB_OK)
		return rc;
	be64_put(key, size);
	if ((rc = store_cursor_seek(cur, key, sizeof(key), &k, &v)) ==
	    BB_OK) {
		if (k.len == 8)
			*above = be64_get(k.data);
		rc = store_cursor_prev(cur, &k, &v);
	} else if (rc == BB_NOT_FOUND)
		rc = store_cursor_last(cur, &k, &v);
	if (rc == BB_OK && k.len == 8)
		*below = be64_get(k.data);
	store_cursor_close(cur);
	return rc == BB_NOT_FOUND ? BB_OK : rc;
}

/* Keeps the signed note of a tree of size entries: after every other. */
int
checkpoint_put(struct store_txn *txn, uint64_t size, const uint8_t *root,
    const char *note, size_t len)
{
	uint8_t	 key[8], val[32 + CHECKPOINT_MAX];

	if (len > CHECKPOINT_MAX)
		return BB_INTERNAL;
	be64_put(key, size);
	memcpy(val, root, 32);
	memcpy(val + 32, note, len);
	return store_put(txn, ST_CHECKPOINTS, key, sizeof(key), val, 32 + len,
	    STORE_APPEND);
}
