/* tally.c: sums by name */
#ifndef BB_TALLY_H
#define BB_TALLY_H

#include <stdint.h>

#include "table.h"

struct tally {
	struct table	 sums;		/* name -> int64_t */
};

int64_t		*tally_at(struct tally *, const char *);
const char	**tally_keys(struct tally *);
void		 tally_free(struct tally *);

#endif
