/* Calendar dates, and where a course of N months ends. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "date.h"

static int32_t
d(const char *s)
{
	int32_t	 v = 0;

	if (date_parse(s, &v) != 0)
		fail_msg("cannot parse %s", s);
	return v;
}

static const char *
str(int32_t v)
{
	static char	 buf[DATE_BUFSZ];

	return date_format(v, buf);
}

/* The Gregorian calendar written out plainly, to check the code against. */
static int
naive_leap(int y)
{
	return y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
}

static int
naive_month_days(int y, int m)
{
	switch (m) {
	case 2:
		return naive_leap(y) ? 29 : 28;
	case 4: case 6: case 9: case 11:
		return 30;
	default:
		return 31;
	}
}

/* Every day from 1900-01-01 to 2100-12-31 against a day-by-day count. */
static void
test_civil_round_trip(void **state)
{
	int	 y, m, dd, gy, gm, gd;
	int32_t	 n = -25567, v;	/* 1900-01-01 is 25567 days before 1970 */
	char	 want[48];

	(void)state;
	assert_int_equal(date_from_civil(1970, 1, 1), 0);
	assert_int_equal(date_from_civil(1969, 12, 31), -1);
	assert_int_equal(date_from_civil(2000, 3, 1), 11017);
	for (y = 1900; y <= 2100; y++)
		for (m = 1; m <= 12; m++)
			for (dd = 1; dd <= naive_month_days(y, m); dd++) {
				assert_int_equal(date_from_civil(y, m, dd), n);
				gy = gm = gd = -1;
				date_to_civil(n, &gy, &gm, &gd);
				assert_int_equal(gy, y);
				assert_int_equal(gm, m);
				assert_int_equal(gd, dd);
				assert_true(date_valid(y, m, dd));
				snprintf(want, sizeof(want), "%04d-%02d-%02d",
				    y, m, dd);
				assert_string_equal(str(n), want);
				v = INT32_MIN;
				assert_int_equal(date_parse(want, &v), 0);
				assert_int_equal(v, n);
				n++;
			}
	/* 2100-12-31 is day 47846. */
	assert_int_equal(n - 1, 47846);
	assert_int_equal(d("2100-12-31"), 47846);
}

static void
test_valid(void **state)
{
	(void)state;
	for (int y = 1900; y <= 2100; y++)
		for (int m = 0; m <= 13; m++)
			for (int dd = -1; dd <= 32; dd++)
				assert_int_equal(date_valid(y, m, dd),
				    m >= 1 && m <= 12 && dd >= 1 &&
				    dd <= naive_month_days(y, m));
}

static void
test_leap_years(void **state)
{
	int32_t	 v = 7;

	(void)state;
	assert_false(date_valid(1900, 2, 29));
	assert_true(date_valid(2000, 2, 29));
	assert_true(date_valid(2020, 2, 29));
	assert_true(date_valid(2024, 2, 29));
	assert_false(date_valid(2021, 2, 29));
	assert_false(date_valid(2100, 2, 29));
	assert_false(date_valid(2020, 2, 30));
	assert_int_equal(date_parse("1900-02-29", &v), -1);
	assert_int_equal(v, 7);
	assert_int_equal(d("2000-03-01") - d("2000-02-28"), 2);
	assert_int_equal(d("2020-03-01") - d("2020-02-28"), 2);
	assert_int_equal(d("2024-03-01") - d("2024-02-28"), 2);
	assert_int_equal(d("1900-03-01") - d("1900-02-28"), 1);
	assert_int_equal(d("2100-03-01") - d("2100-02-28"), 1);
	assert_int_equal(d("2021-01-01") - d("2020-01-01"), 366);
	assert_int_equal(d("2022-01-01") - d("2021-01-01"), 365);
	assert_int_equal(d("1901-01-01") - d("1900-01-01"), 365);
	assert_int_equal(d("2001-01-01") - d("2000-01-01"), 366);
}

static void
test_parse_refuses(void **state)
{
	static const char *const bad[] = { "2021-02-29", "2020-13-01",
	    "2020-00-10", "2020-1-01", "20200101", "2020-01-01x", "",
	    "abcd-ef-gh", "2020-01-32", "2020-01-00", "2020-04-31",
	    "2020-06-31", "2020-09-31", "2020-11-31", "2020/01/01",
	    " 2020-01-01", "2020-01-01 ", "2020-01-01\n", "+202-01-01",
	    "2020-01-0 ", "2020-01-1", "202-01-01", "2020_01-01",
	    "2020-01_01", "2020--1-01", "2020-01--1", "-020-01-01",
	    "1899-12-31", "0000-01-01", "2020-0a-01", "2020-01-3:" };
	int32_t	 v = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_parse(bad[i], &v) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(v, 12345);
	}
	assert_int_equal(date_parse(NULL, &v), -1);
	assert_int_equal(v, 12345);
}

