/* The journal: one global sequence of entries, each stored once as the
 * serialized Entry that is its Merkle leaf. */
#ifndef BB_JOURNAL_H
#define BB_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "glance.h"
#include "wire.h"

struct store_txn;
struct turn;

int	 journal_last_seq(struct store_txn *, uint64_t *, int64_t *);
int	 journal_append(struct turn *, PbEntry *);
int	 journal_consistent(struct store_txn *, uint64_t, const uint8_t *,
	    uint64_t, const uint8_t *);
int	 journal_inclusion(struct store_txn *, uint64_t, uint64_t,
	    uint8_t (*)[32], size_t *);
int	 journal_consistency(struct store_txn *, uint64_t, uint64_t,
	    uint8_t (*)[32], size_t *);
int	 journal_tree_node(struct store_txn *, unsigned int, uint64_t,
	    uint8_t *);
int	 journal_root(struct store_txn *, uint64_t, uint8_t *);
int	 journal_leaf(struct store_txn *, uint64_t, const uint8_t **, size_t *);
PbEntry	*journal_decode(const uint8_t *, size_t);

#define JOURNAL_TREE_KEY 9	/* be64 last leaf covered, level */
int	 journal_tree_key(unsigned int, uint64_t, uint8_t *);

/* One entry of a citizen's chain: its seq and stored bytes. */
struct journal_link {
	uint64_t	 seq;
	const uint8_t	*leaf;
	size_t		 len;
	struct glance	 g;		/* read on the way: no second pass */
};
int	 journal_chain(struct turn *, const char *, struct journal_link **,
	    size_t *, uint64_t *);

struct journal_walk {
	struct store_txn	*txn;
	const char		*citizen;
	size_t			 clen;
	uint64_t		 next;		/* the entry read next; 0: done */
	uint64_t		 newer;		/* the one read last */
	uint64_t		 broken;	/* the link the walk broke at */
};
int	 journal_walk_start(struct journal_walk *, struct store_txn *,
	    const char *, uint64_t);
int	 journal_walk_next(struct journal_walk *, struct journal_link *);

void	 journal_entry_free(PbEntry *);
char	*journal_account(struct turn *, const char *, const char *, uint32_t);

#endif
