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

#include "names.h"

#define LEDGER_CAP_MAX		5000000		/* 50,000 kr. per course */
#define LEDGER_MONTHS_MAX	60
#define LEDGER_GRACE_MAX	365
#define LEDGER_AMOUNT_MAX	100000000000LL	/* 1.000.000.000 kr. per operation */
#define POOL_NAME_MAX		200

struct pool {
	char		 slug[NAME_MAX_LEN + 1];
	char		 name[POOL_NAME_MAX + 1];
	int64_t		 cap;
	int32_t		 months;
	int32_t		 grace;
	int32_t		 from;
	int32_t		 to;
	int64_t		 funded;	/* net of reversed funding */
	int64_t		 granted;	/* net of reversed grants */
	int64_t		 returned;	/* remainders of closed courses */
	uint32_t	 courses_open;
	uint32_t	 courses_closed;
};

enum course_status {
	COURSE_OPEN = 1,
	COURSE_CLOSED = 2,
};

enum close_reason {
	CLOSE_NONE = 0,
	CLOSE_ENDED,
	CLOSE_MOVED,
	CLOSE_WITHDRAWN,
};

struct course {
	char		 citizen[NAME_MAX_LEN + 1];
	char		 pool[NAME_MAX_LEN + 1];
	uint32_t	 number;
	int32_t		 status;
	int32_t		 start;
	int32_t		 end;
	int32_t		 grace;
	int32_t		 close_reason;
	int32_t		 closed_on;
	int64_t		 cap;
	int64_t		 granted;	/* net of reversed grants */
	int64_t		 spent;		/* spends and captures, net of
					   reversed spends */
	int64_t		 reserved;	/* open reservations */
	int64_t		 refunded;	/* net of reversed refunds */
	int64_t		 returned;	/* given back to the pool at close */
};

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
