/*
 * The records the rules keep beside the journal, one per pool and per
 * course, stored as these structs (state.c): the store's formats, the
 * rules' state (ledger.c, rules.c).
 */
#ifndef BB_RECORDS_H
#define BB_RECORDS_H

#include <stdint.h>

#include "names.h"

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

#endif
