/* The ids: what an operation's id answers when it comes again. */
#ifndef BB_IDS_H
#define BB_IDS_H

#include <stdint.h>

#include "turn.h"

void	 ids_content_hash(struct turn *, const PbOp *, uint8_t [32]);
int	 ids_seen(struct turn *, const PbOp *, const uint8_t [32], PbResult *,
	    int *);
int	 ids_remember(struct turn *, const PbOp *, const uint8_t [32],
	    const PbResult *);
int	 ids_load(struct store_txn *, uint64_t);

#endif
