/* Checkpoints signed on a schedule and when asked for (signing.c). */
#ifndef BB_SIGNING_H
#define BB_SIGNING_H

#include <stdint.h>

#include "wire.h"

struct config;
struct event_base;
struct signer;
struct store_txn;
struct turn;

int		 signing_init(struct store_txn *, const struct config *,
		    struct event_base *);
void		 signing_free(void);
const struct signer *signing_key(void);
uint64_t	 signing_signed(void);
int		 signing_wanted(const PbOp *);
int		 signing_due(void);
int		 signing_take_due(void);
int		 signing_stale(void);
int		 signing_sign(struct turn *);
void		 signing_committed(uint64_t, const uint8_t *);
void		 signing_after(uint64_t);

#endif
