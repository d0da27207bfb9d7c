/*
 * The chunked upload of a voucher document (store/upload.c), driven by a
 * schedule the input describes: the document is the input's tail, and
 * each step sends a chunk of it with the right or a wrong offset, hash or
 * size, or starts over. Whatever arrives, the staging holds no more than
 * the size announced; it says a document is ready only when exactly the
 * announced bytes arrived in order and hash to the announced SHA-256; and
 * a ready document goes into the documents table byte for byte.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "codes.h"
#include "log.h"
#include "store.h"
#include "upload.h"

#define MAX_DOCUMENT	4096
#define MAX_STEPS	32

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct upload	*u;
static char		 dir[64];

/* What the staging must hold after each chunk: a model of upload.c. */
struct model {
	int		 active;	/* an upload under way or complete */
	uint8_t		 hash[32];
	uint64_t	 size, received;
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model		 m;
	struct store		*st;
	struct store_txn	*txn;
	struct store_val	 v;
	uint8_t			 sha[32], other[32];
	const uint8_t		*doc, *s, *h;
	char			 why[256];
	uint64_t		 offset, sz;
	size_t			 nsteps, doclen, i, len, hlen;
	int			 rc, complete;

	if (u == NULL) {
		log_init(1, 0);
		if (sodium_init() == -1)
			abort();
		snprintf(dir, sizeof(dir), "/tmp/bb-fuzz-upload.XXXXXX");
		if (mkdtemp(dir) == NULL || (u = upload_new(dir)) == NULL)
			abort();
	}
	if (size < 1)
		return 0;
	nsteps = data[0] % MAX_STEPS;
	if (size < 1 + 3 * nsteps)
		return 0;
	doc = data + 1 + 3 * nsteps;
	doclen = size - 1 - 3 * nsteps;
	crypto_hash_sha256(sha, doc, doclen);
	memcpy(other, sha, 32);
	other[0] ^= 1;

	upload_reset(u);
	memset(&m, 0, sizeof(m));
	for (i = 0; i < nsteps; i++) {
		s = data + 1 + 3 * i;
		len = s[1] | (size_t)(s[2] & 0x0f) << 8;
		offset = m.received;
		h = sha;
		hlen = 32;
		sz = doclen;
		switch (s[0] & 7) {
		case 0:		/* the next chunk, as a client sends it */
		case 1:
			break;
		case 2:		/* start (again) at 0 */
			offset = 0;
			break;
		case 3:		/* a wrong offset */
			offset = m.received + 1 + (s[2] >> 4);
			break;
		case 4:		/* another hash announced */
			offset = 0;
			h = other;
			break;
		case 5:		/* another size announced */
			offset = 0;
			sz = doclen + (s[2] >> 4) - 8;
			break;
		case 6:		/* no hash, or a short one */
			hlen = s[2] >> 4;
			break;
		default:	/* from anywhere */
			offset = s[2] >> 4;
			break;
		}
		if (offset > doclen)
			offset = doclen;
		if (len > doclen - offset)
			len = doclen - offset;
		/* Later chunks may repeat the hash and size or leave them. */
		if (offset != 0 && !(s[0] & 8)) {
			hlen = 0;
			sz = 0;
		}
		why[0] = '\0';
		complete = m.active && m.received == m.size;
		rc = upload_chunk(u, h, hlen, sz, offset, doc + offset, len,
		    MAX_DOCUMENT, LANG_EN, why, sizeof(why));
		if (rc != BB_OK) {
			if (why[0] == '\0')
				abort();	/* a refusal says why */
			/* Forgotten, but for a chunk after a whole one. */
			if (!(complete && offset != 0))
				memset(&m, 0, sizeof(m));
		} else if (offset == 0) {
			m.active = 1;
			memcpy(m.hash, h, 32);
			m.size = sz;
			m.received = len;
		} else {
			if (!m.active || complete || offset != m.received)
				abort();	/* a gap or an end was passed */
			m.received += len;
		}
		if (m.active && (upload_received(u) != m.received ||
		    m.received > m.size || m.size > MAX_DOCUMENT))
			abort();
	}
	complete = m.active && m.received == m.size;
	/* Whole means the hash matched, and only whole is ready. */
	if (complete != upload_ready(u, m.hash))
		abort();
	if (!upload_ready(u, sha))
		return 0;
	if (memcmp(m.hash, sha, 32) != 0 || m.size != doclen ||
	    upload_size(u) != doclen || upload_type(u) == NULL)
		abort();
	if (store_memory(&st) != BB_OK || store_begin(st, 1, &txn) != BB_OK)
		abort();
	if (upload_store(u, txn) != BB_OK ||
	    store_get(txn, ST_DOCUMENTS, sha, 32, &v) != BB_OK ||
	    v.len != doclen || memcmp(v.data, doc, doclen) != 0)
		abort();
	store_abort(txn);
	store_close(st);
	return 0;
}
