/*
 * The entries as stored: each the serialized Entry that is its Merkle
 * leaf, read back by seq or along a citizen's chain (each entry names the
 * citizen's previous one), for the rules, the handlers and the verifier.
 */

#include <string.h>

#include "codes.h"
#include "entries.h"
#include "store.h"

/* The stored bytes of an entry, valid until the transaction ends. */
int
entry_leaf(struct store_txn *txn, uint64_t seq, const uint8_t **leaf,
    size_t *len)
{
	struct store_val	 v;
	uint8_t			 key[8];
	int			 rc;

	be64_put(key, seq);
	if ((rc = store_get(txn, ST_ENTRIES, key, sizeof(key), &v)) != BB_OK)
		return rc;
	*leaf = v.data;
	*len = v.len;
	return BB_OK;
}

/*
 * A walk back along a citizen's chain from the entry at seq (0: the
 * citizen's last, from the citizens table). The chain is the index of a
 * citizen's entries.
 */
int
chain_walk_start(struct chain_walk *w, struct store_txn *txn,
    const char *citizen, uint64_t seq)
{
	struct store_val	 v;
	int			 rc;

	memset(w, 0, sizeof(*w));
	w->txn = txn;
	w->citizen = citizen;
	w->clen = strlen(citizen);
	w->newer = UINT64_MAX;
	w->next = seq;
	if (seq != 0)
		return BB_OK;
	if ((rc = store_get(txn, ST_CITIZENS, citizen, w->clen, &v)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_OK : rc;
	if (v.len != 8)
		return BB_INTERNAL;
	w->next = be64_get(v.data);
	return BB_OK;
}

/*
 * The next older entry: BB_OK, or BB_NOT_FOUND where the walk ends. It
 * ends at the citizen's first entry, or at a link to an entry that is
 * missing, not the citizen's or not older: w->broken is then the seq that
 * link names.
 */
int
chain_walk_next(struct chain_walk *w, struct chain_link *l)
{
	int	 rc;

	if (w->next == 0)
		return BB_NOT_FOUND;
	if (w->next >= w->newer)
		goto broken;
	rc = entry_leaf(w->txn, w->next, &l->leaf, &l->len);
	if (rc == BB_NOT_FOUND || (rc == BB_OK &&
	    (glance_entry(l->leaf, l->len, &l->g) == -1 ||
	    !glance_is(&l->g.citizen, w->citizen, w->clen))))
		goto broken;
	if (rc != BB_OK)
		return rc;
	l->seq = w->newer = w->next;
	w->next = l->g.citizen_prev;
	return BB_OK;
broken:
	w->broken = w->next;
	w->next = 0;
	return BB_NOT_FOUND;
}

PbEntry *
entry_decode(const uint8_t *leaf, size_t len)
{
	return borgerbudget__v1__entry__unpack(NULL, len, leaf);
}

void
entry_free(PbEntry *e)
{
	if (e)
		borgerbudget__v1__entry__free_unpacked(e, NULL);
}
