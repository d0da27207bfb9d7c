/*
 * A voucher document on its way into the ledger. A connection uploads it
 * in chunks, each a request of its own well inside the frame limit; the
 * chunks go to a staging file of the daemon (unlinked from the start, so
 * a crash leaves nothing behind) and through a running SHA-256, so a
 * client that stalls mid-upload holds a file descriptor and no memory
 * beyond its last frame, and no transaction at all. Once the last chunk
 * arrived and the bytes match the hash announced with the first, a write
 * naming the hash stores the document with its entry (documents.h).
 */
#ifndef BB_UPLOAD_H
#define BB_UPLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"

#define UPLOAD_HASH	32

struct store_txn;
struct upload;

struct upload *upload_new(const char *);
void	 upload_free(struct upload *);
int	 upload_chunk(struct upload *, const uint8_t *, size_t, uint64_t,
	    uint64_t, const uint8_t *, size_t, uint64_t, enum lang, char *,
	    size_t);
void	 upload_reset(struct upload *);
uint64_t upload_received(const struct upload *);
int	 upload_ready(const struct upload *, const uint8_t *);
uint64_t upload_size(const struct upload *);
const char *upload_type(const struct upload *);
int	 upload_store(const struct upload *, struct store_txn *);

#endif
