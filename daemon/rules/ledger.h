/*
 * The ledger rules of SPEC §3 as pure functions over pool and course state:
 * no I/O, no LMDB, no sockets. Each function checks every rule first and
 * changes the state only when all hold, returning BB_OK or the code of the
 * first rule broken. The daemon calls them before it appends an entry;
 * the verifier calls them again when it replays the journal.
 */
#ifndef BB_LEDGER_H
#define BB_LEDGER_H

#include <stdint.h>

#include "records.h"

#define LEDGER_CAP_MAX		5000000		/* 50,000 kr. per course */
#define LEDGER_MONTHS_MAX	60
#define LEDGER_GRACE_MAX	365
#define LEDGER_AMOUNT_MAX	100000000000LL	/* 1.000.000.000 kr. per operation */

int64_t	 pool_balance(const struct pool *);
int64_t	 course_available(const struct course *);
int	 ledger_held_add(int64_t *, const struct course *, const char *);
int32_t	 course_last_day(const struct course *);

int	 ledger_amount_valid(int64_t);
int	 ledger_pool_create(const struct pool *);
int	 ledger_fund(struct pool *, int64_t, int32_t, int32_t);
int	 ledger_unfund(struct pool *, int64_t);
int	 ledger_course_open(struct pool *, const struct course *,
	    struct course *, const char *, int32_t, int32_t, int64_t);
int	 ledger_grant(struct pool *, struct course *, int64_t, int32_t,
	    int32_t);
int	 ledger_ungrant(struct pool *, struct course *, int64_t, int32_t);
int	 ledger_spend(struct course *, int64_t, int64_t, int32_t, int32_t);
int	 ledger_unspend(struct course *, int64_t, int32_t);
int	 ledger_reserve(struct course *, int64_t, int32_t);
int	 ledger_capture(struct course *, int64_t, int64_t, int32_t, int32_t);
int	 ledger_release(struct course *, int64_t);
int	 ledger_refund(struct course *, int64_t *, int64_t, int32_t, int32_t);
int	 ledger_refund_closed(struct pool *, struct course *, int64_t *,
	    int64_t, int32_t, int32_t);
int	 ledger_unrefund(struct course *, int64_t *, int64_t, int32_t);
int	 ledger_category_take(int64_t *, int64_t);
int	 ledger_category_add(int64_t *, int64_t);
int	 ledger_reverse_role(const char *, int);
int	 ledger_dates_course(int);
int	 ledger_course_close(struct pool *, struct course *, int, int32_t,
	    int32_t, int32_t, int64_t *);

int		 close_reason_parse(const char *);
const char	*close_reason_name(int);

#endif
