/* Calendar dates, and where a course of N months ends. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "date.h"

static int32_t
d(const char *s)
{
	int32_t	 v;

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

/* Every day of two centuries against a plain day-by-day count. */
static void
test_civil_round_trip(void **state)
{
	int	 y, m, dd, gy, gm, gd;
	int32_t	 n = date_from_civil(1900, 1, 1);

	(void)state;
	assert_int_equal(date_from_civil(1970, 1, 1), 0);
	for (y = 1900; y <= 2100; y++)
		for (m = 1; m <= 12; m++)
			for (dd = 1; dd <= 31 && date_valid(y, m, dd); dd++) {
				assert_int_equal(date_from_civil(y, m, dd), n);
				date_to_civil(n, &gy, &gm, &gd);
				assert_int_equal(gy * 10000 + gm * 100 + gd,
				    y * 10000 + m * 100 + dd);
				n++;
			}
}

static void
test_leap_years(void **state)
{
	(void)state;
	assert_false(date_valid(1900, 2, 29));
	assert_true(date_valid(2000, 2, 29));
	assert_true(date_valid(2020, 2, 29));
	assert_true(date_valid(2024, 2, 29));
	assert_false(date_valid(2021, 2, 29));
	assert_int_equal(d("2020-03-01") - d("2020-02-28"), 2);
	assert_int_equal(d("2100-03-01") - d("2100-02-28"), 1);
}

static void
test_parse_refuses(void **state)
{
	static const char *const bad[] = { "2021-02-29", "2020-13-01",
	    "2020-00-10", "2020-1-01", "20200101", "2020-01-01x", "",
	    "abcd-ef-gh", "2020-01-32", "2020/01/01", " 2020-01-01",
	    "+202-01-01", "2020-01-0 " };
	int32_t	 v;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (date_parse(bad[i], &v) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_int_equal(date_parse(NULL, &v), -1);
	assert_string_equal(str(d("2017-12-01")), "2017-12-01");
}

static void
test_course_end(void **state)
{
	(void)state;
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
	assert_string_equal(str(date_course_end(d("2017-12-01"), 12)),
	    "2018-11-30");
	assert_string_equal(str(date_course_end(d("2018-03-31"), 1)),
	    "2018-04-30");
	assert_string_equal(str(date_add_months(d("2018-01-31"), 1)),
	    "2018-03-01");
}

/* A course always ends on or after its start, the day before start + N. */
static void
test_course_end_property(void **state)
{
	int32_t	 s, e;

	(void)state;
	for (s = d("2016-01-01"); s <= d("2026-12-31"); s++)
		for (int n = 1; n <= 15; n++) {
			e = date_course_end(s, n);
			assert_true(e >= s);
			assert_int_equal(e + 1, date_add_months(s, n));
			/* Never longer than N months and four days. */
			assert_true(e - s <= n * 31);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_round_trip),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_course_end),
		cmocka_unit_test(test_course_end_property),
	};

	date_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
