/* Money: kroner as typed, and øre printed the Danish way. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "money.h"

static int64_t
parsed(const char *s)
{
	int64_t	 v = -1;

	assert_int_equal(money_parse(s, &v), 0);
	return v;
}

static void
test_accepted_forms(void **state)
{
	(void)state;
	assert_int_equal(parsed("1234"), 123400);
	assert_int_equal(parsed("1234.50"), 123450);
	assert_int_equal(parsed("1234,50"), 123450);
	assert_int_equal(parsed("1.234,50"), 123450);
	assert_int_equal(parsed("1.234"), 123400);	/* a Dane's thousands */
	assert_int_equal(parsed("1.234,5"), 123450);
	assert_int_equal(parsed("0,5"), 50);
	assert_int_equal(parsed("12.34"), 1234);
	assert_int_equal(parsed("0"), 0);
	assert_int_equal(parsed("50000"), 5000000);
	assert_int_equal(parsed("1.234.567,89"), 123456789);
	assert_int_equal(parsed("007"), 700);
}

static void
test_refused_forms(void **state)
{
	static const char *const bad[] = { "", "0,001", "-5", "+5", "1,2,3",
	    "1.23.456", "1.2345", "12.3456,00", ",50", "1234,", "1234.", "abc",
	    " 12", "12 ", "1e3", "1.234.5", ".5", "1,2.3", "12,3,4", "1..234",
	    "1.234,", "1,234.50", "0x10", "١٢" };
	int64_t	 v = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (money_parse(bad[i], &v) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(v, 42);
	}
	assert_int_equal(money_parse(NULL, &v), -1);
}

static void
test_overflow(void **state)
{
	int64_t	 v;

	(void)state;
	assert_int_equal(parsed("92233720368547758,07"), INT64_MAX);
	assert_int_equal(parsed("92.233.720.368.547.758,07"), INT64_MAX);
	assert_int_equal(money_parse("92233720368547758,08", &v), -1);
	assert_int_equal(money_parse("92233720368547759", &v), -1);
	assert_int_equal(money_parse("999999999999999999999", &v), -1);
}

static void
test_format(void **state)
{
	char	 buf[MONEY_BUFSZ];

	(void)state;
	assert_string_equal(money_format(0, buf, sizeof(buf)), "0,00 kr.");
	assert_string_equal(money_format(5, buf, sizeof(buf)), "0,05 kr.");
	assert_string_equal(money_format(100, buf, sizeof(buf)), "1,00 kr.");
	assert_string_equal(money_format(123450, buf, sizeof(buf)),
	    "1.234,50 kr.");
	assert_string_equal(money_format(1234550, buf, sizeof(buf)),
	    "12.345,50 kr.");
	assert_string_equal(money_format(-1234550, buf, sizeof(buf)),
	    "-12.345,50 kr.");
	assert_string_equal(money_format(100000000, buf, sizeof(buf)),
	    "1.000.000,00 kr.");
	assert_string_equal(money_format(INT64_MAX, buf, sizeof(buf)),
	    "92.233.720.368.547.758,07 kr.");
	assert_string_equal(money_format(INT64_MIN, buf, sizeof(buf)),
	    "-92.233.720.368.547.758,08 kr.");
}

/* What we print, we read back. */
static void
test_round_trip(void **state)
{
	char	 buf[MONEY_BUFSZ];
	int64_t	 v, got;

	(void)state;
	for (v = 0; v < INT64_MAX / 7; v = v * 7 + 3) {
		money_format(v, buf, sizeof(buf));
		buf[strlen(buf) - 4] = '\0';
		assert_int_equal(money_parse(buf, &got), 0);
		assert_int_equal(got, v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted_forms),
		cmocka_unit_test(test_refused_forms),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
