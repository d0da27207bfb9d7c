/*
 * budgetctl's and the daemon's dates: whatever date_parse accepts prints
 * back as the same ten characters, and the course arithmetic on it stays
 * on valid calendar dates after it.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, buf[DATE_BUFSZ];
	int32_t		 days = DATE_NONE, end;
	int		 y, m, d, months;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &days) == 0) {
		if (strcmp(date_format(days, buf), s) != 0)
			abort();
		date_to_civil(days, &y, &m, &d);
		if (!date_valid(y, m, d) || date_from_civil(y, m, d) != days)
			abort();
		/* Course lengths of the 2017 and the 2022 law, and a few more. */
		for (months = 1; months <= 24; months++) {
			end = date_course_end(days, months);
			date_to_civil(end, &y, &m, &d);
			if (end < days || date_from_civil(y, m, d) != end ||
			    (y <= 9999 && !date_valid(y, m, d)))
				abort();
		}
	} else if (days != DATE_NONE) {
		abort();
	}
	free(s);
	return 0;
}
