/* Pool and course state kept up to date beside the journal, in the same
 * transaction, so a rule check reads one record instead of a replay. */
#ifndef BB_STATE_H
#define BB_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

#define COURSE_KEY_MAX	(NAME_MAX_LEN + 1 + 4)
#define RES_KEY_MAX	(4 + COURSE_KEY_MAX + 8)

struct arena;
struct course;
struct pool;
struct store_txn;
struct store_val;

int	 state_pool_decode(const struct store_val *, struct pool *);
int	 state_pool_get(struct store_txn *, const char *, struct pool *);
int	 state_pool_put(struct store_txn *, const struct pool *);
int	 state_course_get(struct store_txn *, const char *, uint32_t,
	    struct course *);
int	 state_course_latest(struct store_txn *, const char *, struct course *);
int	 state_course_put(struct store_txn *, const struct course *);
int	 state_course_decode(const struct store_val *, struct course *);
int	 state_reversal_get(struct store_txn *, uint64_t, uint64_t *);
int	 state_reversal_put(struct store_txn *, uint64_t, uint64_t);
size_t	 course_key(uint8_t *, const char *, uint32_t);

/* An open reservation: a RESERVE entry not yet captured or released. */
struct reservation {
	uint64_t	 seq;
	int64_t		 amount;
	char		 citizen[NAME_MAX_LEN + 1];
	uint32_t	 course;
	int32_t		 deadline;	/* its course's end + grace days */
	char		 category[NAME_MAX_LEN + 1];
};

int	 reservation_decode(const struct store_val *,
	    const struct store_val *, struct reservation *);
int	 reservation_put(struct store_txn *, const struct reservation *);
int	 reservation_get(struct store_txn *, const struct course *, uint64_t,
	    struct reservation *);
int	 reservation_del(struct store_txn *, const struct reservation *);
int	 reservations_of(struct store_txn *, struct arena *,
	    const struct course *, struct reservation **, size_t *);
int	 reservation_first(struct store_txn *, struct reservation *);
size_t	 reservation_prefix(uint8_t *, const struct course *);
int	 category_spent_get(struct store_txn *, const struct course *,
	    const char *, int64_t *);
int	 category_spent_put(struct store_txn *, const struct course *,
	    const char *, int64_t);
int	 category_spent_decode(const struct store_val *,
	    const struct store_val *, char *, uint32_t *, char *, int64_t *);

#endif
