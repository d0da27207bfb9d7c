/* The rules of SPEC §3, one by one, at their edges; state unchanged on
 * every refusal; and the double-entry invariants under random operations. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "codes.h"
#include "date.h"
#include "ledger.h"

static int32_t
d(const char *s)
{
	int32_t	 v;

	assert_int_equal(date_parse(s, &v), 0);
	return v;
}

static struct pool
pilot(void)
{
	struct pool	 p;

	memset(&p, 0, sizeof(p));
	strcpy(p.slug, "pilot");
	p.cap = 5000000;
	p.months = 12;
	p.grace = 30;
	p.from = d("2017-12-01");
	p.to = d("2019-12-31");
	return p;
}

/* A pool funded with 1.000.000 kr. and H-001's course from 2018-01-15. */
static void
setup(struct pool *p, struct course *c)
{
	*p = pilot();
	assert_int_equal(ledger_fund(p, 100000000), BB_OK);
	assert_int_equal(ledger_course_open(p, NULL, c, "H-001",
	    d("2018-01-15"), d("2018-02-01")), BB_OK);
}

/* The call must refuse with the code and leave both records as they were. */
#define REFUSED(code, call) do {					\
	struct pool	 p0_ = p;					\
	struct course	 c0_ = c;					\
	assert_int_equal((call), (code));				\
	assert_memory_equal(&p, &p0_, sizeof(p));			\
	assert_memory_equal(&c, &c0_, sizeof(c));			\
} while (0)

static void
test_pool_rules(void **state)
{
	struct pool	 p = pilot();

	(void)state;
	assert_int_equal(ledger_pool_create(&p), BB_OK);
	p.cap = 0;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.cap = LEDGER_CAP_MAX + 1;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p = pilot();
	p.months = 0;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.months = 61;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p = pilot();
	p.grace = -1;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.grace = 366;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p = pilot();
	p.from = p.to + 1;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
}

static void
test_fund(void **state)
{
	struct pool	 p = pilot();
	struct course	 c;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(ledger_fund(&p, 1000), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, 0));
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, -1));
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, LEDGER_AMOUNT_MAX));
	REFUSED(BB_POOL_INSUFFICIENT, ledger_unfund(&p, 1001));
	assert_int_equal(ledger_unfund(&p, 1000), BB_OK);
	assert_int_equal(pool_balance(&p), 0);
}

static void
test_course_open(void **state)
{
	struct pool	 p = pilot();
	struct course	 c, prev;

	(void)state;
	memset(&c, 0, sizeof(c));
	/* The window must lie inside the pool's, at both ends. */
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-1",
	    d("2017-11-30"), d("2018-01-01")));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-1",
	    d("2019-01-02"), d("2018-01-01")));
	assert_int_equal(ledger_course_open(&p, NULL, &c, "H-1",
	    d("2018-12-31"), d("2018-01-01")), BB_OK);
	assert_int_equal(c.end, d("2019-12-30"));
	assert_int_equal(c.number, 1);
	assert_int_equal(p.courses_open, 1);

	/* Opened, even back-dated, only until end + grace. */
	p = pilot();
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-2",
	    d("2017-12-01"), d("2018-11-30") + 31));
	assert_int_equal(ledger_course_open(&p, NULL, &c, "H-2",
	    d("2017-12-01"), d("2018-11-30") + 30), BB_OK);

	/* One open course per citizen; the next gets the next number. */
	prev = c;
	REFUSED(BB_ALREADY_EXISTS, ledger_course_open(&p, &prev, &c, "H-2",
	    d("2018-02-01"), d("2018-02-01")));
	prev.status = COURSE_CLOSED;
	assert_int_equal(ledger_course_open(&p, &prev, &c, "H-2",
	    d("2018-02-01"), d("2018-02-01")), BB_OK);
	assert_int_equal(c.number, 2);
	assert_int_equal(c.cap, 5000000);
}

