/*
 * The rule engine: the one place that decides, for every entry, whether
 * it may stand in the journal and what it changes. rules_apply checks the
 * entry against SPEC §3 (the pure functions of ledger.c) and the state it
 * finds in the tables, then writes the entry's effect on every table kept
 * beside the journal: pools, courses, the citizen's chain, reservations,
 * reversals and category spending.
 *
 * The daemon applies each entry it is about to append to its LMDB tables,
 * inside the write transaction (journal_append): a refusal appends
 * nothing. The verifier applies every entry of the journal, from nothing,
 * to the same tables in a memory store (replay.c) and compares them byte
 * for byte with the kept ones. Handlers only propose entries.
 */
#ifndef BB_RULES_H
#define BB_RULES_H

#include <stdint.h>

#include "lang.h"
#include "wire.h"

struct course;
struct pool;
struct store_txn;

struct rules {
	ProtobufCAllocator	*alloc;		/* decodes reversed entries;
						   NULL: malloc */
	int64_t			 last_recorded;
	uint64_t		 rest_of;	/* a partial capture's
						   reservation... */
	int64_t			 rest;		/* ...and the rest its release
						   must give back */
	char			 why[256];	/* the check that failed */
	enum lang		 lang;		/* ...in the words of */
};

void	 rules_init(struct rules *, ProtobufCAllocator *);
int	 rules_apply(struct rules *, struct store_txn *, struct store_txn *,
	    const PbEntry *);

/* What the rules derive, for a handler to propose: the citizen's next
 * course in pool p (and what the earlier ones hold of its drawing
 * right), and the latest value date dating course c. */
int	 rules_course_next(struct rules *, struct store_txn *, struct pool *,
	    const char *, int32_t, int32_t, struct course *, int64_t *);
int	 rules_course_dated(struct rules *, struct store_txn *,
	    const struct course *, uint64_t, int32_t *);

#endif
