/* checkpoint, proof, consistency, audit: an auditor's questions */

#include <string.h>

#include "arena.h"
#include "checkpoint.h"
#include "codes.h"
#include "journal.h"
#include "merkle.h"
#include "ops.h"
#include "state.h"
#include "store.h"

int
op_checkpoint(struct turn *t, const PbOp *op, PbResult *res)
{
	struct checkpoint	 cp;
	char			 key[CHECKPOINT_MAX];
	int			 rc;

	if (op->checkpoint->verifier_key) {
		checkpoint_verifier_key(t->signer, key, sizeof(key));
		res->verifier_key = arena_strdup(t->arena, key);
		return BB_OK;
	}
	if ((rc = checkpoint_latest(t->txn, &cp)) == BB_OK) {
		res->checkpoint = arena_alloc(t->arena, cp.len + 1);
		memcpy(res->checkpoint, cp.note, cp.len);
	}
	if (rc == BB_NOT_FOUND)
		return turn_refuse(t, rc, "no checkpoint yet: the journal is "
		    "empty");
	return rc;
}

/*
 * A proof is of a signed tree: an inclusion path to a root nobody signed
 * proves nothing to a third party. A size no checkpoint signs is refused,
 * naming the nearest sizes that one does.
 */
static int
proof_unsigned(struct turn *t, uint64_t size)
{
	uint64_t	 below, above;
	int		 rc;

	if ((rc = checkpoint_around(t->txn, size, &below, &above)) != BB_OK)
		return rc;
	if (below && above)
		return turn_refuse(t, BB_NOT_FOUND, "no checkpoint signs the "
		    "tree of %llu entries; the nearest sign %llu and %llu",
		    (unsigned long long)size, (unsigned long long)below,
		    (unsigned long long)above);
	if (below || above)
		return turn_refuse(t, BB_NOT_FOUND, "no checkpoint signs the "
		    "tree of %llu entries; the nearest signs %llu",
		    (unsigned long long)size,
		    (unsigned long long)(below ? below : above));
	return turn_refuse(t, BB_NOT_FOUND, "no checkpoint signs the tree "
	    "of %llu entries", (unsigned long long)size);
}

static ProtobufCBinaryData *
hash_list(struct turn *t, uint8_t (*hashes)[32], size_t n)
{
	ProtobufCBinaryData	*list;

	list = arena_alloc(t->arena, (n ? n : 1) * sizeof(*list));
	for (size_t i = 0; i < n; i++) {
		list[i].data = arena_memdup(t->arena, hashes[i], 32);
		list[i].len = 32;
	}
	return list;
}

/* The citizen of the leaf, erased up to seq? */
static int
proof_erased(struct turn *t, const uint8_t *leaf, size_t len, uint64_t seq,
    protobuf_c_boolean *erased)
{
	uint64_t	 through;
	char		 citizen[65];
	int		 rc;

	if ((rc = leaf_citizen(leaf, len, citizen, sizeof(citizen))) !=
	    BB_OK || (rc = citizen_erased(t, citizen, &through)) != BB_OK)
		return rc;
	*erased = seq <= through;
	return BB_OK;
}

