/*
 * Replaying the journal: every entry applied by the rule engine (rules.c,
 * the code the daemon decided with) to tables in memory, rebuilt from
 * nothing, for the verifier to compare with the tables the daemon keeps.
 */
#ifndef BB_REPLAY_H
#define BB_REPLAY_H

#include <stddef.h>

#include "lang.h"
#include "wire.h"

struct replay;
struct store_txn;

struct replay	*replay_new(ProtobufCAllocator *);
void		 replay_free(struct replay *);
int		 replay_entry(struct replay *, struct store_txn *,
		    const PbEntry *, char *, size_t);
struct store_txn *replay_tables(struct replay *);
void		 replay_lang(struct replay *, enum lang);

#endif
