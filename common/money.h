/* Money is an integer number of øre; no floating point anywhere. */
#ifndef BB_MONEY_H
#define BB_MONEY_H

#include <stddef.h>
#include <stdint.h>

#define MONEY_BUFSZ	40	/* "-92.233.720.368.547.758,07 kr." and NUL */

int		 money_parse(const char *, int64_t *);
const char	*money_format(int64_t, char *, size_t);

#endif