static void
test_format(void **state)
{
	char	 buf[DATE_BUFSZ];

	(void)state;
	assert_ptr_equal(date_format(0, buf), buf);
	assert_string_equal(buf, "1970-01-01");
	assert_string_equal(str(-1), "1969-12-31");
	assert_string_equal(str(-25567), "1900-01-01");
	assert_string_equal(str(17532), "2018-01-01");
	assert_string_equal(str(d("2017-12-01")), "2017-12-01");
	assert_string_equal(str(d("9999-12-31")), "9999-12-31");
}

static void
test_course_end(void **state)
{
	(void)state;
	/* The cases. */
	assert_string_equal(str(date_course_end(d("2018-01-15"), 12)),
	    "2019-01-14");
	assert_string_equal(str(date_course_end(d("2020-02-29"), 12)),
	    "2021-02-28");
	assert_string_equal(str(date_course_end(d("2018-01-31"), 1)),
	    "2018-02-28");
	assert_string_equal(str(date_course_end(d("2018-01-31"), 12)),
	    "2019-01-30");
	assert_string_equal(str(date_course_end(d("2020-01-31"), 1)),
	    "2020-02-29");
	assert_string_equal(str(date_course_end(d("2024-02-29"), 48)),
	    "2028-02-28");
	assert_string_equal(str(date_course_end(d("2019-12-01"), 15)),
	    "2021-02-28");
	/* Month ends, across years. */
	assert_string_equal(str(date_course_end(d("2017-12-01"), 12)),
	    "2018-11-30");
	assert_string_equal(str(date_course_end(d("2017-12-31"), 1)),
	    "2018-01-30");
	assert_string_equal(str(date_course_end(d("2018-12-31"), 2)),
	    "2019-02-28");
	assert_string_equal(str(date_course_end(d("2019-12-31"), 2)),
	    "2020-02-29");
	assert_string_equal(str(date_course_end(d("2018-11-30"), 3)),
	    "2019-02-28");
	assert_string_equal(str(date_course_end(d("2019-10-31"), 4)),
	    "2020-02-29");
	assert_string_equal(str(date_course_end(d("2018-08-31"), 6)),
	    "2019-02-28");
	assert_string_equal(str(date_course_end(d("2018-12-31"), 12)),
	    "2019-12-30");
	assert_string_equal(str(date_course_end(d("2018-12-15"), 1)),
	    "2019-01-14");
	assert_string_equal(str(date_course_end(d("2018-12-01"), 1)),
	    "2018-12-31");
	assert_string_equal(str(date_course_end(d("2018-01-01"), 12)),
	    "2018-12-31");
	assert_string_equal(str(date_course_end(d("2018-03-31"), 1)),
	    "2018-04-30");
	assert_string_equal(str(date_course_end(d("2018-05-31"), 1)),
	    "2018-06-30");
	assert_string_equal(str(date_course_end(d("2020-02-29"), 60)),
	    "2025-02-28");
	assert_string_equal(str(date_course_end(d("2099-12-31"), 2)),
	    "2100-02-28");
	/* The same day N months later, or the first of the month after. */
	assert_string_equal(str(date_add_months(d("2018-01-31"), 1)),
	    "2018-03-01");
	assert_string_equal(str(date_add_months(d("2020-01-30"), 1)),
	    "2020-03-01");
	assert_string_equal(str(date_add_months(d("2020-01-29"), 1)),
	    "2020-02-29");
	assert_string_equal(str(date_add_months(d("2018-01-28"), 1)),
	    "2018-02-28");
	assert_string_equal(str(date_add_months(d("2018-10-31"), 2)),
	    "2018-12-31");
	assert_string_equal(str(date_add_months(d("2018-11-15"), 2)),
	    "2019-01-15");
	assert_string_equal(str(date_add_months(d("2018-12-31"), 1)),
	    "2019-01-31");
	assert_string_equal(str(date_add_months(d("2018-12-31"), 24)),
	    "2020-12-31");
	assert_string_equal(str(date_add_months(d("2018-05-05"), 0)),
	    "2018-05-05");
}

