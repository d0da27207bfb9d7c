/*
 * Idempotency (SPEC §3 rule 7): every write carries a 16-byte id; the
 * operation's row (ST_IDS, after its first entry) keeps the id, the hash
 * of the operation it came with and the course it named, so the same id
 * with the same content answers the original result again ("exists"),
 * and with other content ID_CONFLICT. The rows are found by an index in
 * memory (id_index.c), built from them at start: keyed by the id itself,
 * each new id went to a random leaf of a table of its own, pages that
 * every commit wrote and synced.
 */

#include <string.h>

#include "arena.h"
#include "codes.h"
#include "id_index.h"
#include "ids.h"
#include "log.h"
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

/* Is the row of the operation at seq the id's? (id_index_find) */
struct lookup {
	struct turn		*t;
	const uint8_t		*id;
	struct store_val	 row;
	uint64_t		 seq;
	int			 rc;
};

static int
is_it(void *arg, uint64_t seq)
{
	struct lookup	*l = arg;
	uint8_t		 key[STORE_ID_KEY];
	int		 rc;

	store_id_key(key, seq);
	if ((rc = store_get(l->t->txn, ST_IDS, key, sizeof(key), &l->row)) ==
	    BB_NOT_FOUND)
		return 0;	/* a candidate a rolled-back turn left */
	l->rc = rc;
	if (rc != BB_OK)
		return 1;
	if (l->row.len != STORE_ID_VAL) {
		l->rc = BB_INTERNAL;
		return 1;
	}
	if (memcmp(l->row.data, l->id, 16) != 0)
		return 0;
	l->seq = seq;
	return 1;
}

/* An id seen before: the original result again, or a conflict. */
int
ids_seen(struct turn *t, const PbOp *op, const uint8_t hash[32], PbResult *res,
    int *seen)
{
	struct lookup	 l = { t, op->id.data, { NULL, 0 }, 0, BB_OK };
	const uint8_t	*row;

	*seen = 0;
	if (id_index_find(op->id.data, is_it, &l) == 0)
		return BB_OK;
	if (l.rc != BB_OK)
		return l.rc;
	*seen = 1;
	row = l.row.data;
	if (memcmp(row + ID_ROW_HASH, hash, 32) != 0)
		return turn_refuse(t, BB_ID_CONFLICT, "this id was used for a "
		    "different operation");
	res->seq = l.seq;
	res->course = be32_get(row + ID_ROW_COURSE);
	res->exists = 1;
	return BB_OK;
}

/*
 * The operation's row after its first entry: its id, the hash of its
 * content and its course (what a retry answers), and the index told.
 */
int
ids_remember(struct turn *t, const PbOp *op, const uint8_t hash[32],
    const PbResult *res)
{
	uint8_t	 key[STORE_ID_KEY], row[STORE_ID_VAL];
	int	 rc;

	store_id_key(key, res->seq);
	memcpy(row, op->id.data, 16);
	memcpy(row + ID_ROW_HASH, hash, 32);
	be32_put(row + ID_ROW_COURSE, res->course);
	if ((rc = store_put(t->txn, ST_IDS, key, sizeof(key), row,
	    sizeof(row), 0)) != BB_OK)
		return rc;
	return id_index_add(op->id.data, res->seq) == 0 ? BB_OK : BB_INTERNAL;
}

/* The index from the rows, at start: at most one a seq of the journal. */
int
ids_load(struct store_txn *txn, uint64_t entries)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	int			 rc;

	if (id_index_init((size_t)entries) == -1)
		return BB_INTERNAL;
	if ((rc = store_cursor_open(txn, ST_IDS, &cur)) != BB_OK)
		return rc;
	for (rc = store_cursor_first(cur, &k, &v); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &v)) {
		if (v.len != STORE_ID_VAL) {
			log_warnx("the id of the operation at entry %llu is "
			    "damaged: budgetd verify --db names what else is",
			    (unsigned long long)be64_get(k.data));
			rc = BB_INTERNAL;
			break;
		}
		if (id_index_add(v.data, be64_get(k.data)) == -1) {
			rc = BB_INTERNAL;
			break;
		}
	}
	store_cursor_close(cur);
	return rc == BB_NOT_FOUND ? BB_OK : rc;
}
