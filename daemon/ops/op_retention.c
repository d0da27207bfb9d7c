/*
 * archive_record, erase: retention (SPEC §4). An archive package is
 * written by the client (budgetctl archive) from what any reader may
 * read; its record in the journal says which entries it holds. An
 * erasure removes a citizen's personal text and voucher documents once
 * the rules allow it, and asks for the database to be rewritten without
 * the free pages that still hold them (store_compact).
 */

#include <string.h>

#include "arena.h"
#include "codes.h"
#include "documents.h"
#include "entries.h"
#include "journal.h"
#include "ops.h"
#include "retention.h"
#include "store.h"

int
op_archive_record(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__ArchiveRecord	*m = op->archive_record;
	PbEntry		 e = BORGERBUDGET__V1__ENTRY__INIT;
	int		 rc;

	if (*m->citizen && (rc = citizen_valid(t, m->citizen)) != BB_OK)
		return rc;
	if (m->package_sha256.len != 32)
		return turn_refuse(t, BB_BAD_REQUEST, "an archive record names "
		    "its package by the SHA-256 of its SHA256SUMS, 32 bytes");
	if (m->through == 0 || m->through >= t->next_seq)
		return turn_refuse(t, BB_BAD_REQUEST, "the journal holds "
		    "entries 1 to %llu", (unsigned long long)(t->next_seq - 1));
	e.op = BORGERBUDGET__V1__ENTRY_OP__ARCHIVE;
	e.archived = m->citizen;
	e.through = m->through;
	e.package_sha256 = m->package_sha256;
	e.value_date = turn_date(t, t->today);
	if ((rc = journal_append(t, &e)) != BB_OK)
		return rule_free(rc) ? rc : turn_refuse(t, rc, "%s",
		    t->rules.why);
	res->seq = t->first_seq;
	return BB_OK;
}

/* Overwritten with zeros, then deleted: the node's bytes leave the page
 * before the page itself goes to the free list. */
static int
wipe(struct store_txn *txn, enum store_table tab, const void *key,
    size_t klen, size_t vlen)
{
	void	*row;
	int	 rc;

	if ((rc = store_reserve(txn, tab, key, klen, vlen, &row)) != BB_OK)
		return rc;
	memset(row, 0, vlen);
	return store_del(txn, tab, key, klen);
}

/* May the document go: does every entry naming it belong to an erasure
 * (this one, up to through, or an earlier one of its citizen)? */
static int
document_free(struct turn *t, const uint8_t *sha256, const char *citizen,
    uint64_t through, int *free_)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	const uint8_t		*leaf;
	uint64_t		 seq, eseq, ethrough;
	size_t			 len;
	char			 who[65];
	int			 rc;

	*free_ = 1;
	if ((rc = store_cursor_open(t->txn, ST_DOCUMENT_USES, &cur)) != BB_OK)
		return rc;
	for (rc = store_cursor_seek(cur, sha256, 32, &k, &v);
	    rc == BB_OK && *free_; rc = store_cursor_next(cur, &k, &v)) {
		if (k.len != 40 || memcmp(k.data, sha256, 32) != 0)
			break;
		seq = be64_get((const uint8_t *)k.data + 32);
		if ((rc = entry_leaf(t->txn, seq, &leaf, &len)) != BB_OK ||
		    (rc = leaf_citizen(leaf, len, who, sizeof(who))) != BB_OK)
			break;
		if (strcmp(who, citizen) == 0 && seq <= through)
			continue;
		if ((rc = retention_erased(t->txn, who, &eseq, &ethrough)) !=
		    BB_OK)
			break;
		*free_ = seq <= ethrough;
	}
	store_cursor_close(cur);
	return rc == BB_NOT_FOUND || rc == BB_OK ? BB_OK : rc;
}

/* The texts and documents of citizen's entries up to through. */
static int
erase_personal(struct turn *t, const char *citizen, uint64_t through,
    uint64_t *count)
{
	struct chain_walk	 w;
	struct chain_link	 l;
	struct store_val	 v;
	PbEntry			*e;
	uint8_t			 key[8];
	int			 rc, gone, free_;

	*count = 0;
	if ((rc = chain_walk_start(&w, t->txn, citizen, through)) != BB_OK)
		return rc;
	while ((rc = chain_walk_next(&w, &l)) == BB_OK) {
		gone = 0;
		be64_put(key, l.seq);
		if ((rc = store_get(t->txn, ST_TEXTS, key, sizeof(key), &v)) ==
		    BB_OK) {
			if ((rc = wipe(t->txn, ST_TEXTS, key, sizeof(key),
			    v.len)) != BB_OK)
				return rc;
			gone = 1;
		} else if (rc != BB_NOT_FOUND) {
			return rc;
		}
		if ((e = entry_decode(l.leaf, l.len)) == NULL)
			return BB_INTERNAL;
		if (e->receipt_sha256.len == 32 &&
		    (rc = document_get(t->txn, e->receipt_sha256.data, &v)) ==
		    BB_OK) {
			if ((rc = document_free(t, e->receipt_sha256.data,
			    citizen, through, &free_)) == BB_OK && free_) {
				rc = wipe(t->txn, ST_DOCUMENTS,
				    e->receipt_sha256.data, 32, v.len);
				gone = 1;
			}
		} else if (rc == BB_NOT_FOUND) {
			rc = BB_OK;	/* gone with an earlier entry */
		}
		entry_free(e);
		if (rc != BB_OK)
			return rc;
		*count += gone;
	}
	if (rc != BB_NOT_FOUND)
		return rc;
	return w.broken ? BB_INTERNAL : BB_OK;
}

int
op_erase(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Erase	*m = op->erase;
	PbEntry			 e = BORGERBUDGET__V1__ENTRY__INIT;
	struct store_val	 v;
	int			 rc;

	if ((rc = citizen_valid(t, m->citizen)) != BB_OK)
		return rc;
	if (*m->reason == '\0')
		return turn_refuse(t, BB_BAD_REQUEST, "an erasure needs a "
		    "reason");
	if ((rc = turn_text(t, N_("the reason"), m->reason, TEXT_FREE)) !=
	    BB_OK)
		return rc;
	rc = store_get(t->txn, ST_CITIZENS, m->citizen, strlen(m->citizen), &v);
	if (rc == BB_NOT_FOUND)
		return turn_refuse(t, rc, "citizen %s has no entries",
		    m->citizen);
	if (rc != BB_OK || v.len != 8)
		return rc == BB_OK ? BB_INTERNAL : rc;
	e.op = BORGERBUDGET__V1__ENTRY_OP__ERASE;
	e.citizen = m->citizen;
	e.through = be64_get(v.data);
	e.retention_years = t->conf->retention_years;
	e.value_date = turn_date(t, t->today);
	if ((rc = entry_append(t, &e, m->reason)) != BB_OK)
		return rule_free(rc) ? rc : turn_refuse(t, rc, "%s",
		    t->rules.why);
	res->seq = t->first_seq;
	if ((rc = erase_personal(t, m->citizen, e.through, &res->erased)) !=
	    BB_OK)
		return rc;
	/* The erased bytes are in free pages now: the database is
	 * rewritten without them once this commits (dispatch). */
	t->compact = 1;
	return store_compact_mark(t->txn);
}