/* What date_add_months must return, worked out on the civil calendar. */
static int32_t
naive_add_months(int32_t start, int months)
{
	int	 y, m, dd, idx;

	date_to_civil(start, &y, &m, &dd);
	idx = y * 12 + m - 1 + months;
	y = idx / 12;
	m = idx % 12 + 1;
	if (dd <= naive_month_days(y, m))
		return date_from_civil(y, m, dd);
	return date_from_civil(y, m, naive_month_days(y, m)) + 1;
}

/*
 * For every start from 2016 to 2026 and 1-15 months: the course ends on or
 * after its start, on the day before start + N months, which is the same
 * day of the month or, when the month lacks it, the first of the next; a
 * later start never ends earlier.
 */
static void
test_course_end_property(void **state)
{
	int32_t	 s, e, prev[16];
	int	 n, sy, sm, sd, ey, em, ed;

	(void)state;
	for (n = 1; n <= 15; n++)
		prev[n] = INT32_MIN;
	for (s = d("2016-01-01"); s <= d("2026-12-31"); s++) {
		date_to_civil(s, &sy, &sm, &sd);
		for (n = 1; n <= 15; n++) {
			e = date_course_end(s, n);
			assert_true(e >= s);
			assert_int_equal(e + 1, date_add_months(s, n));
			assert_int_equal(e + 1, naive_add_months(s, n));
			assert_true(e - s >= n * 28 - 1);
			assert_true(e - s <= n * 31);
			assert_true(e >= prev[n]);
			prev[n] = e;
			/* The end's month is start's month + N, or one less. */
			date_to_civil(e + 1, &ey, &em, &ed);
			assert_true((ey * 12 + em) - (sy * 12 + sm) == n ||
			    ((ey * 12 + em) - (sy * 12 + sm) == n + 1 &&
			    ed == 1 && sd > 28));
		}
	}
}

/*
 * The calendar date in Copenhagen of a UTC time: CET in winter, CEST in
 * summer, and the date changes at 23:00 or 22:00 UTC.
 */
static int64_t
utc_us(const char *date, int h, int mi, int s)
{
	return ((int64_t)d(date) * 86400 + h * 3600 + mi * 60 + s) *
	    1000000;
}

static void
test_date_of_time(void **state)
{
	(void)state;
	assert_string_equal(str(date_of_time(utc_us("2020-12-31", 22, 59, 59) +
	    999999)), "2020-12-31");
	assert_string_equal(str(date_of_time(utc_us("2020-12-31", 23, 0, 0))),
	    "2021-01-01");
	assert_string_equal(str(date_of_time(utc_us("2020-06-30", 21, 59, 59))),
	    "2020-06-30");
	assert_string_equal(str(date_of_time(utc_us("2020-06-30", 22, 0, 0))),
	    "2020-07-01");
	/* Asked out of order, the per-hour answer is not reused wrongly. */
	assert_string_equal(str(date_of_time(utc_us("2020-06-30", 21, 30, 0))),
	    "2020-06-30");
	assert_string_equal(str(date_of_time(utc_us("2020-06-30", 22, 30, 0))),
	    "2020-07-01");
	assert_string_equal(str(date_of_time(utc_us("2020-06-30", 21, 0, 0))),
	    "2020-06-30");
	/* Summer time starts 2020-03-29 01:00 UTC, ends 2020-10-25 01:00. */
	assert_string_equal(str(date_of_time(utc_us("2020-03-28", 22, 59, 59))),
	    "2020-03-28");
	assert_string_equal(str(date_of_time(utc_us("2020-03-28", 23, 0, 0))),
	    "2020-03-29");
	assert_string_equal(str(date_of_time(utc_us("2020-03-29", 21, 59, 59))),
	    "2020-03-29");
	assert_string_equal(str(date_of_time(utc_us("2020-03-29", 22, 0, 0))),
	    "2020-03-30");
	assert_string_equal(str(date_of_time(utc_us("2020-10-24", 21, 59, 59))),
	    "2020-10-24");
	assert_string_equal(str(date_of_time(utc_us("2020-10-24", 22, 0, 0))),
	    "2020-10-25");
	assert_string_equal(str(date_of_time(utc_us("2020-10-25", 22, 59, 59))),
	    "2020-10-25");
	assert_string_equal(str(date_of_time(utc_us("2020-10-25", 23, 0, 0))),
	    "2020-10-26");
	/* Today is a date near now, and now moves forward. */
	assert_true(date_today() >= d("2024-01-01"));
	assert_true(time_now_us() > utc_us("2024-01-01", 0, 0, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_round_trip),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_course_end),
		cmocka_unit_test(test_course_end_property),
		cmocka_unit_test(test_date_of_time),
	};

	date_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