static void
test_grant(void **state)
{
	struct pool	 p;
	struct course	 c;
	int32_t		 today = d("2018-03-01");

	(void)state;
	setup(&p, &c);
	REFUSED(BB_BAD_REQUEST, ledger_grant(&p, &c, 0, today, today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_grant(&p, &c, 100, d("2018-01-14"),
	    today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_grant(&p, &c, 100, d("2019-01-15"),
	    today));
	/* Future value dates are allowed for grants, inside the window. */
	assert_int_equal(ledger_grant(&p, &c, 100, d("2019-01-14"), today),
	    BB_OK);
	assert_int_equal(ledger_grant(&p, &c, 4999900, today, today), BB_OK);
	REFUSED(BB_CAP_EXCEEDED, ledger_grant(&p, &c, 1, today, today));
	assert_int_equal(c.granted, 5000000);
	assert_int_equal(p.granted, 5000000);

	/* The pool must cover the grant. */
	setup(&p, &c);
	p.funded = 300;
	REFUSED(BB_POOL_INSUFFICIENT, ledger_grant(&p, &c, 301, today, today));
	assert_int_equal(ledger_grant(&p, &c, 300, today, today), BB_OK);
	assert_int_equal(pool_balance(&p), 0);

	/* Recorded until end + grace, never after. */
	setup(&p, &c);
	REFUSED(BB_OUTSIDE_WINDOW, ledger_grant(&p, &c, 1, d("2019-01-14"),
	    d("2019-01-14") + 31));
	assert_int_equal(ledger_grant(&p, &c, 1, d("2019-01-14"),
	    d("2019-01-14") + 30), BB_OK);
	c.status = COURSE_CLOSED;
	REFUSED(BB_COURSE_CLOSED, ledger_grant(&p, &c, 1, today, today));
}

static void
test_spend(void **state)
{
	struct pool	 p;
	struct course	 c;
	int32_t		 today = d("2018-06-01");

	(void)state;
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 1000000, today, today), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 0, 0, today, today));
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 100, 101, today, today));
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 100, -1, today, today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_spend(&c, 100, 0, today + 1,
	    today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_spend(&c, 100, 0, d("2018-01-14"),
	    today));
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_spend(&c, 1000001, 0, today,
	    today));
	assert_int_equal(ledger_spend(&c, 1000000, 200000, today, today),
	    BB_OK);
	assert_int_equal(course_available(&c), 0);
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_spend(&c, 1, 0, today, today));

	/* A late invoice: value date at the end, recorded within grace. */
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 1000, today, today), BB_OK);
	assert_int_equal(ledger_spend(&c, 10, 0, d("2019-01-14"),
	    d("2019-02-13")), BB_OK);
	REFUSED(BB_OUTSIDE_WINDOW, ledger_spend(&c, 10, 0, d("2019-01-14"),
	    d("2019-02-14")));
	/* Reserved money is not available. */
	c.reserved = course_available(&c);
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_spend(&c, 1, 0, today, today));
}

static void
test_reversals(void **state)
{
	struct pool	 p;
	struct course	 c;
	int32_t		 today = d("2018-06-01");

	(void)state;
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 1000, today, today), BB_OK);
	assert_int_equal(ledger_spend(&c, 600, 0, today, today), BB_OK);
	/* A grant that has been spent cannot be taken back whole. */
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_ungrant(&p, &c, 1000, today));
	assert_int_equal(ledger_ungrant(&p, &c, 400, today), BB_OK);
	assert_int_equal(c.granted, 600);
	assert_int_equal(p.granted, 600);
	REFUSED(BB_BAD_REQUEST, ledger_unspend(&c, 601, today));
	assert_int_equal(ledger_unspend(&c, 600, today), BB_OK);
	assert_int_equal(course_available(&c), 600);
	c.status = COURSE_CLOSED;
	REFUSED(BB_COURSE_CLOSED, ledger_unspend(&c, 1, today));
	REFUSED(BB_COURSE_CLOSED, ledger_ungrant(&p, &c, 1, today));
}

