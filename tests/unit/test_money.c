/* Money: kroner as typed, and øre printed the Danish way. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "money.h"

static int64_t
parsed(const char *s)
{
	int64_t	 v = -1;

	if (money_parse(s, &v) != 0)
		fail_msg("refused \"%s\"", s);
	return v;
}

/* Refused, and the output left as it was. */
static void
refused(const char *s)
{
	int64_t	 v = 42;

	if (money_parse(s, &v) != -1)
		fail_msg("accepted \"%s\" as %lld øre", s, (long long)v);
	assert_int_equal(v, 42);
}

static const char *
formatted(int64_t ore)
{
	static char	 buf[MONEY_BUFSZ];

	memset(buf, 'X', sizeof(buf));
	return money_format(ore, buf, sizeof(buf));
}

static void
test_accepted_forms(void **state)
{
	(void)state;
	/* The forms of the issue. */
	assert_int_equal(parsed("1234"), 123400);
	assert_int_equal(parsed("1234.50"), 123450);
	assert_int_equal(parsed("1234,50"), 123450);
	assert_int_equal(parsed("1.234,50"), 123450);
	assert_int_equal(parsed("1.234"), 123400);	/* a Dane's thousands */
	assert_int_equal(parsed("1.234,5"), 123450);
	assert_int_equal(parsed("0,5"), 50);
	assert_int_equal(parsed("12.34"), 1234);
	/* Around them. */
	assert_int_equal(parsed("0"), 0);
	assert_int_equal(parsed("0,00"), 0);
	assert_int_equal(parsed("0,05"), 5);
	assert_int_equal(parsed("0.05"), 5);
	assert_int_equal(parsed("1,05"), 105);
	assert_int_equal(parsed("1.5"), 150);
	assert_int_equal(parsed("1234.5"), 123450);
	assert_int_equal(parsed("999,99"), 99999);
	assert_int_equal(parsed("50000"), 5000000);
	assert_int_equal(parsed("50.000"), 5000000);
	assert_int_equal(parsed("50.000,00"), 5000000);
	assert_int_equal(parsed("1.000.000"), 100000000);
	assert_int_equal(parsed("1.234.567,89"), 123456789);
	assert_int_equal(parsed("123.456.789"), 12345678900);
	assert_int_equal(parsed("007"), 700);
}

