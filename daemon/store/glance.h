/* A few fields of a stored entry, read straight from its wire bytes. */
#ifndef BB_GLANCE_H
#define BB_GLANCE_H

#include <stddef.h>
#include <stdint.h>

/* Strings point into the entry's bytes and are not NUL-terminated; a NUL
 * inside one is kept (protobuf-c's char * would end there). */
struct glance_str {
	const char	*p;
	size_t		 len;
};

struct glance {
	uint32_t		 op;
	uint32_t		 course;
	int64_t			 amount;
	uint64_t		 citizen_prev;
	struct glance_str	 citizen;
	struct glance_str	 value_date;
	struct glance_str	 debit;
	struct glance_str	 credit;
	struct glance_str	 category;
};

int	 glance_entry(const uint8_t *, size_t, struct glance *);
int	 glance_is(const struct glance_str *, const char *, size_t);
int	 glance_selfcheck(void);

#endif
