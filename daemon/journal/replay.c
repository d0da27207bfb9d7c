#include <stdio.h>
#include <stdlib.h>

#include "codes.h"
#include "replay.h"
#include "rules.h"
#include "store.h"

struct replay {
	struct store		*mem;
	struct store_txn	*tables;
	struct rules		 rules;
};

/* NULL when memory ran out. alloc decodes the entries reversals name. */
struct replay *
replay_new(ProtobufCAllocator *alloc)
{
	struct replay	*r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	if (store_memory(&r->mem) != BB_OK) {
		free(r);
		return NULL;
	}
	if (store_begin(r->mem, 1, &r->tables) != BB_OK) {
		replay_free(r);
		return NULL;
	}
	rules_init(&r->rules, alloc);
	return r;
}

void
replay_free(struct replay *r)
{
	if (r == NULL)
		return;
	store_abort(r->tables);
	store_close(r->mem);
	free(r);
}

/*
 * The next entry of the journal, whose earlier entries journal holds:
 * 0, or -1 with the check it failed in why. A replay that ran out of
 * memory says so and goes no further.
 */
int
replay_entry(struct replay *r, struct store_txn *journal, const PbEntry *e,
    char *why, size_t len)
{
	int	 rc;

	if ((rc = rules_apply(&r->rules, r->tables, journal, e)) == BB_OK)
		return 0;
	if (store_failed(r->tables) != BB_OK)
		snprintf(why, len, "%s", lang_text(r->rules.lang,
		    N_("the replay ran out of memory")));
	else
		snprintf(why, len, "%s", r->rules.why);
	return -1;
}

/* The tables the replay rebuilt. */
struct store_txn *
replay_tables(struct replay *r)
{
	return r->tables;
}

/* The words of the rules' problems: the verifier's, not the process's. */
void
replay_lang(struct replay *r, enum lang lang)
{
	r->rules.lang = lang;
}
