/* The checkpoint each commit signs (signing.c). */
#ifndef BB_SIGNING_H
#define BB_SIGNING_H

#include <stdint.h>

struct config;
struct signer;
struct store_txn;
struct turn;

int		 signing_init(struct store_txn *, const struct config *);
const struct signer *signing_key(void);
int		 signing_sign(struct turn *);
void		 signing_committed(uint64_t, const uint8_t *);

#endif
