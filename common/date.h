/*
 * Calendar dates as days since 1970-01-01 (proleptic Gregorian), the way
 * the ledger compares and stores them; "YYYY-MM-DD" at every boundary.
 */
#ifndef BB_DATE_H
#define BB_DATE_H

#include <stdint.h>

#define DATE_BUFSZ	11
#define DATE_NONE	INT32_MIN

void		 date_init(void);
int32_t		 date_from_civil(int, int, int);
void		 date_to_civil(int32_t, int *, int *, int *);
int		 date_valid(int, int, int);
int		 date_parse(const char *, int32_t *);
const char	*date_format(int32_t, char *);
int32_t		 date_add_months(int32_t, int);
int32_t		 date_course_end(int32_t, int);
int32_t		 date_of_time(int64_t);
int32_t		 date_today(void);
int64_t		 time_now_us(void);

#endif
