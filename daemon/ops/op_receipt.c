/* The voucher documents: upload one, and the one of an entry, a chunk
 * at a time. */

#include <string.h>

#include "arena.h"
#include "codes.h"
#include "documents.h"
#include "entries.h"
#include "ops.h"
#include "store.h"
#include "upload.h"

#define RECEIPT_CHUNK		(1024U * 1024)
#define RECEIPT_CHUNK_MAX	(8U * 1024 * 1024)

/* receipt: the voucher document of entry seq, a chunk at a time. */
int
op_receipt(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Receipt	*m = op->receipt;
	PbReceiptInfo		*ri;
	PbEntry			*e;
	struct store_val	 v;
	const uint8_t		*leaf;
	size_t			 len, limit;
	int			 rc;

	if (m->seq == 0 || m->seq >= t->next_seq)
		return turn_refuse(t, BB_NOT_FOUND, "no entry %llu",
		    (unsigned long long)m->seq);
	if ((rc = entry_leaf(t->txn, m->seq, &leaf, &len)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	if ((e = entry_decode(leaf, len)) == NULL)
		return BB_INTERNAL;
	ri = arena_alloc(t->arena, sizeof(*ri));
	borgerbudget__v1__receipt_info__init(ri);
	ri->seq = m->seq;
	if (e->receipt_sha256.len == 32) {
		ri->sha256.data = arena_memdup(t->arena, e->receipt_sha256.data,
		    32);
		ri->sha256.len = 32;
		ri->media_type = arena_strdup(t->arena, e->receipt_type);
	}
	entry_free(e);
	if (ri->sha256.len == 0)
		return turn_refuse(t, BB_NOT_FOUND, "entry %llu has no voucher "
		    "document", (unsigned long long)m->seq);
	if ((rc = document_get(t->txn, ri->sha256.data, &v)) == BB_NOT_FOUND)
		return turn_refuse(t, BB_NOT_FOUND, "the voucher document of "
		    "entry %llu was erased when its retention ended (an "
		    "archive package keeps it)", (unsigned long long)m->seq);
	if (rc != BB_OK)
		return rc;
	if (m->offset > v.len)
		return turn_refuse(t, BB_BAD_REQUEST, "the document has %zu "
		    "bytes, fewer than the offset asked", v.len);
	limit = m->limit ? m->limit : RECEIPT_CHUNK;
	if (limit > RECEIPT_CHUNK_MAX)
		limit = RECEIPT_CHUNK_MAX;
	if (limit > v.len - m->offset)
		limit = v.len - (size_t)m->offset;
	ri->size = v.len;
	ri->offset = m->offset;
	/* The turn's transaction ends before its answers are sent. */
	ri->data.data = arena_memdup(t->arena, (const uint8_t *)v.data +
	    m->offset, limit);
	ri->data.len = limit;
	res->receipt = ri;
	return BB_OK;
}

/*
 * upload: a chunk of a voucher document into the connection's staging
 * (upload.h). Not a write: nothing enters the ledger until a write names
 * the document. A document the ledger keeps already is answered with
 * exists at its first chunk, and nothing more need be sent.
 */
int
op_upload(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Upload	*m = op->upload;
	struct store_val		 v;
	char				 why[160];
	int				 rc;

	if (t->upload == NULL)
		return turn_refuse(t, BB_INTERNAL, "this connection cannot "
		    "stage a document");
	if (m->offset == 0 && m->sha256.len == 32 &&
	    (rc = document_get(t->txn, m->sha256.data, &v)) != BB_NOT_FOUND) {
		if (rc != BB_OK)
			return rc;
		upload_reset(t->upload);
		res->exists = 1;
		res->received = v.len;
		return BB_OK;
	}
	rc = upload_chunk(t->upload, m->sha256.data, m->sha256.len, m->size,
	    m->offset, m->data.data, m->data.len, t->conf->max_document,
	    t->lang, why, sizeof(why));
	if (rc != BB_OK)
		return turn_refuse(t, rc, "%s", why);
	res->received = upload_received(t->upload);
	return BB_OK;
}
