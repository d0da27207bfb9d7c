/*
 * budgetctl verify: the replay of the whole journal on a worker thread,
 * from a read transaction of its own, so that every other client is
 * answered meanwhile. The asking client is not read from until its answer
 * is sent, so its responses stay in request order. One at a time.
 */
#ifndef BB_VERIFY_JOB_H
#define BB_VERIFY_JOB_H

#include "wire.h"

struct client;
struct event_base;
struct signer;
struct store;

int	 verify_job_init(struct event_base *, struct store *,
	    const struct signer *);
void	 verify_job_start(struct client *, const PbOp *);
void	 verify_job_free(void);

#endif
