/* checkpoint: the latest signed note, or the key that verifies it */

#include <string.h>

#include "arena.h"
#include "checkpoint.h"
#include "codes.h"
#include "ops.h"
#include "store.h"

int
op_checkpoint(struct turn *t, const PbOp *op, PbResult *res)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	char			 key[CHECKPOINT_MAX];
	int			 rc;

	if (op->checkpoint->verifier_key) {
		checkpoint_verifier_key(t->signer, key, sizeof(key));
		res->verifier_key = arena_strdup(t->arena, key);
		return BB_OK;
	}
	if ((rc = store_cursor_open(t->txn, ST_CHECKPOINTS, &cur)) != BB_OK)
		return rc;
	rc = store_cursor_last(cur, &k, &v);
	if (rc == BB_OK && v.len > 32) {
		res->checkpoint = arena_alloc(t->arena, v.len - 32 + 1);
		memcpy(res->checkpoint, (const char *)v.data + 32, v.len - 32);
	} else if (rc == BB_OK) {
		rc = BB_INTERNAL;
	}
	store_cursor_close(cur);
	if (rc == BB_NOT_FOUND)
		return turn_refuse(t, rc, "no checkpoint yet: the journal is "
		    "empty");
	return rc;
}
