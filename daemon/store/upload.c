#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "codes.h"
#include "documents.h"
#include "lang.h"
#include "log.h"
#include "store.h"
#include "upload.h"

struct upload {
	char			 dir[4096];
	int			 fd;		/* -1: none yet */
	uint8_t			 want[UPLOAD_HASH];
	uint64_t		 size;		/* announced */
	uint64_t		 received;
	const char		*type;
	int			 ready;		/* complete, matches */
	crypto_hash_sha256_state hash;
};

/* Staging files live in dir (the data directory: the same file system
 * the database fills, so a full disk is seen here first). */
struct upload *
upload_new(const char *dir)
{
	struct upload	*u;

	if ((u = calloc(1, sizeof(*u))) == NULL)
		return NULL;
	snprintf(u->dir, sizeof(u->dir), "%s", dir && *dir ? dir : "/tmp");
	u->fd = -1;
	return u;
}

void
upload_free(struct upload *u)
{
	if (u == NULL)
		return;
	if (u->fd != -1)
		close(u->fd);
	free(u);
}

/* Forget the staged document; the file is emptied for the next one. */
void
upload_reset(struct upload *u)
{
	u->size = u->received = 0;
	u->type = NULL;
	u->ready = 0;
	if (u->fd != -1 && ftruncate(u->fd, 0) == -1) {
		close(u->fd);
		u->fd = -1;
	}
}

/* An anonymous file: O_TMPFILE has no name to leave behind; where the
 * file system lacks it, a name unlinked at once. */
static int
staging_file(struct upload *u)
{
	char	 path[4200];
	int	 fd;

	if (u->fd != -1)
		return 0;
	if ((fd = open(u->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) == -1) {
		snprintf(path, sizeof(path), "%s/upload.XXXXXX", u->dir);
		if ((fd = mkostemp(path, O_CLOEXEC)) == -1)
			return -1;
		unlink(path);
	}
	u->fd = fd;
	return 0;
}

static int
refuse(char *why, size_t n, enum lang lang, int code, const char *what)
{
	snprintf(why, n, "%s", lang_text(lang, what));
	return code;
}

static int
write_all(int fd, const uint8_t *p, size_t len, uint64_t at)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = pwrite(fd, p, len, (off_t)at)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		at += (uint64_t)n;
	}
	return 0;
}

/*
 * One chunk: the first (offset 0) announces the document's SHA-256 and
 * its size, at most max bytes, and must show what the document is; each
 * next one starts where the last ended. A chunk that does not fit is
 * refused and forgets the upload (the client starts again at 0): half a
 * document is never taken for a whole one.
 */
int
upload_chunk(struct upload *u, const uint8_t *sha256, size_t shalen,
    uint64_t size, uint64_t offset, const uint8_t *data, size_t len,
    uint64_t max, enum lang lang, char *why, size_t whylen)
{
	uint8_t	 got[UPLOAD_HASH];

	if (offset == 0) {
		upload_reset(u);
		if (shalen != UPLOAD_HASH)
			return refuse(why, whylen, lang, BB_BAD_REQUEST,
			    N_("an upload announces the document's SHA-256, 32 "
			    "bytes"));
		if (size == 0)
			return refuse(why, whylen, lang, BB_BAD_REQUEST,
			    N_("the document is empty"));
		if (size > max) {
			snprintf(why, whylen, lang_text(lang, N_("the document "
			    "is %llu bytes, more than max_document, %llu "
			    "bytes")),
			    (unsigned long long)size, (unsigned long long)max);
			return BB_BAD_REQUEST;
		}
		if (len < (size < DOCUMENT_MAGIC ? size : DOCUMENT_MAGIC) ||
		    (u->type = document_type(data, len)) == NULL)
			return refuse(why, whylen, lang, BB_BAD_REQUEST,
			    N_("the document is not a PDF, a JPEG or a PNG "
			    "file"));
		memcpy(u->want, sha256, UPLOAD_HASH);
		u->size = size;
		crypto_hash_sha256_init(&u->hash);
	} else if (u->size == 0 || u->ready) {
		return refuse(why, whylen, lang, BB_BAD_REQUEST,
		    N_("no upload is under way on this connection; start at "
		    "offset 0"));
	} else if (offset != u->received ||
	    (shalen != 0 && (shalen != UPLOAD_HASH ||
	    memcmp(sha256, u->want, UPLOAD_HASH) != 0)) ||
	    (size != 0 && size != u->size)) {
		snprintf(why, whylen, lang_text(lang, N_("the chunk at %llu "
		    "does not continue the upload, which has %llu bytes; start "
		    "again at 0")),
		    (unsigned long long)offset,
		    (unsigned long long)u->received);
		upload_reset(u);
		return BB_BAD_REQUEST;
	}
	if (len > u->size - u->received) {
		upload_reset(u);
		return refuse(why, whylen, lang, BB_BAD_REQUEST,
		    N_("the chunks hold more bytes than the size announced"));
	}
	if (len > 0 && (staging_file(u) == -1 ||
	    write_all(u->fd, data, len, u->received) == -1)) {
		log_warn("upload staging in %s", u->dir);
		upload_reset(u);
		if (errno == ENOSPC || errno == EDQUOT)
			return refuse(why, whylen, lang, BB_STORAGE_FULL,
			    N_("no room for the document on the daemon's file "
			    "system"));
		return refuse(why, whylen, lang, BB_INTERNAL,
		    N_("the document cannot be staged; see the daemon's log"));
	}
	crypto_hash_sha256_update(&u->hash, data, len);
	u->received += len;
	if (u->received < u->size)
		return BB_OK;
	crypto_hash_sha256_final(&u->hash, got);
	if (sodium_memcmp(got, u->want, UPLOAD_HASH) != 0) {
		upload_reset(u);
		return refuse(why, whylen, lang, BB_BAD_REQUEST,
		    N_("the document's bytes do not match the SHA-256 "
		    "announced"));
	}
	u->ready = 1;
	return BB_OK;
}

uint64_t
upload_received(const struct upload *u)
{
	return u->received;
}

/* Is the document of this SHA-256 staged whole? */
int
upload_ready(const struct upload *u, const uint8_t *sha256)
{
	return u != NULL && u->ready &&
	    memcmp(u->want, sha256, UPLOAD_HASH) == 0;
}

uint64_t
upload_size(const struct upload *u)
{
	return u->size;
}

const char *
upload_type(const struct upload *u)
{
	return u->type;
}

/*
 * The staged document into the documents table, read from its file
 * straight into the row's pages. A read that fails takes the row out
 * again: a document is stored whole or not at all.
 */
int
upload_store(const struct upload *u, struct store_txn *txn)
{
	uint8_t		*p;
	void		*row;
	uint64_t	 at = 0;
	ssize_t		 n;
	int		 rc;

	if (!u->ready)
		return BB_INTERNAL;
	if ((rc = store_reserve(txn, ST_DOCUMENTS, u->want, UPLOAD_HASH,
	    (size_t)u->size, &row)) != BB_OK)
		return rc;
	for (p = row; at < u->size; at += (uint64_t)n) {
		n = pread(u->fd, p + at, (size_t)(u->size - at), (off_t)at);
		if (n == -1 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n <= 0) {
			log_warn("upload staging: read back");
			store_del(txn, ST_DOCUMENTS, u->want, UPLOAD_HASH);
			return BB_INTERNAL;
		}
	}
	return BB_OK;
}