static void
test_close(void **state)
{
	struct pool	 p;
	struct course	 c;
	int64_t		 rest = -1;
	int32_t		 today = d("2018-06-01");

	(void)state;
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 5000000, today, today), BB_OK);
	assert_int_equal(ledger_spend(&c, 1234550, 0, today, today), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_course_close(&p, &c, CLOSE_NONE, today,
	    today, &rest));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_close(&p, &c, CLOSE_MOVED,
	    d("2018-01-14"), today, &rest));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_close(&p, &c, CLOSE_MOVED,
	    today + 1, today, &rest));
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_MOVED, today,
	    today, &rest), BB_OK);
	assert_int_equal(rest, 3765450);
	assert_int_equal(course_available(&c), 0);
	assert_int_equal(p.returned, 3765450);
	assert_int_equal(pool_balance(&p), 100000000 - 1234550);
	assert_int_equal(p.courses_open, 0);
	assert_int_equal(p.courses_closed, 1);
	REFUSED(BB_COURSE_CLOSED, ledger_course_close(&p, &c, CLOSE_ENDED,
	    today, today, &rest));
	REFUSED(BB_COURSE_CLOSED, ledger_spend(&c, 1, 0, today, today));
	/* Closing is the one thing allowed after end + grace. */
	setup(&p, &c);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_ENDED,
	    d("2019-01-14"), d("2020-01-01"), &rest), BB_OK);
	assert_int_equal(close_reason_parse("withdrawn"), CLOSE_WITHDRAWN);
	assert_int_equal(close_reason_parse("gone"), CLOSE_NONE);
	assert_string_equal(close_reason_name(CLOSE_MOVED), "moved");
}

/*
 * Thousands of random operations: whatever is refused, the books balance.
 * Pool: funded - granted + returned >= 0; each course: 0 <= granted <= cap
 * and available >= 0; the pool's grants are the sum of the courses'.
 */
static void
test_invariants_random(void **state)
{
	struct pool	 p = pilot();
	struct course	 cs[8];
	int		 ncs = 0, i, k, ok = 0;
	int64_t		 sum, rest, amount;
	int32_t		 today = d("2018-03-01");

	(void)state;
	srandom(2017);
	assert_int_equal(ledger_fund(&p, 20000000), BB_OK);
	for (i = 0; i < 5000; i++) {
		amount = random() % 3000000 + 1;
		k = ncs ? (int)(random() % ncs) : 0;
		switch (random() % 7) {
		case 0:
			if (ncs < 8 && ledger_course_open(&p, NULL, &cs[ncs],
			    "H", today, today) == BB_OK)
				ncs++;
			break;
		case 1:
			ok += ncs && ledger_grant(&p, &cs[k], amount, today,
			    today) == BB_OK;
			break;
		case 2:
		case 3:
			ok += ncs && ledger_spend(&cs[k], amount / 3, 0, today,
			    today) == BB_OK;
			break;
		case 4:
			ok += ncs && ledger_ungrant(&p, &cs[k], amount / 5,
			    today) == BB_OK;
			break;
		case 5:
			ok += ncs && ledger_unspend(&cs[k], amount / 7,
			    today) == BB_OK;
			break;
		case 6:
			if (random() % 50 == 0 && ncs)
				ledger_course_close(&p, &cs[k], CLOSE_ENDED,
				    today, today, &rest);
			else
				ok += ledger_fund(&p, amount) == BB_OK;
			break;
		}
		assert_true(pool_balance(&p) >= 0);
		for (sum = 0, k = 0; k < ncs; k++) {
			assert_true(cs[k].granted >= 0);
			assert_true(cs[k].granted <= cs[k].cap);
			assert_true(cs[k].spent >= 0);
			assert_true(course_available(&cs[k]) >= 0);
			sum += cs[k].granted;
		}
		assert_int_equal(sum, p.granted);
	}
	assert_true(ok > 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_rules),
		cmocka_unit_test(test_fund),
		cmocka_unit_test(test_course_open),
		cmocka_unit_test(test_grant),
		cmocka_unit_test(test_spend),
		cmocka_unit_test(test_reversals),
		cmocka_unit_test(test_close),
		cmocka_unit_test(test_invariants_random),
	};

	date_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
