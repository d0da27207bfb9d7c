/*
 * A checkpoint per commit: the tree a turn leaves is signed inside the
 * turn's own transaction, so the entries and their checkpoint commit
 * together; a tree that does not extend the last signed one is never
 * signed.
 */

#include <string.h>

#include "checkpoint.h"
#include "codes.h"
#include "config.h"
#include "journal.h"
#include "log.h"
#include "signing.h"
#include "store.h"
#include "turn.h"

static struct {
	struct signer	 signer;
	uint64_t	 signed_size;	/* the latest checkpoint */
	uint8_t		 signed_root[32];
} s;

/* The latest checkpoint's size and root, to extend consistently. */
int
signing_init(struct store_txn *txn, const struct config *conf)
{
	struct checkpoint	 cp;
	int			 rc;

	if (checkpoint_key_load(&s.signer, conf->signing_key, conf->origin,
	    1) != 0)
		return BB_INTERNAL;
	s.signed_size = 0;
	if ((rc = checkpoint_latest(txn, &cp)) == BB_OK) {
		s.signed_size = cp.size;
		memcpy(s.signed_root, cp.root, 32);
	}
	return rc == BB_NOT_FOUND ? BB_OK : rc;
}

const struct signer *
signing_key(void)
{
	return &s.signer;
}

/*
 * Signs the tree the turn leaves, inside the turn's own transaction: the
 * entries and their checkpoint commit together, and a tree that does not
 * extend the last signed one is never signed.
 */
int
signing_sign(struct turn *t)
{
	uint8_t		 root[32];
	char		 note[CHECKPOINT_MAX];
	uint64_t	 size = t->next_seq - 1;
	int		 len, rc;

	if ((rc = journal_root(t->txn, size, root)) != BB_OK)
		return rc;
	if (s.signed_size > 0 && journal_consistent(t->txn, s.signed_size,
	    s.signed_root, size, root) != BB_OK) {
		log_warnx("the tree of %llu entries does not extend the "
		    "checkpoint of %llu: refusing to sign",
		    (unsigned long long)size,
		    (unsigned long long)s.signed_size);
		return BB_INTERNAL;
	}
	if ((len = checkpoint_sign(&s.signer, size, root, note,
	    sizeof(note))) == -1)
		return BB_INTERNAL;
	if ((rc = checkpoint_put(t->txn, size, root, note, (size_t)len)) !=
	    BB_OK)
		return rc;
	memcpy(t->root, root, 32);
	return BB_OK;
}

/* After a commit: the tree just signed is the one the next extends. */
void
signing_committed(uint64_t size, const uint8_t *root)
{
	s.signed_size = size;
	memcpy(s.signed_root, root, 32);
}
