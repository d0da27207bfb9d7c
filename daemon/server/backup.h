/*
 * budgetctl backup: mdb_env_copy2 in a thread of its own, so the loop
 * (and every writer) goes on while the copy is made from its read
 * transaction. The asking client is not read from until its answer is
 * sent, so its responses stay in request order. One backup at a time.
 */
#ifndef BB_BACKUP_H
#define BB_BACKUP_H

#include "wire.h"

struct client;
struct event_base;
struct signer;
struct store;

int	 backup_init(struct event_base *, struct store *,
	    const struct signer *);
void	 backup_start(struct client *, const PbOp *);
void	 backup_free(void);

#endif
