/* The journal: one global sequence of entries, each stored once as the
 * serialized Entry that is its Merkle leaf. */
#ifndef BB_JOURNAL_H
#define BB_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "entries.h"
#include "wire.h"

struct store_txn;
struct turn;

int	 journal_last_seq(struct store_txn *, uint64_t *, int64_t *);
int	 journal_append(struct turn *, PbEntry *);
int	 journal_append_text(struct turn *, PbEntry *, const char *);

/* The texts table's row of an entry: 16-byte salt, then the text. */
#define JOURNAL_SALT	16
int	 journal_text(struct store_txn *, uint64_t, const char **, size_t *,
	    const uint8_t **);
struct store_val;
int	 journal_text_row(const struct store_val *, const char **, size_t *,
	    const uint8_t **);
int	 journal_texts(struct store_txn *, uint64_t, uint64_t, PbEntryText *,
	    PbEntryText **, size_t, size_t *);
int	 journal_consistent(struct store_txn *, uint64_t, const uint8_t *,
	    uint64_t, const uint8_t *);
int	 journal_inclusion(struct store_txn *, uint64_t, uint64_t,
	    uint8_t (*)[32], size_t *);
int	 journal_consistency(struct store_txn *, uint64_t, uint64_t,
	    uint8_t (*)[32], size_t *);
int	 journal_root(struct store_txn *, uint64_t, uint8_t *);

#define JOURNAL_TREE_KEY 9	/* be64 seq of the last entry covered, level */
int	 journal_tree_key(unsigned int, uint64_t, uint8_t *);

char	*journal_account(struct turn *, const char *, const char *, uint32_t);

/* A citizen's entries, oldest first, in the turn's arena. */
int	 journal_chain(struct turn *, const char *, struct chain_link **,
	    size_t *, uint64_t *);

#endif