int
op_proof(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Proof	*m = op->proof;
	Borgerbudget__V1__ProofInfo	*pi;
	struct checkpoint		 cp;
	uint8_t				 proof[MERKLE_PROOF_MAX][32];
	const uint8_t			*leaf;
	char				*note;
	uint64_t			 size = m->size;
	size_t				 len, n;
	int				 rc;

	/* Without a size, the latest checkpoint's: the turn signed the
	 * tree it began with first (signing_wanted). */
	if (size == 0 && (rc = checkpoint_latest(t->txn, &cp)) == BB_OK)
		size = cp.size;
	else if (size == 0 && rc != BB_NOT_FOUND)
		return rc;
	if (size > t->next_seq - 1)
		return turn_refuse(t, BB_NOT_FOUND, "the journal holds %llu "
		    "entries", (unsigned long long)(t->next_seq - 1));
	/* Only an entry appended earlier in this same turn is newer than
	 * the checkpoint the turn began with. */
	if (m->size == 0 && m->seq > size && m->seq < t->next_seq)
		return turn_refuse(t, BB_NOT_FOUND, "entry %llu is not signed "
		    "yet: the latest checkpoint signs %llu entries",
		    (unsigned long long)m->seq, (unsigned long long)size);
	if (m->seq == 0 || m->seq > size)
		return turn_refuse(t, BB_NOT_FOUND, "entry %llu is not in the "
		    "tree of %llu entries", (unsigned long long)m->seq,
		    (unsigned long long)size);
	if ((rc = checkpoint_get(t->txn, size, &cp)) == BB_NOT_FOUND)
		return proof_unsigned(t, size);
	if (rc != BB_OK)
		return rc;
	note = arena_alloc(t->arena, cp.len + 1);
	memcpy(note, cp.note, cp.len);
	pi = arena_alloc(t->arena, sizeof(*pi));
	borgerbudget__v1__proof_info__init(pi);
	if ((rc = entry_leaf(t->txn, m->seq, &leaf, &len)) != BB_OK ||
	    (rc = journal_inclusion(t->txn, m->seq - 1, size, proof, &n)) !=
	    BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	pi->seq = m->seq;
	pi->leaf.data = arena_memdup(t->arena, leaf, len);
	pi->leaf.len = len;
	pi->leaf_hash.data = arena_alloc(t->arena, 32);
	pi->leaf_hash.len = 32;
	merkle_leaf_hash(leaf, len, pi->leaf_hash.data);
	pi->tree_size = size;
	pi->inclusion = hash_list(t, proof, n);
	pi->n_inclusion = n;
	pi->root.data = arena_alloc(t->arena, 32);
	pi->root.len = 32;
	if ((rc = journal_root(t->txn, size, pi->root.data)) != BB_OK)
		return rc;
	pi->checkpoint = note;
	if ((rc = entry_text(t, m->seq, &pi->note, &pi->note_salt)) != BB_OK ||
	    (rc = proof_erased(t, leaf, len, m->seq, &pi->erased)) != BB_OK)
		return rc;
	res->proof = pi;
	return BB_OK;
}

int
op_consistency(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Consistency	*m = op->consistency;
	Borgerbudget__V1__ConsistencyInfo	*ci;
	uint8_t					 proof[MERKLE_PROOF_MAX][32];
	size_t					 n;
	int					 rc;

	if (m->old_size > m->new_size)
		return turn_refuse(t, BB_BAD_REQUEST, "the old size is larger "
		    "than the new");
	if (m->new_size > t->next_seq - 1)
		return turn_refuse(t, BB_NOT_FOUND, "the journal holds %llu "
		    "entries", (unsigned long long)(t->next_seq - 1));
	ci = arena_alloc(t->arena, sizeof(*ci));
	borgerbudget__v1__consistency_info__init(ci);
	ci->old_size = m->old_size;
	ci->new_size = m->new_size;
	ci->old_root.data = arena_alloc(t->arena, 32);
	ci->old_root.len = 32;
	ci->new_root.data = arena_alloc(t->arena, 32);
	ci->new_root.len = 32;
	if ((rc = journal_root(t->txn, m->old_size, ci->old_root.data)) !=
	    BB_OK || (rc = journal_root(t->txn, m->new_size,
	    ci->new_root.data)) != BB_OK ||
	    (rc = journal_consistency(t->txn, m->old_size, m->new_size, proof,
	    &n)) != BB_OK)
		return rc;
	ci->proof = hash_list(t, proof, n);
	ci->n_proof = n;
	res->consistency = ci;
	return BB_OK;
}

/*
 * Every entry of the citizen, in order, with its leaf hash and whether and
 * by what it was reversed, found by following the per-citizen chain from
 * the citizen's last entry. A link to an entry that is missing, another
 * citizen's or not older breaks the chain: the entries after it are
 * listed and the oldest of them is marked.
 */
int
op_audit(struct turn *t, const PbOp *op, PbResult *res)
{
	const char			*citizen = op->audit->citizen;
	Borgerbudget__V1__AuditInfo	*ai;
	Borgerbudget__V1__AuditLine	*line;
	struct chain_link		*links;
	uint64_t			 broken, by, erased;
	size_t				 i, n;
	int				 rc;

	if ((rc = citizen_valid(t, citizen)) != BB_OK)
		return rc;
	if ((rc = journal_chain(t, citizen, &links, &n, &broken)) != BB_OK ||
	    (rc = citizen_erased(t, citizen, &erased)) != BB_OK)
		return rc;
	if (n == 0 && !broken)
		return turn_refuse(t, BB_NOT_FOUND, "no entries for %s",
		    citizen);
	ai = arena_alloc(t->arena, sizeof(*ai));
	borgerbudget__v1__audit_info__init(ai);
	ai->citizen = arena_strdup(t->arena, citizen);
	ai->chain_intact = broken == 0;
	ai->lines = arena_alloc(t->arena, (n ? n : 1) * sizeof(*ai->lines));
	for (i = 0; i < n; i++) {
		line = arena_alloc(t->arena, sizeof(*line));
		borgerbudget__v1__audit_line__init(line);
		line->entry.data = arena_memdup(t->arena, links[i].leaf,
		    links[i].len);
		line->entry.len = links[i].len;
		line->leaf_hash.data = arena_alloc(t->arena, MERKLE_HASH);
		line->leaf_hash.len = MERKLE_HASH;
		merkle_leaf_hash(links[i].leaf, links[i].len,
		    line->leaf_hash.data);
		line->chain_ok = i > 0 || !broken;
		if (state_reversal_get(t->txn, links[i].seq, &by) == BB_OK)
			line->reversed_by = by;
		if ((rc = entry_text(t, links[i].seq, &line->note,
		    &line->note_salt)) != BB_OK)
			return rc;
		line->erased = links[i].seq <= erased;
		ai->lines[ai->n_lines++] = line;
	}
	res->audit = ai;
	return BB_OK;
}
