/*
 * Idempotency (SPEC §3 rule 7): every write carries a 16-byte id; the ids
 * table keeps, per id, the hash of the operation it came with and the
 * result it got, so the same id with the same content answers the
 * original result again ("exists"), and with other content ID_CONFLICT.
 */

#include <string.h>

#include "arena.h"
#include "codes.h"
#include "ids.h"
#include "ops.h"
#include "sha256.h"
#include "store.h"

/* What "the same content" means for idempotency: the operation without
 * its id, as protobuf-c serializes it (fields in number order). */
void
ids_content_hash(struct turn *t, const PbOp *op, uint8_t hash[32])
{
	PbOp	 bare = *op;
	uint8_t	*buf;
	size_t	 len;

	bare.id.data = NULL;
	bare.id.len = 0;
	len = borgerbudget__v1__op__get_packed_size(&bare);
	buf = arena_alloc(t->arena, len);
	borgerbudget__v1__op__pack(&bare, buf);
	sha256_two(NULL, 0, buf, len, hash);
}

/* An id seen before: the original result again, or a conflict. */
int
ids_seen(struct turn *t, const PbOp *op, const uint8_t hash[32], PbResult *res,
    int *seen)
{
	struct store_val	 v;
	PbResult		*orig;
	int			 rc;

	*seen = 0;
	rc = store_get(t->txn, ST_IDS, op->id.data, 16, &v);
	if (rc == BB_NOT_FOUND)
		return BB_OK;
	if (rc != BB_OK)
		return rc;
	*seen = 1;
	if (v.len < 32)
		return BB_INTERNAL;
	if (memcmp(v.data, hash, 32) != 0)
		return turn_refuse(t, BB_ID_CONFLICT, "this id was used for a "
		    "different operation");
	orig = borgerbudget__v1__result__unpack(NULL, v.len - 32,
	    (const uint8_t *)v.data + 32);
	if (orig == NULL)
		return BB_INTERNAL;
	res->seq = orig->seq;
	res->course = orig->course;
	res->exists = 1;
	borgerbudget__v1__result__free_unpacked(orig, NULL);
	return BB_OK;
}

int
ids_remember(struct turn *t, const PbOp *op, const uint8_t hash[32],
    const PbResult *res)
{
	PbResult	 r = BORGERBUDGET__V1__RESULT__INIT;
	uint8_t		*buf;
	size_t		 len;

	r.seq = res->seq;
	r.course = res->course;
	len = borgerbudget__v1__result__get_packed_size(&r);
	buf = arena_alloc(t->arena, 32 + len);
	memcpy(buf, hash, 32);
	borgerbudget__v1__result__pack(&r, buf + 32);
	return store_put(t->txn, ST_IDS, op->id.data, 16, buf, 32 + len, 0);
}
