#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#include "date.h"

/* Dates are Danish calendar dates whatever the machine's zone is. */
void
date_init(void)
{
	setenv("TZ", "Europe/Copenhagen", 1);
	tzset();
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int
date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* Days from civil date; Howard Hinnant's era arithmetic, exact for any
 * year in range and free of tables. */
int32_t
date_from_civil(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_civil(int32_t days, int *y, int *m, int *d)
{
	int	 z, era, doe, yoe, doy, mp;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Exactly "YYYY-MM-DD"; by hand, because the verifier parses millions. */
int
date_parse(const char *s, int32_t *days)
{
	int	 y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!date_valid(y, m, d))
		return -1;
	*days = date_from_civil(y, m, d);
	return 0;
}

const char *
date_format(int32_t days, char *buf)
{
	int		 y, m, d;
	unsigned int	 uy, um, ud;

	date_to_civil(days, &y, &m, &d);
	uy = (unsigned int)y % 10000;
	um = (unsigned int)m % 100;
	ud = (unsigned int)d % 100;
	/* By hand: every entry formats its value date, and snprintf was a
	 * visible part of a write's cost. */
	buf[0] = (char)('0' + uy / 1000);
	buf[1] = (char)('0' + uy / 100 % 10);
	buf[2] = (char)('0' + uy / 10 % 10);
	buf[3] = (char)('0' + uy % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + um / 10);
	buf[6] = (char)('0' + um % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + ud / 10);
	buf[9] = (char)('0' + ud % 10);
	buf[10] = '\0';
	return buf;
}

/*
 * The same day N months later. When that month has no such day (the 31st,
 * 29 February) the result is the first day of the month after, so that a
 * course ending "the day before" ends on the last day of the month.
 */
int32_t
date_add_months(int32_t days, int months)
{
	int	 y, m, d, idx;

	date_to_civil(days, &y, &m, &d);
	idx = y * 12 + (m - 1) + months;
	y = idx / 12;
	m = idx % 12 + 1;
	if (d > month_days(y, m)) {
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return date_from_civil(y, m, d);
}

/* A course of N months starting D ends on the day before D + N months. */
int32_t
date_course_end(int32_t start, int months)
{
	return date_add_months(start, months) - 1;
}

/*
 * The calendar date in Europe/Copenhagen of a UTC time in microseconds.
 * The zone's offsets are whole hours, so the date only changes on a UTC
 * hour; the last hour's answer is kept, since a replay asks in order.
 */
int32_t
date_of_time(int64_t us)
{
	static int64_t	 cached_hour = INT64_MIN;
	static int32_t	 cached_date;
	/* Floor division: before 1970 the quotient must round down too. */
	int64_t		 hour = us / 3600000000LL - (us % 3600000000LL < 0);
	time_t		 t = (time_t)(us / 1000000 - (us % 1000000 < 0));
	struct tm	 tm;

	if (hour == cached_hour)
		return cached_date;
	if (localtime_r(&t, &tm) == NULL)
		return DATE_NONE;
	cached_hour = hour;
	cached_date = date_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	return cached_date;
}

int64_t
time_now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int32_t
date_today(void)
{
	return date_of_time(time_now_us());
}
