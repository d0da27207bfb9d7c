/*
 * The entries as stored: each the serialized Entry that is its Merkle
 * leaf, keyed by seq, and each naming the citizen's previous entry.
 */
#ifndef BB_ENTRIES_H
#define BB_ENTRIES_H

#include <stddef.h>
#include <stdint.h>

#include "glance.h"
#include "wire.h"

struct store_txn;

int	 entry_leaf(struct store_txn *, uint64_t, const uint8_t **, size_t *);
PbEntry	*entry_decode(const uint8_t *, size_t);
void	 entry_free(PbEntry *);

/* One entry of a citizen's chain: its seq and stored bytes. */
struct chain_link {
	uint64_t	 seq;
	const uint8_t	*leaf;
	size_t		 len;
	struct glance	 g;		/* read on the way: no second pass */
};

struct chain_walk {
	struct store_txn	*txn;
	const char		*citizen;
	size_t			 clen;
	uint64_t		 next;		/* the entry read next; 0: done */
	uint64_t		 newer;		/* the one read last */
	uint64_t		 broken;	/* the link the walk broke at */
};
int	 chain_walk_start(struct chain_walk *, struct store_txn *,
	    const char *, uint64_t);
int	 chain_walk_next(struct chain_walk *, struct chain_link *);

#endif