static void
test_refused_forms(void **state)
{
	static const char *const bad[] = {
	    /* The list. */
	    "", "0,001", "-5", "+5", "1,2,3", "1.23.456", "1.2345",
	    "12.3456,00", ",50", "1234,", "1234.", "abc", " 12", "12 ", "1e3",
	    /* Around it. */
	    ",", ".", "1.", "1,", ".5", ",5", "1.234.5", "1.234.56", "1,2.3",
	    "12,3,4", "1..234", "1.234,", "1,234.50", "1.2.3", "1234.567.8",
	    "1234.567", "12.3,00", "1.23,00", "1.2345,00", ".234,00",
	    "--5", "5-", "-0", "1 234", "1\t", "1,5 ", "12,ab", "12,-5",
	    "12,+5", "12,5x", "0x10", "1_000", "kr. 5", "5 kr.", "5kr",
	    "١٢", "１２",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refused(bad[i]);
	assert_int_equal(money_parse(NULL, NULL), -1);
}

static void
test_overflow(void **state)
{
	(void)state;
	/* INT64_MAX øre exactly, in every notation. */
	assert_int_equal(parsed("92233720368547758,07"), INT64_MAX);
	assert_int_equal(parsed("92233720368547758.07"), INT64_MAX);
	assert_int_equal(parsed("92.233.720.368.547.758,07"), INT64_MAX);
	assert_int_equal(parsed("92233720368547758"), 9223372036854775800);
	assert_int_equal(parsed("92.233.720.368.547.758"),
	    9223372036854775800);
	assert_int_equal(parsed("92233720368547758,0"), 9223372036854775800);
	/* One øre more, and beyond. */
	refused("92233720368547758,08");
	refused("92233720368547758.08");
	refused("92233720368547758,1");
	refused("92233720368547758,7");
	refused("92.233.720.368.547.758,08");
	refused("92233720368547759");
	refused("92.233.720.368.547.759");
	refused("922337203685477580");
	refused("9223372036854775807");
	refused("9223372036854775808");
	refused("999999999999999999999");
	refused("999.999.999.999.999.999.999");
	refused("18446744073709551616");
}

static void
test_format(void **state)
{
	(void)state;
	assert_string_equal(formatted(0), "0,00 kr.");
	assert_string_equal(formatted(5), "0,05 kr.");
	assert_string_equal(formatted(50), "0,50 kr.");
	assert_string_equal(formatted(99), "0,99 kr.");
	assert_string_equal(formatted(100), "1,00 kr.");
	assert_string_equal(formatted(99999), "999,99 kr.");
	assert_string_equal(formatted(100000), "1.000,00 kr.");
	assert_string_equal(formatted(123450), "1.234,50 kr.");
	assert_string_equal(formatted(1234550), "12.345,50 kr.");
	assert_string_equal(formatted(5000000), "50.000,00 kr.");
	assert_string_equal(formatted(12345678901), "123.456.789,01 kr.");
	assert_string_equal(formatted(100000000), "1.000.000,00 kr.");
	assert_string_equal(formatted(-1), "-0,01 kr.");
	assert_string_equal(formatted(-100), "-1,00 kr.");
	assert_string_equal(formatted(-1234550), "-12.345,50 kr.");
	assert_string_equal(formatted(INT64_MAX),
	    "92.233.720.368.547.758,07 kr.");
	assert_string_equal(formatted(-INT64_MAX),
	    "-92.233.720.368.547.758,07 kr.");
	/* No signed overflow on negation (checked under UBSan). */
	assert_string_equal(formatted(INT64_MIN),
	    "-92.233.720.368.547.758,08 kr.");
	assert_true(strlen(formatted(INT64_MIN)) < MONEY_BUFSZ);
}

/* A short buffer gets a terminated prefix, and nothing past its end. */
static void
test_format_truncates(void **state)
{
	char	 buf[8];

	(void)state;
	memset(buf, 'X', sizeof(buf));
	assert_ptr_equal(money_format(1234550, buf, 5), buf);
	assert_string_equal(buf, "12.3");
	assert_int_equal(buf[5], 'X');
	memset(buf, 'X', sizeof(buf));
	money_format(INT64_MIN, buf, 1);
	assert_string_equal(buf, "");
	assert_int_equal(buf[1], 'X');
	memset(buf, 'X', sizeof(buf));
	money_format(5, buf, 0);
	assert_int_equal(buf[0], 'X');
}

/* format(v) without " kr." parses back to v. */
static void
round_trip(int64_t v)
{
	char	 buf[MONEY_BUFSZ];
	int64_t	 got = -1;
	size_t	 n;

	money_format(v, buf, sizeof(buf));
	n = strlen(buf);
	assert_true(n > 4);
	assert_string_equal(buf + n - 4, " kr.");
	buf[n - 4] = '\0';
	if (money_parse(buf, &got) != 0)
		fail_msg("%lld printed as \"%s\", which is refused",
		    (long long)v, buf);
	assert_int_equal(got, v);
}

static void
test_round_trip(void **state)
{
	uint64_t	 x = 0x9e3779b97f4a7c15ULL;
	int64_t		 p;

	(void)state;
	for (int64_t v = 0; v <= 200000; v++)
		round_trip(v);
	for (p = 1; p <= INT64_MAX / 10; p *= 10) {
		round_trip(p - 1);
		round_trip(p);
		round_trip(p + 1);
		round_trip(p * 5);
	}
	for (int i = 0; i < 20000; i++) {
		/* xorshift64, fixed seed; every magnitude. */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		round_trip((int64_t)(x >> (1 + i % 63)));
	}
	round_trip(INT64_MAX);
	round_trip(INT64_MAX - 1);
	round_trip(INT64_MAX - 100);
}

/* A negative amount prints as the positive one with a minus. */
static void
test_format_sign(void **state)
{
	char	 pos[MONEY_BUFSZ], neg[MONEY_BUFSZ];

	(void)state;
	for (int64_t v = 1; v < INT64_MAX / 3; v = v * 3 + 1) {
		money_format(v, pos, sizeof(pos));
		money_format(-v, neg, sizeof(neg));
		assert_int_equal(neg[0], '-');
		assert_string_equal(neg + 1, pos);
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
		cmocka_unit_test(test_format_truncates),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_format_sign),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
