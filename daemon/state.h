/* Pool and course state kept up to date beside the journal, in the same
 * transaction, so a rule check reads one record instead of a replay. */
#ifndef BB_STATE_H
#define BB_STATE_H

#include <stdint.h>

struct course;
struct pool;
struct store_txn;

int	 state_pool_get(struct store_txn *, const char *, struct pool *);
int	 state_pool_put(struct store_txn *, const struct pool *);
int	 state_course_get(struct store_txn *, const char *, uint32_t,
	    struct course *);
int	 state_course_latest(struct store_txn *, const char *, struct course *);
int	 state_course_put(struct store_txn *, const struct course *);
int	 state_reversal_get(struct store_txn *, uint64_t, uint64_t *);
int	 state_reversal_put(struct store_txn *, uint64_t, uint64_t);

#endif
