/*
 * The rules of SPEC §3, one by one, at their edges; state unchanged on
 * every refusal; and the double-entry invariants under thousands of random
 * operations checked against a plain model of the rules.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "codes.h"
#include "date.h"
#include "ledger.h"
#include "wire.h"

/* A funding's value date and today, where the date is not the point. */
#define SAME_DAY	0, 0

static int32_t
d(const char *s)
{
	int32_t	 v = 0;

	if (date_parse(s, &v) != 0)
		fail_msg("cannot parse %s", s);
	return v;
}

/* 50.000 kr. per course, 12 months, 30 days' grace, 2017-12-01..2019-12-31. */
static struct pool
pilot(void)
{
	struct pool	 p;

	memset(&p, 0, sizeof(p));
	strcpy(p.slug, "pilot");
	strcpy(p.name, "Pilot");
	p.cap = 5000000;
	p.months = 12;
	p.grace = 30;
	p.from = d("2017-12-01");
	p.to = d("2019-12-31");
	return p;
}

/*
 * A pool funded with the given øre and H-001's course 1 from 2018-01-15
 * (ends 2019-01-14, writable until 2019-02-13).
 */
static void
setup_funded(struct pool *p, struct course *c, int64_t funds)
{
	*p = pilot();
	memset(c, 0xa5, sizeof(*c));
	if (funds > 0)
		assert_int_equal(ledger_fund(p, funds, SAME_DAY), BB_OK);
	assert_int_equal(ledger_course_open(p, NULL, c, "H-001",
	    d("2018-01-15"), d("2018-02-01"), 0), BB_OK);
	assert_int_equal(c->end, d("2019-01-14"));
}

static void
setup(struct pool *p, struct course *c)
{
	setup_funded(p, c, 100000000);	/* 1.000.000 kr. */
}

/* The call must refuse with the code and leave both records as they were. */
#define REFUSED(code, call) do {					\
	struct pool	 p0_;						\
	struct course	 c0_;						\
	memcpy(&p0_, &p, sizeof(p));					\
	memcpy(&c0_, &c, sizeof(c));					\
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
	p.cap = -1;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.cap = 5000001;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.cap = INT64_MAX;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.cap = 5000000;
	assert_int_equal(ledger_pool_create(&p), BB_OK);
	p.cap = 1;
	assert_int_equal(ledger_pool_create(&p), BB_OK);

	p = pilot();
	p.months = 0;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.months = -12;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.months = 61;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.months = 1;
	assert_int_equal(ledger_pool_create(&p), BB_OK);
	p.months = 60;
	assert_int_equal(ledger_pool_create(&p), BB_OK);

	p = pilot();
	p.grace = -1;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.grace = 366;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.grace = 0;
	assert_int_equal(ledger_pool_create(&p), BB_OK);
	p.grace = 365;
	assert_int_equal(ledger_pool_create(&p), BB_OK);

	p = pilot();
	p.from = p.to + 1;
	assert_int_equal(ledger_pool_create(&p), BB_BAD_REQUEST);
	p.from = p.to;
	assert_int_equal(ledger_pool_create(&p), BB_OK);
}

static void
test_fund(void **state)
{
	struct pool	 p = pilot();
	struct course	 c;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(ledger_fund(&p, 1000, SAME_DAY), BB_OK);
	assert_int_equal(p.funded, 1000);
	assert_int_equal(pool_balance(&p), 1000);
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, 0, SAME_DAY));
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, -1, SAME_DAY));
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, INT64_MIN, SAME_DAY));
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, LEDGER_AMOUNT_MAX + 1, SAME_DAY));
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, INT64_MAX, SAME_DAY));
	/* 1.000.000.000 kr. per operation; the total may pass it. */
	assert_int_equal(LEDGER_AMOUNT_MAX, 100000000000LL);
	assert_int_equal(ledger_fund(&p, LEDGER_AMOUNT_MAX, SAME_DAY), BB_OK);
	assert_int_equal(ledger_fund(&p, LEDGER_AMOUNT_MAX, SAME_DAY), BB_OK);
	assert_int_equal(p.funded, 2 * LEDGER_AMOUNT_MAX + 1000);
	/* The total up to INT64_MAX, and not one øre past it. */
	p.funded = INT64_MAX - 1;
	assert_int_equal(ledger_fund(&p, 1, SAME_DAY), BB_OK);
	assert_int_equal(p.funded, INT64_MAX);
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, 1, SAME_DAY));

	p = pilot();
	assert_int_equal(ledger_fund(&p, 1000, SAME_DAY), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_unfund(&p, 0));
	REFUSED(BB_BAD_REQUEST, ledger_unfund(&p, -5));
	REFUSED(BB_BAD_REQUEST, ledger_unfund(&p, INT64_MIN));
	REFUSED(BB_POOL_INSUFFICIENT, ledger_unfund(&p, 1001));
	assert_int_equal(ledger_unfund(&p, 1), BB_OK);
	assert_int_equal(ledger_unfund(&p, 999), BB_OK);
	assert_int_equal(p.funded, 0);
	assert_int_equal(pool_balance(&p), 0);
	REFUSED(BB_POOL_INSUFFICIENT, ledger_unfund(&p, 1));
}

/* Money granted out of the pool cannot be taken back as funding. */
static void
test_unfund_after_grant(void **state)
{
	struct pool	 p;
	struct course	 c;
	int64_t		 rest = 0;
	int32_t		 today = d("2018-03-01");

	(void)state;
	setup_funded(&p, &c, 1000);
	assert_int_equal(ledger_grant(&p, &c, 600, today, today), BB_OK);
	assert_int_equal(pool_balance(&p), 400);
	REFUSED(BB_POOL_INSUFFICIENT, ledger_unfund(&p, 401));
	assert_int_equal(ledger_spend(&c, 250, 0, today, today), BB_OK);
	/* The unspent 350 comes back at close and can then be taken back. */
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_ENDED, today, today,
	    DATE_NONE, &rest), BB_OK);
	assert_int_equal(rest, 350);
	assert_int_equal(pool_balance(&p), 750);
	REFUSED(BB_POOL_INSUFFICIENT, ledger_unfund(&p, 751));
	assert_int_equal(ledger_unfund(&p, 750), BB_OK);
	assert_int_equal(pool_balance(&p), 0);
	assert_int_equal(p.funded, 250);
}

static void
test_course_open(void **state)
{
	struct pool	 p = pilot();
	struct course	 c, prev;

	(void)state;
	memset(&c, 0xa5, sizeof(c));
	assert_int_equal(ledger_course_open(&p, NULL, &c, "H-2017-001",
	    d("2018-01-15"), d("2018-01-10"), 0), BB_OK);
	assert_string_equal(c.citizen, "H-2017-001");
	assert_string_equal(c.pool, "pilot");
	assert_int_equal(c.number, 1);
	assert_int_equal(c.status, COURSE_OPEN);
	assert_int_equal(c.start, d("2018-01-15"));
	assert_int_equal(c.end, d("2019-01-14"));
	assert_int_equal(c.grace, 30);
	assert_int_equal(c.cap, 5000000);
	assert_int_equal(c.close_reason, CLOSE_NONE);
	assert_int_equal(c.closed_on, DATE_NONE);
	assert_int_equal(c.granted, 0);
	assert_int_equal(c.spent, 0);
	assert_int_equal(c.reserved, 0);
	assert_int_equal(c.refunded, 0);
	assert_int_equal(c.returned, 0);
	assert_int_equal(course_available(&c), 0);
	assert_int_equal(p.courses_open, 1);
	assert_int_equal(p.courses_closed, 0);
	/* Opening moves no money. */
	assert_int_equal(p.funded, 0);
	assert_int_equal(p.granted, 0);

	/* One open course per citizen. */
	prev = c;
	memset(&c, 0x5a, sizeof(c));
	REFUSED(BB_ALREADY_EXISTS, ledger_course_open(&p, &prev, &c,
	    "H-2017-001", d("2018-02-01"), d("2018-02-01"), 0));
	assert_int_equal(p.courses_open, 1);

	/* The next course takes the next number, whatever the last was. */
	prev.status = COURSE_CLOSED;
	prev.number = 7;
	assert_int_equal(ledger_course_open(&p, &prev, &c, "H-2017-001",
	    d("2018-02-01"), d("2018-02-01"), 0), BB_OK);
	assert_int_equal(c.number, 8);
	assert_int_equal(c.status, COURSE_OPEN);
	assert_int_equal(c.end, d("2019-01-31"));
	assert_int_equal(p.courses_open, 2);
	assert_int_equal(prev.number, 7);
}

static void
test_course_open_window(void **state)
{
	struct pool	 p = pilot();
	struct course	 c;
	int32_t		 today = d("2018-01-01");

	(void)state;
	memset(&c, 0, sizeof(c));
	/* The start inside the pool's window: its first day, not the eve. */
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-1",
	    d("2017-11-30"), today, 0));
	assert_int_equal(ledger_course_open(&p, NULL, &c, "H-1",
	    d("2017-12-01"), today, 0), BB_OK);
	assert_int_equal(c.end, d("2018-11-30"));

	/* The end inside it too: 2019-01-01 + 12 ends on its last day. */
	p = pilot();
	memset(&c, 0, sizeof(c));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-1",
	    d("2019-01-02"), today, 0));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-1",
	    d("2019-12-31"), today, 0));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-1",
	    d("2021-01-01"), today, 0));
	assert_int_equal(ledger_course_open(&p, NULL, &c, "H-1",
	    d("2019-01-01"), today, 0), BB_OK);
	assert_int_equal(c.end, d("2019-12-31"));

	/* Opened, also back-dated, only while today <= end + grace. */
	p = pilot();
	memset(&c, 0, sizeof(c));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-2",
	    d("2017-12-01"), d("2018-11-30") + 31, 0));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-2",
	    d("2017-12-01"), d("2019-06-01"), 0));
	assert_int_equal(ledger_course_open(&p, NULL, &c, "H-2",
	    d("2017-12-01"), d("2018-11-30") + 30, 0), BB_OK);
	assert_int_equal(c.start, d("2017-12-01"));
	assert_int_equal(p.courses_open, 1);

	/* No grace: until the last day itself. */
	p = pilot();
	p.grace = 0;
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, NULL, &c, "H-3",
	    d("2018-01-15"), d("2019-01-15"), 0));
	assert_int_equal(ledger_course_open(&p, NULL, &c, "H-3",
	    d("2018-01-15"), d("2019-01-14"), 0), BB_OK);
	assert_int_equal(c.grace, 0);

	/* A pool of one month and a day's window. */
	p = pilot();
	p.months = 1;
	p.from = d("2018-01-31");
	p.to = d("2018-02-28");
	assert_int_equal(ledger_course_open(&p, NULL, &c, "H-4",
	    d("2018-01-31"), today, 0), BB_OK);
	assert_int_equal(c.end, d("2018-02-28"));
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
	REFUSED(BB_BAD_REQUEST, ledger_grant(&p, &c, -100, today, today));
	REFUSED(BB_BAD_REQUEST, ledger_grant(&p, &c, INT64_MIN, today, today));
	REFUSED(BB_BAD_REQUEST, ledger_grant(&p, &c, LEDGER_AMOUNT_MAX + 1,
	    today, today));
	/* The value date inside [start, end], both ends inclusive. */
	REFUSED(BB_OUTSIDE_WINDOW, ledger_grant(&p, &c, 100, d("2018-01-14"),
	    today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_grant(&p, &c, 100, d("2019-01-15"),
	    today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_grant(&p, &c, 100, DATE_NONE,
	    today));
	assert_int_equal(ledger_grant(&p, &c, 100, d("2018-01-15"), today),
	    BB_OK);
	/* A grant may be dated ahead, inside the window. */
	assert_int_equal(ledger_grant(&p, &c, 100, d("2019-01-14"), today),
	    BB_OK);
	assert_int_equal(c.granted, 200);
	assert_int_equal(p.granted, 200);
	assert_int_equal(course_available(&c), 200);
	assert_int_equal(pool_balance(&p), 100000000 - 200);

	/* The cap reached exactly, then not one øre past it. */
	assert_int_equal(ledger_grant(&p, &c, 4999800, today, today), BB_OK);
	assert_int_equal(c.granted, 5000000);
	REFUSED(BB_CAP_EXCEEDED, ledger_grant(&p, &c, 1, today, today));
	REFUSED(BB_CAP_EXCEEDED, ledger_grant(&p, &c, LEDGER_AMOUNT_MAX,
	    today, today));
	assert_int_equal(p.granted, 5000000);
	/* Spending does not make room under the cap. */
	assert_int_equal(ledger_spend(&c, 1000, 0, today, today), BB_OK);
	REFUSED(BB_CAP_EXCEEDED, ledger_grant(&p, &c, 1, today, today));
	/* Taking a grant back does. */
	assert_int_equal(ledger_ungrant(&p, &c, 10, today), BB_OK);
	REFUSED(BB_CAP_EXCEEDED, ledger_grant(&p, &c, 11, today, today));
	assert_int_equal(ledger_grant(&p, &c, 10, today, today), BB_OK);

	/* A pool with a smaller cap. */
	p = pilot();
	p.cap = 1000;
	memset(&c, 0, sizeof(c));
	assert_int_equal(ledger_fund(&p, 100000, SAME_DAY), BB_OK);
	assert_int_equal(ledger_course_open(&p, NULL, &c, "H-9",
	    d("2018-01-15"), today, 0), BB_OK);
	REFUSED(BB_CAP_EXCEEDED, ledger_grant(&p, &c, 1001, today, today));
	assert_int_equal(ledger_grant(&p, &c, 1000, today, today), BB_OK);
}

/* The pool must cover a grant, shared by all its courses. */
static void
test_grant_pool_balance(void **state)
{
	struct pool	 p;
	struct course	 c, c2;
	int32_t		 today = d("2018-03-01");

	(void)state;
	setup_funded(&p, &c, 0);
	REFUSED(BB_POOL_INSUFFICIENT, ledger_grant(&p, &c, 1, today, today));
	assert_int_equal(ledger_fund(&p, 1000, SAME_DAY), BB_OK);
	memset(&c2, 0, sizeof(c2));
	assert_int_equal(ledger_course_open(&p, NULL, &c2, "H-002",
	    d("2018-02-01"), today, 0), BB_OK);
	assert_int_equal(ledger_grant(&p, &c2, 700, today, today), BB_OK);
	REFUSED(BB_POOL_INSUFFICIENT, ledger_grant(&p, &c, 301, today, today));
	assert_int_equal(ledger_grant(&p, &c, 300, today, today), BB_OK);
	assert_int_equal(pool_balance(&p), 0);
	assert_int_equal(p.granted, 1000);
	REFUSED(BB_POOL_INSUFFICIENT, ledger_grant(&p, &c, 1, today, today));
	/* What one course gives back, another may be granted. */
	assert_int_equal(ledger_ungrant(&p, &c2, 200, today), BB_OK);
	assert_int_equal(pool_balance(&p), 200);
	REFUSED(BB_POOL_INSUFFICIENT, ledger_grant(&p, &c, 201, today, today));
	assert_int_equal(ledger_grant(&p, &c, 200, today, today), BB_OK);
}

/* Recorded until end + grace, never after; never on a closed course. */
static void
test_grant_late_and_closed(void **state)
{
	struct pool	 p;
	struct course	 c;
	int64_t		 rest;
	int32_t		 end = d("2019-01-14");

	(void)state;
	setup(&p, &c);
	REFUSED(BB_OUTSIDE_WINDOW, ledger_grant(&p, &c, 1, end, end + 31));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_grant(&p, &c, 1, c.start,
	    end + 400));
	assert_int_equal(ledger_grant(&p, &c, 1, end, end + 30), BB_OK);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_ENDED, end, end,
	    DATE_NONE, &rest), BB_OK);
	REFUSED(BB_COURSE_CLOSED, ledger_grant(&p, &c, 1, end, end));
	REFUSED(BB_COURSE_CLOSED, ledger_grant(&p, &c, 1, c.start, c.start));
}

static void
test_spend(void **state)
{
	struct pool	 p;
	struct course	 c;
	int32_t		 today = d("2018-06-01");

	(void)state;
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 1000000, d("2018-01-15"), today),
	    BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 0, 0, today, today));
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, -100, 0, today, today));
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, LEDGER_AMOUNT_MAX + 1, 0,
	    today, today));
	/* VAT is a part of the amount. */
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 100, 101, today, today));
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 100, -1, today, today));
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 100, INT64_MIN, today,
	    today));
	/* Not ahead of today, not outside the window. */
	REFUSED(BB_OUTSIDE_WINDOW, ledger_spend(&c, 100, 0, today + 1, today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_spend(&c, 100, 0, d("2018-01-14"),
	    today));
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_spend(&c, 1000001, 0, today,
	    today));
	assert_int_equal(ledger_spend(&c, 100, 100, d("2018-01-15"), today),
	    BB_OK);
	assert_int_equal(ledger_spend(&c, 999900, 200000, today, today),
	    BB_OK);
	assert_int_equal(c.spent, 1000000);
	assert_int_equal(course_available(&c), 0);
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_spend(&c, 1, 0, today, today));
	/* Spending is the citizen's: the pool does not move. */
	assert_int_equal(p.granted, 1000000);
	assert_int_equal(pool_balance(&p), 100000000 - 1000000);
}

static void
test_spend_late(void **state)
{
	struct pool	 p;
	struct course	 c;
	int64_t		 rest;
	int32_t		 today = d("2018-06-01"), end = d("2019-01-14");

	(void)state;
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 1000, today, today), BB_OK);
	/* A late invoice: dated inside the window, recorded within grace. */
	assert_int_equal(ledger_spend(&c, 10, 0, end, end + 30), BB_OK);
	REFUSED(BB_OUTSIDE_WINDOW, ledger_spend(&c, 10, 0, end + 1, end + 30));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_spend(&c, 10, 0, end, end + 31));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_spend(&c, 10, 0, today, end + 31));
	/* Reserved money is not available. */
	c.reserved = 900;
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_spend(&c, 91, 0, today, today));
	assert_int_equal(ledger_spend(&c, 90, 0, today, today), BB_OK);
	assert_int_equal(c.reserved, 900);
	assert_int_equal(c.spent, 100);
	c.reserved = 0;
	assert_int_equal(course_available(&c), 900);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_WITHDRAWN, today,
	    today, DATE_NONE, &rest), BB_OK);
	REFUSED(BB_COURSE_CLOSED, ledger_spend(&c, 1, 0, today, today));
}

static void
test_ungrant(void **state)
{
	struct pool	 p;
	struct course	 c;
	int32_t		 today = d("2018-06-01"), end = d("2019-01-14");

	(void)state;
	setup(&p, &c);
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_ungrant(&p, &c, 1, today));
	assert_int_equal(ledger_grant(&p, &c, 1000, today, today), BB_OK);
	assert_int_equal(ledger_spend(&c, 600, 0, today, today), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_ungrant(&p, &c, 0, today));
	REFUSED(BB_BAD_REQUEST, ledger_ungrant(&p, &c, -1, today));
	/* A grant that has been spent cannot be taken back whole. */
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_ungrant(&p, &c, 1000, today));
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_ungrant(&p, &c, 401, today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_ungrant(&p, &c, 400, end + 31));
	assert_int_equal(ledger_ungrant(&p, &c, 400, end + 30), BB_OK);
	assert_int_equal(c.granted, 600);
	assert_int_equal(p.granted, 600);
	assert_int_equal(course_available(&c), 0);
	assert_int_equal(pool_balance(&p), 100000000 - 600);
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_ungrant(&p, &c, 1, today));
}

static void
test_unspend(void **state)
{
	struct pool	 p;
	struct course	 c;
	int32_t		 today = d("2018-06-01"), end = d("2019-01-14");

	(void)state;
	setup(&p, &c);
	REFUSED(BB_BAD_REQUEST, ledger_unspend(&c, 1, today));
	assert_int_equal(ledger_grant(&p, &c, 1000, today, today), BB_OK);
	assert_int_equal(ledger_spend(&c, 600, 0, today, today), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_unspend(&c, 0, today));
	REFUSED(BB_BAD_REQUEST, ledger_unspend(&c, -1, today));
	REFUSED(BB_BAD_REQUEST, ledger_unspend(&c, 601, today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_unspend(&c, 100, end + 31));
	assert_int_equal(ledger_unspend(&c, 100, end + 30), BB_OK);
	assert_int_equal(ledger_unspend(&c, 500, today), BB_OK);
	assert_int_equal(c.spent, 0);
	assert_int_equal(course_available(&c), 1000);
	/* Now the whole grant can go back. */
	assert_int_equal(ledger_ungrant(&p, &c, 1000, today), BB_OK);
	assert_int_equal(pool_balance(&p), 100000000);
	assert_int_equal(p.granted, 0);
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
	    today, DATE_NONE, &rest));
	REFUSED(BB_BAD_REQUEST, ledger_course_close(&p, &c, CLOSE_WITHDRAWN + 1,
	    today, today, DATE_NONE, &rest));
	REFUSED(BB_BAD_REQUEST, ledger_course_close(&p, &c, -1, today, today,
	    DATE_NONE, &rest));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_close(&p, &c, CLOSE_MOVED,
	    d("2018-01-14"), today, DATE_NONE, &rest));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_close(&p, &c, CLOSE_MOVED,
	    today + 1, today, DATE_NONE, &rest));
	assert_int_equal(rest, -1);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_MOVED, today,
	    today, DATE_NONE, &rest), BB_OK);
	/* 50.000,00 - 12.345,50 kr. go back to the pool. */
	assert_int_equal(rest, 3765450);
	assert_int_equal(c.status, COURSE_CLOSED);
	assert_int_equal(c.close_reason, CLOSE_MOVED);
	assert_int_equal(c.closed_on, today);
	assert_int_equal(c.returned, 3765450);
	assert_int_equal(c.granted, 5000000);
	assert_int_equal(c.spent, 1234550);
	assert_int_equal(course_available(&c), 0);
	assert_int_equal(p.returned, 3765450);
	assert_int_equal(p.granted, 5000000);
	assert_int_equal(pool_balance(&p), 100000000 - 1234550);
	assert_int_equal(p.courses_open, 0);
	assert_int_equal(p.courses_closed, 1);

	/* After close, every write is refused as such, also a second close. */
	rest = -1;
	REFUSED(BB_COURSE_CLOSED, ledger_course_close(&p, &c, CLOSE_ENDED,
	    today, today, DATE_NONE, &rest));
	REFUSED(BB_COURSE_CLOSED, ledger_grant(&p, &c, 1, today, today));
	REFUSED(BB_COURSE_CLOSED, ledger_ungrant(&p, &c, 1, today));
	REFUSED(BB_COURSE_CLOSED, ledger_spend(&c, 1, 0, today, today));
	REFUSED(BB_COURSE_CLOSED, ledger_unspend(&c, 1, today));
	assert_int_equal(rest, -1);
	/* Late too: closed is what the caseworker needs to hear. */
	REFUSED(BB_COURSE_CLOSED, ledger_grant(&p, &c, 1, today, today + 999));
	REFUSED(BB_COURSE_CLOSED, ledger_spend(&c, 1, 0, today, today + 999));
}

static void
test_close_edges(void **state)
{
	struct pool	 p;
	struct course	 c, next;
	int64_t		 rest = -1;
	int32_t		 today = d("2018-06-01");

	(void)state;
	/* Closed on its first day; nothing granted, nothing returned. */
	setup(&p, &c);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_ENDED, c.start,
	    today, DATE_NONE, &rest), BB_OK);
	assert_int_equal(rest, 0);
	assert_int_equal(pool_balance(&p), 100000000);

	/* All spent: nothing returned. */
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 777, today, today), BB_OK);
	assert_int_equal(ledger_spend(&c, 777, 0, today, today), BB_OK);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_WITHDRAWN, today,
	    today, DATE_NONE, &rest), BB_OK);
	assert_int_equal(rest, 0);
	assert_int_equal(p.returned, 0);
	assert_int_equal(c.close_reason, CLOSE_WITHDRAWN);

	/* Closing is the one thing allowed after end + grace. */
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 500, today, today), BB_OK);
	REFUSED(BB_OUTSIDE_WINDOW, ledger_grant(&p, &c, 1, c.end,
	    d("2020-01-01")));
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_ENDED, c.end,
	    d("2020-01-01"), DATE_NONE, &rest), BB_OK);
	assert_int_equal(rest, 500);
	assert_int_equal(pool_balance(&p), 100000000);

	/* And then the citizen's next course, after the end of this one. */
	memset(&next, 0, sizeof(next));
	p.to = d("2021-12-31");
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, &c, &next, "H-001",
	    d("2019-01-14"), d("2019-01-15"), 0));
	assert_int_equal(ledger_course_open(&p, &c, &next, "H-001",
	    d("2019-01-15"), d("2019-01-15"), 0), BB_OK);
	assert_int_equal(next.number, 2);
	assert_int_equal(p.courses_open, 1);
	assert_int_equal(p.courses_closed, 1);
}

/* The drawing right is the citizen's: a later course in the same pool
 * gets what the earlier ones left of the cap, and none when nothing is
 * left. */
static void
test_drawing_right(void **state)
{
	struct pool	 p;
	struct course	 c, next;
	int64_t		 rest, held = 0;

	(void)state;
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 5000000, d("2018-02-01"),
	    d("2018-02-01")), BB_OK);
	assert_int_equal(ledger_spend(&c, 3000000, 0, d("2018-03-01"),
	    d("2018-03-01")), BB_OK);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_MOVED,
	    d("2018-03-01"), d("2018-03-01"), d("2018-03-01"), &rest), BB_OK);
	assert_int_equal(rest, 2000000);
	assert_int_equal(ledger_held_add(&held, &c, p.slug), BB_OK);
	assert_int_equal(held, 3000000);
	/* A course in another pool holds nothing of this one's right. */
	assert_int_equal(ledger_held_add(&held, &c, "other-pool"), BB_OK);
	assert_int_equal(held, 3000000);

	/* Nothing left: no course. Held beyond the cap (damage): none. */
	REFUSED(BB_CAP_EXCEEDED, ledger_course_open(&p, &c, &next, "H-001",
	    d("2018-04-01"), d("2018-04-01"), 5000000));
	REFUSED(BB_CAP_EXCEEDED, ledger_course_open(&p, &c, &next, "H-001",
	    d("2018-04-01"), d("2018-04-01"), 5000001));
	REFUSED(BB_CAP_EXCEEDED, ledger_course_open(&p, &c, &next, "H-001",
	    d("2018-04-01"), d("2018-04-01"), -1));
	/* The rest of the right: 20.000 kr., granted to the øre. */
	assert_int_equal(ledger_course_open(&p, &c, &next, "H-001",
	    d("2018-04-01"), d("2018-04-01"), held), BB_OK);
	assert_int_equal(next.cap, 2000000);
	c = next;
	REFUSED(BB_CAP_EXCEEDED, ledger_grant(&p, &c, 2000001, d("2018-04-01"),
	    d("2018-04-01")));
	assert_int_equal(ledger_grant(&p, &c, 2000000, d("2018-04-01"),
	    d("2018-04-01")), BB_OK);
	REFUSED(BB_CAP_EXCEEDED, ledger_grant(&p, &c, 1, d("2018-04-01"),
	    d("2018-04-01")));
}

/* A close date lies between the start and today, and not before the
 * latest value date of an entry on the course. */
static void
test_close_not_before_entries(void **state)
{
	struct pool	 p;
	struct course	 c;
	int64_t		 rest;
	int32_t		 today = d("2018-12-01");

	(void)state;
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 1000, d("2018-02-01"),
	    d("2018-02-01")), BB_OK);
	assert_int_equal(ledger_spend(&c, 100, 0, d("2018-11-20"), today),
	    BB_OK);
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_close(&p, &c, CLOSE_MOVED,
	    d("2018-11-01"), today, d("2018-11-20"), &rest));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_close(&p, &c, CLOSE_MOVED,
	    d("2018-11-19"), today, d("2018-11-20"), &rest));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_close(&p, &c, CLOSE_MOVED,
	    d("2018-01-14"), today, DATE_NONE, &rest));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_close(&p, &c, CLOSE_MOVED,
	    today + 1, today, d("2018-11-20"), &rest));
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_MOVED,
	    d("2018-11-20"), today, d("2018-11-20"), &rest), BB_OK);
	assert_int_equal(c.closed_on, d("2018-11-20"));

	/* Which entries date a course: all but a release. */
	assert_true(ledger_dates_course(BORGERBUDGET__V1__ENTRY_OP__GRANT));
	assert_true(ledger_dates_course(BORGERBUDGET__V1__ENTRY_OP__SPEND));
	assert_true(ledger_dates_course(BORGERBUDGET__V1__ENTRY_OP__RESERVE));
	assert_true(ledger_dates_course(BORGERBUDGET__V1__ENTRY_OP__CAPTURE));
	assert_true(ledger_dates_course(BORGERBUDGET__V1__ENTRY_OP__REFUND));
	assert_true(ledger_dates_course(BORGERBUDGET__V1__ENTRY_OP__REVERSE));
	assert_false(ledger_dates_course(BORGERBUDGET__V1__ENTRY_OP__RELEASE));
}

/* A citizen's next course starts after the last day of the one before:
 * its close date when it closed early, its end otherwise. */
static void
test_courses_never_overlap(void **state)
{
	struct pool	 p;
	struct course	 c, next;
	int64_t		 rest;

	(void)state;
	setup(&p, &c);
	assert_int_equal(ledger_grant(&p, &c, 1000, d("2018-02-01"),
	    d("2018-02-01")), BB_OK);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_MOVED,
	    d("2018-06-30"), d("2018-07-10"), DATE_NONE, &rest), BB_OK);
	assert_int_equal(course_last_day(&c), d("2018-06-30"));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, &c, &next, "H-001",
	    d("2018-06-01"), d("2018-07-10"), 0));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, &c, &next, "H-001",
	    d("2018-06-30"), d("2018-07-10"), 0));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, &c, &next, "H-001",
	    d("2018-01-15"), d("2018-07-10"), 0));
	assert_int_equal(ledger_course_open(&p, &c, &next, "H-001",
	    d("2018-07-01"), d("2018-07-10"), 0), BB_OK);
	assert_int_equal(next.number, 2);

	/* Closed after its end: the end is the last day. */
	setup(&p, &c);
	p.to = d("2021-12-31");
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_ENDED,
	    d("2019-02-01"), d("2019-02-01"), DATE_NONE, &rest), BB_OK);
	assert_int_equal(course_last_day(&c), d("2019-01-14"));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_course_open(&p, &c, &next, "H-001",
	    d("2019-01-14"), d("2019-02-01"), 0));
	assert_int_equal(ledger_course_open(&p, &c, &next, "H-001",
	    d("2019-01-15"), d("2019-02-01"), 0), BB_OK);

	/* An open course's last day is its end. */
	setup(&p, &c);
	assert_int_equal(course_last_day(&c), d("2019-01-14"));
}

static void
test_close_reasons(void **state)
{
	(void)state;
	assert_int_equal(close_reason_parse("ended"), CLOSE_ENDED);
	assert_int_equal(close_reason_parse("moved"), CLOSE_MOVED);
	assert_int_equal(close_reason_parse("withdrawn"), CLOSE_WITHDRAWN);
	assert_int_equal(close_reason_parse(""), CLOSE_NONE);
	assert_int_equal(close_reason_parse("gone"), CLOSE_NONE);
	assert_int_equal(close_reason_parse("Ended"), CLOSE_NONE);
	assert_int_equal(close_reason_parse("ended "), CLOSE_NONE);
	assert_int_equal(close_reason_parse("end"), CLOSE_NONE);
	assert_string_equal(close_reason_name(CLOSE_ENDED), "ended");
	assert_string_equal(close_reason_name(CLOSE_MOVED), "moved");
	assert_string_equal(close_reason_name(CLOSE_WITHDRAWN), "withdrawn");
	assert_string_equal(close_reason_name(CLOSE_NONE), "");
	assert_string_equal(close_reason_name(CLOSE_WITHDRAWN + 1), "");
	assert_string_equal(close_reason_name(-1), "");
	for (int r = CLOSE_ENDED; r <= CLOSE_WITHDRAWN; r++)
		assert_int_equal(close_reason_parse(close_reason_name(r)), r);
}

/*
 * Thousands of random operations on one pool and its citizens, as days
 * pass, checked against a plain model: every refusal leaves all state as
 * it was and names one of the rules the model sees broken; every success
 * is one the model allows and moves exactly the money it should. After
 * each operation the books balance: pool balance = funded - granted +
 * returned >= 0, each course 0 <= granted <= cap and available >= 0, the
 * pool's grants and returns are the sums over its courses, and the
 * accounts (funding, pool, budgets, expenses) sum to zero.
 */
#define NCITIZENS	6
#define NOPS		20000

struct model {
	int64_t	 funded, granted, returned;
	int64_t	 c_granted[NCITIZENS], c_spent[NCITIZENS];
	int64_t	 c_returned[NCITIZENS];
	int64_t	 old_granted, old_spent, old_returned;	/* closed, replaced */
	int32_t	 c_dated[NCITIZENS];	/* latest value date on the course */
	int64_t	 c_cap[NCITIZENS];	/* the drawing right left at open */
	int64_t	 c_held_old[NCITIZENS];	/* held by the closed, replaced */
	uint32_t open, closed;
};

static uint64_t	 rng = 0x2017c0ffee;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int64_t
pick(uint64_t n)
{
	return (int64_t)(next() % n);
}

/* Amounts at every scale, with the edges the rules care about. */
static int64_t
random_amount(void)
{
	switch (pick(16)) {
	case 0:
		return 0;
	case 1:
		return -pick(1000) - 1;
	case 2:
		return 1;
	case 3:
		return LEDGER_AMOUNT_MAX - pick(3);
	case 4:
		return LEDGER_AMOUNT_MAX + 1 + pick(3);
	case 5: case 6: case 7:
		return pick(1000) + 1;
	default:
		return pick(2000000) + 1;
	}
}

static int32_t
random_date(const struct course *c, int32_t today)
{
	switch (pick(4)) {
	case 0:
		return today + (int32_t)pick(21) - 10;
	case 1:
		return c->start + (int32_t)pick(5) - 2;
	case 2:
		return c->end + (int32_t)pick(5) - 2;
	default:
		return c->start + (int32_t)pick((uint64_t)(c->end - c->start +
		    1));
	}
}

/* Is the code one of the broken rules, or OK when none is? */
static void
expect(int rc, const int *broken, int nbroken, int op)
{
	if (nbroken == 0) {
		if (rc != BB_OK)
			fail_msg("op %d refused with %d, breaking no rule",
			    op, rc);
		return;
	}
	for (int i = 0; i < nbroken; i++)
		if (rc == broken[i])
			return;
	fail_msg("op %d returned %d, not one of the %d broken rules (first %d)",
	    op, rc, nbroken, broken[0]);
}

static void
check_books(const struct pool *p, const struct course *cs, const int *has,
    const struct model *m)
{
	int64_t	 granted = m->old_granted, returned = m->old_returned;
	int64_t	 budgets = 0, expenses = m->old_spent;

	assert_int_equal(p->funded, m->funded);
	assert_int_equal(p->granted, m->granted);
	assert_int_equal(p->returned, m->returned);
	assert_int_equal(pool_balance(p), m->funded - m->granted + m->returned);
	assert_true(pool_balance(p) >= 0);
	assert_int_equal(p->courses_open, m->open);
	assert_int_equal(p->courses_closed, m->closed);
	for (int i = 0; i < NCITIZENS; i++) {
		if (!has[i])
			continue;
		assert_int_equal(cs[i].granted, m->c_granted[i]);
		assert_int_equal(cs[i].spent, m->c_spent[i]);
		assert_int_equal(cs[i].returned, m->c_returned[i]);
		assert_int_equal(cs[i].reserved, 0);
		assert_int_equal(cs[i].refunded, 0);
		assert_int_equal(cs[i].cap, m->c_cap[i]);
		assert_int_equal(m->c_held_old[i] + cs[i].granted -
		    cs[i].returned <= p->cap, 1);
		assert_int_equal(cs[i].grace, p->grace);
		assert_int_equal(cs[i].end,
		    date_course_end(cs[i].start, p->months));
		assert_true(cs[i].granted >= 0);
		assert_true(cs[i].granted <= cs[i].cap);
		assert_true(cs[i].spent >= 0);
		assert_true(course_available(&cs[i]) >= 0);
		if (cs[i].status == COURSE_CLOSED)
			assert_int_equal(course_available(&cs[i]), 0);
		granted += cs[i].granted;
		returned += cs[i].returned;
		budgets += course_available(&cs[i]);
		expenses += cs[i].spent;
	}
	assert_int_equal(granted, p->granted);
	assert_int_equal(returned, p->returned);
	/* funding:POOL + pool:POOL + budget:* + expense:* == 0 */
	assert_int_equal(-p->funded + pool_balance(p) + budgets + expenses, 0);
}

static void
test_invariants_random(void **state)
{
	struct pool	 p = pilot(), p0;
	struct course	 cs[NCITIZENS], cs0[NCITIZENS], next_course;
	struct model	 m;
	int		 has[NCITIZENS], broken[8], nb, rc, k, op, called;
	int		 ok[9] = { 0 }, refused[9] = { 0 }, codes[BB_NCODES] = { 0 };
	int64_t		 amount, vat, rest, avail, balance;
	int32_t		 today = d("2018-01-01"), date;
	char		 name[16];

	(void)state;
	p.from = d("2018-01-01");
	p.to = d("2040-12-31");
	memset(cs, 0, sizeof(cs));
	memset(has, 0, sizeof(has));
	memset(&m, 0, sizeof(m));
	for (int i = 0; i < NOPS; i++) {
		if (pick(8) == 0)
			today += (int32_t)pick(6);
		k = (int)pick(NCITIZENS);
		op = (int)pick(9);
		if (op >= 2 && op <= 7 && !has[k])
			op = 1;
		p0 = p;
		memcpy(cs0, cs, sizeof(cs));
		nb = 0;
		called = 1;
		rc = BB_OK;
		amount = random_amount();
		balance = m.funded - m.granted + m.returned;
		avail = has[k] ? m.c_granted[k] - m.c_spent[k] -
		    m.c_returned[k] : 0;
		switch (op) {
		case 0:
			if (pick(8) != 0)
				amount = pick(20000000) + 1;
			if (amount <= 0 || amount > LEDGER_AMOUNT_MAX ||
			    m.funded > INT64_MAX - amount)
				broken[nb++] = BB_BAD_REQUEST;
			rc = ledger_fund(&p, amount, SAME_DAY);
			expect(rc, broken, nb, op);
			if (rc == BB_OK)
				m.funded += amount;
			break;
		case 1: {
			int32_t	 start = today + (int32_t)pick(500) - 400;
			int32_t	 end = date_course_end(start, p.months);
			int64_t	 held = has[k] ? m.c_held_old[k] +
			    m.c_granted[k] - m.c_returned[k] : 0;

			if (has[k] && cs[k].status == COURSE_OPEN)
				broken[nb++] = BB_ALREADY_EXISTS;
			if (start < p.from || end > p.to ||
			    today > end + p.grace || (has[k] &&
			    start <= (cs[k].status == COURSE_CLOSED &&
			    cs[k].closed_on < cs[k].end ? cs[k].closed_on :
			    cs[k].end)))
				broken[nb++] = BB_OUTSIDE_WINDOW;
			if (held >= p.cap)
				broken[nb++] = BB_CAP_EXCEEDED;
			memset(&next_course, 0, sizeof(next_course));
			snprintf(name, sizeof(name), "H-%d", k);
			rc = ledger_course_open(&p, has[k] ? &cs[k] : NULL,
			    &next_course, name, start, today, held);
			expect(rc, broken, nb, op);
			if (rc != BB_OK)
				break;
			assert_int_equal(next_course.number,
			    has[k] ? cs[k].number + 1 : 1);
			assert_int_equal(next_course.end, end);
			assert_int_equal(next_course.cap, p.cap - held);
			if (has[k]) {
				m.old_granted += cs[k].granted;
				m.old_spent += cs[k].spent;
				m.old_returned += cs[k].returned;
			}
			cs[k] = next_course;
			has[k] = 1;
			m.c_granted[k] = m.c_spent[k] = m.c_returned[k] = 0;
			m.c_dated[k] = start;
			m.c_cap[k] = p.cap - held;
			m.c_held_old[k] = held;
			m.open++;
			break;
		}
		case 2:
		case 3:
			date = random_date(&cs[k], today);
			if (amount <= 0 || amount > LEDGER_AMOUNT_MAX)
				broken[nb++] = BB_BAD_REQUEST;
			if (cs[k].status != COURSE_OPEN)
				broken[nb++] = BB_COURSE_CLOSED;
			if (today > cs[k].end + cs[k].grace ||
			    date < cs[k].start || date > cs[k].end)
				broken[nb++] = BB_OUTSIDE_WINDOW;
			if (amount > m.c_cap[k] - m.c_granted[k])
				broken[nb++] = BB_CAP_EXCEEDED;
			if (amount > balance)
				broken[nb++] = BB_POOL_INSUFFICIENT;
			rc = ledger_grant(&p, &cs[k], amount, date, today);
			expect(rc, broken, nb, op);
			if (rc == BB_OK) {
				m.c_granted[k] += amount;
				m.granted += amount;
				if (date > m.c_dated[k])
					m.c_dated[k] = date;
			}
			break;
		case 4:
		case 5:
			date = random_date(&cs[k], today);
			if (pick(3) == 0)
				amount = avail + pick(3) - 1;
			vat = pick(10) == 0 ? amount + 1 - pick(3) :
			    amount / (1 + pick(5));
			if (amount <= 0 || amount > LEDGER_AMOUNT_MAX ||
			    vat < 0 || vat > amount)
				broken[nb++] = BB_BAD_REQUEST;
			if (cs[k].status != COURSE_OPEN)
				broken[nb++] = BB_COURSE_CLOSED;
			if (today > cs[k].end + cs[k].grace ||
			    date < cs[k].start || date > cs[k].end ||
			    date > today)
				broken[nb++] = BB_OUTSIDE_WINDOW;
			if (amount > avail)
				broken[nb++] = BB_INSUFFICIENT_FUNDS;
			rc = ledger_spend(&cs[k], amount, vat, date, today);
			expect(rc, broken, nb, op);
			if (rc == BB_OK)
				m.c_spent[k] += amount;
			if (rc == BB_OK && date > m.c_dated[k])
				m.c_dated[k] = date;
			break;
		case 6:
			if (pick(2))
				amount = amount / 5;
			if (amount <= 0 || amount > LEDGER_AMOUNT_MAX)
				broken[nb++] = BB_BAD_REQUEST;
			if (cs[k].status != COURSE_OPEN)
				broken[nb++] = BB_COURSE_CLOSED;
			if (today > cs[k].end + cs[k].grace)
				broken[nb++] = BB_OUTSIDE_WINDOW;
			if (amount > avail)
				broken[nb++] = BB_INSUFFICIENT_FUNDS;
			if (pick(2)) {
				rc = ledger_ungrant(&p, &cs[k], amount, today);
				expect(rc, broken, nb, op);
				if (rc == BB_OK) {
					m.c_granted[k] -= amount;
					m.granted -= amount;
				}
				break;
			}
			nb = 0;
			if (pick(2))
				amount = m.c_spent[k] + pick(3) - 1;
			if (amount <= 0 || amount > LEDGER_AMOUNT_MAX ||
			    amount > m.c_spent[k])
				broken[nb++] = BB_BAD_REQUEST;
			if (cs[k].status != COURSE_OPEN)
				broken[nb++] = BB_COURSE_CLOSED;
			if (today > cs[k].end + cs[k].grace)
				broken[nb++] = BB_OUTSIDE_WINDOW;
			rc = ledger_unspend(&cs[k], amount, today);
			expect(rc, broken, nb, op);
			if (rc == BB_OK)
				m.c_spent[k] -= amount;
			break;
		case 7: {
			int	 reason = (int)pick(5) - 1;

			/* Courses mostly live out their time. */
			if (today > cs[k].end + cs[k].grace ? pick(2) != 0 :
			    pick(40) != 0) {
				called = 0;
				break;
			}
			date = random_date(&cs[k], today);
			if (cs[k].status != COURSE_OPEN)
				broken[nb++] = BB_COURSE_CLOSED;
			if (reason < CLOSE_ENDED || reason > CLOSE_WITHDRAWN)
				broken[nb++] = BB_BAD_REQUEST;
			if (date < cs[k].start || date > today ||
			    date < m.c_dated[k])
				broken[nb++] = BB_OUTSIDE_WINDOW;
			rest = -1;
			rc = ledger_course_close(&p, &cs[k], reason, date,
			    today, m.c_dated[k], &rest);
			expect(rc, broken, nb, op);
			if (rc != BB_OK)
				break;
			assert_int_equal(rest, avail);
			m.c_returned[k] += rest;
			m.returned += rest;
			m.open--;
			m.closed++;
			break;
		}
		case 8:
			if (pick(2))
				amount = balance + pick(3) - 1;
			if (amount <= 0 || amount > LEDGER_AMOUNT_MAX)
				broken[nb++] = BB_BAD_REQUEST;
			else if (amount > balance)
				broken[nb++] = BB_POOL_INSUFFICIENT;
			if (pick(4) != 0) {
				called = 0;	/* taking funding back is rare */
				break;
			}
			rc = ledger_unfund(&p, amount);
			expect(rc, broken, nb, op);
			if (rc == BB_OK)
				m.funded -= amount;
			break;
		default:
			fail();
		}
		if (!called) {
			assert_memory_equal(&p, &p0, sizeof(p));
			assert_memory_equal(cs, cs0, sizeof(cs));
			continue;
		}
		codes[rc]++;
		if (nb == 0) {
			ok[op]++;
		} else {
			refused[op]++;
			assert_memory_equal(&p, &p0, sizeof(p));
			assert_memory_equal(cs, cs0, sizeof(cs));
		}
		check_books(&p, cs, has, &m);
	}
	/* The walk went everywhere: each operation both done and refused. */
	for (op = 0; op <= 8; op++) {
		if (ok[op] < 20)
			fail_msg("op %d succeeded only %d times", op, ok[op]);
		if (refused[op] < 20)
			fail_msg("op %d refused only %d times", op,
			    refused[op]);
	}
	/* Every rule was broken often enough to be tested. */
	for (rc = BB_OK; rc <= BB_COURSE_CLOSED; rc++)
		if (rc != BB_PERMISSION_DENIED && rc != BB_NOT_FOUND &&
		    rc != BB_ID_CONFLICT && codes[rc] < 20)
			fail_msg("%s seen %d times", code_name(rc), codes[rc]);
	assert_true(m.closed >= 20);
	assert_true(today > d("2025-01-01"));
}

/*
 * Totals at the edge of int64, in states built by hand: every sum of the
 * rules is checked, a total that would wrap is refused and nothing moves.
 */
static void
test_overflow(void **state)
{
	struct pool	 p;
	struct course	 c;
	int64_t		 cat, cat0;
	int32_t		 v = d("2018-03-01"), today = d("2018-03-02");

	(void)state;
	/* A grant to the edge of the course's total, not past it. */
	setup(&p, &c);
	c.cap = INT64_MAX;
	c.granted = INT64_MAX - 1;
	c.spent = INT64_MAX - 1;
	REFUSED(BB_CAP_EXCEEDED, ledger_grant(&p, &c, 2, v, today));
	assert_int_equal(ledger_grant(&p, &c, 1, v, today), BB_OK);
	assert_int_equal(c.granted, INT64_MAX);

	/* The pool's granted total cannot wrap. */
	setup(&p, &c);
	p.funded = INT64_MAX;
	p.granted = INT64_MAX;
	p.returned = 500;
	assert_int_equal(pool_balance(&p), 500);
	REFUSED(BB_BAD_REQUEST, ledger_grant(&p, &c, 100, v, today));
	/* ... nor the balance: funded - granted + returned. */
	p.granted = 0;
	p.returned = 1;
	assert_int_equal(pool_balance(&p), INT64_MIN);
	REFUSED(BB_BAD_REQUEST, ledger_grant(&p, &c, 100, v, today));
	REFUSED(BB_BAD_REQUEST, ledger_unfund(&p, 100));
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, 100, SAME_DAY));
	p.funded = INT64_MAX - 100;
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, 100, SAME_DAY));

	/* The available budget's sum wraps: every rule reading it refuses. */
	setup(&p, &c);
	c.granted = INT64_MAX;
	c.refunded = 1;
	assert_int_equal(course_available(&c), INT64_MIN);
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 100, 0, v, today));
	REFUSED(BB_BAD_REQUEST, ledger_reserve(&c, 100, today));
	REFUSED(BB_BAD_REQUEST, ledger_ungrant(&p, &c, 100, today));

	/* Spent at the edge: a spend the budget covers would wrap it. */
	setup(&p, &c);
	c.granted = INT64_MAX - 1;
	c.spent = INT64_MAX - 1;
	c.refunded = 100;
	assert_int_equal(course_available(&c), 100);
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 2, 0, v, today));
	assert_int_equal(ledger_spend(&c, 1, 0, v, today), BB_OK);
	assert_int_equal(c.spent, INT64_MAX);

	/* Reserved at the edge: 2 would wrap it, 1 reaches INT64_MAX. */
	setup(&p, &c);
	c.granted = 1;
	c.reserved = INT64_MAX - 1;
	c.refunded = INT64_MAX;
	assert_int_equal(course_available(&c), 2);
	REFUSED(BB_BAD_REQUEST, ledger_reserve(&c, 2, today));
	assert_int_equal(ledger_reserve(&c, 1, today), BB_OK);
	assert_int_equal(c.reserved, INT64_MAX);

	/* A capture adds to spent; a refund to refunded; each checked. */
	setup(&p, &c);
	c.granted = INT64_MAX - 1;
	c.spent = INT64_MAX - 1;
	c.reserved = 10;
	c.refunded = 10;
	REFUSED(BB_BAD_REQUEST, ledger_capture(&c, 10, 2, v, today));
	assert_int_equal(ledger_capture(&c, 10, 1, v, today), BB_OK);
	assert_int_equal(c.spent, INT64_MAX);

	setup(&p, &c);
	c.refunded = INT64_MAX;
	cat = cat0 = 1000;
	REFUSED(BB_BAD_REQUEST, ledger_refund(&c, &cat, 1, v, today));
	assert_int_equal(cat, cat0);

	/* A category's net spending: up to INT64_MAX, not past it. */
	cat = INT64_MAX - 1;
	assert_int_equal(ledger_category_add(&cat, 1), BB_OK);
	assert_int_equal(cat, INT64_MAX);
	assert_int_equal(ledger_category_add(&cat, 1), BB_BAD_REQUEST);
	assert_int_equal(cat, INT64_MAX);
	assert_int_equal(ledger_category_add(&cat, 0), BB_BAD_REQUEST);
	assert_int_equal(ledger_category_add(&cat, LEDGER_AMOUNT_MAX + 1),
	    BB_BAD_REQUEST);

	/* Taking a refund back adds to the category: checked too. */
	setup(&p, &c);
	c.granted = 1000;
	c.refunded = 100;
	cat = INT64_MAX - 10;
	REFUSED(BB_BAD_REQUEST, ledger_unrefund(&c, &cat, 50, today));
	assert_int_equal(cat, INT64_MAX - 10);
	assert_int_equal(ledger_unrefund(&c, &cat, 10, today), BB_OK);
	assert_int_equal(cat, INT64_MAX);
}

/* Rule 5: a capture's amount, when given, is positive like any other. */
static void
test_amount_limit(void **state)
{
	struct pool	 p;
	struct course	 c;
	int32_t		 v = d("2018-03-01"), today = d("2018-03-02");

	(void)state;
	setup(&p, &c);
	assert_int_equal(ledger_amount_valid(LEDGER_AMOUNT_MAX), 1);
	assert_int_equal(ledger_amount_valid(LEDGER_AMOUNT_MAX + 1), 0);
	assert_int_equal(ledger_amount_valid(0), 0);
	assert_int_equal(ledger_amount_valid(1), 1);
	assert_int_equal(ledger_grant(&p, &c, 1000000, v, today), BB_OK);
	assert_int_equal(ledger_reserve(&c, 50000, today), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_capture(&c, 50000, 0, v, today));
	REFUSED(BB_BAD_REQUEST, ledger_capture(&c, 50000, -1, v, today));
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 1000, -1, v, today));
	REFUSED(BB_BAD_REQUEST, ledger_spend(&c, 1000, 1001, v, today));
	assert_int_equal(ledger_spend(&c, 1000, 1000, v, today), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, LEDGER_AMOUNT_MAX + 1, SAME_DAY));
	assert_int_equal(ledger_fund(&p, LEDGER_AMOUNT_MAX, SAME_DAY), BB_OK);
}

/* Rule 3: funding counts from the day it arrives, not before. */
static void
test_fund_future(void **state)
{
	struct pool	 p = pilot();
	struct course	 c;
	int32_t		 today = d("2018-03-02");

	(void)state;
	memset(&c, 0, sizeof(c));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_fund(&p, 1000, today + 1, today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_fund(&p, 1000, d("2030-01-01"),
	    today));
	assert_int_equal(ledger_fund(&p, 1000, today, today), BB_OK);
	assert_int_equal(ledger_fund(&p, 1000, today - 400, today), BB_OK);
	assert_int_equal(p.funded, 2000);
	/* The amount is checked first, as for every other entry. */
	REFUSED(BB_BAD_REQUEST, ledger_fund(&p, 0, today + 1, today));
}

/* SPEC §5: a reversal belongs to the role that may make the original. */
static void
test_reverse_role(void **state)
{
	(void)state;
	assert_int_equal(ledger_reverse_role("accounting", 1), BB_OK);
	assert_int_equal(ledger_reverse_role("admin", 1), BB_OK);
	assert_int_equal(ledger_reverse_role("caseworker", 1),
	    BB_PERMISSION_DENIED);
	assert_int_equal(ledger_reverse_role("caseworker", 0), BB_OK);
	assert_int_equal(ledger_reverse_role("admin", 0), BB_OK);
	assert_int_equal(ledger_reverse_role("accounting", 0),
	    BB_PERMISSION_DENIED);
	assert_int_equal(ledger_reverse_role("auditor", 0),
	    BB_PERMISSION_DENIED);
	assert_int_equal(ledger_reverse_role("auditor", 1),
	    BB_PERMISSION_DENIED);
	assert_int_equal(ledger_reverse_role("daemon", 0),
	    BB_PERMISSION_DENIED);
	assert_int_equal(ledger_reverse_role("", 1), BB_PERMISSION_DENIED);
	assert_int_equal(ledger_reverse_role(NULL, 0), BB_PERMISSION_DENIED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_rules),
		cmocka_unit_test(test_fund),
		cmocka_unit_test(test_fund_future),
		cmocka_unit_test(test_unfund_after_grant),
		cmocka_unit_test(test_course_open),
		cmocka_unit_test(test_course_open_window),
		cmocka_unit_test(test_grant),
		cmocka_unit_test(test_grant_pool_balance),
		cmocka_unit_test(test_grant_late_and_closed),
		cmocka_unit_test(test_spend),
		cmocka_unit_test(test_spend_late),
		cmocka_unit_test(test_ungrant),
		cmocka_unit_test(test_unspend),
		cmocka_unit_test(test_close),
		cmocka_unit_test(test_close_edges),
		cmocka_unit_test(test_courses_never_overlap),
		cmocka_unit_test(test_close_not_before_entries),
		cmocka_unit_test(test_drawing_right),
		cmocka_unit_test(test_close_reasons),
		cmocka_unit_test(test_invariants_random),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_amount_limit),
		cmocka_unit_test(test_reverse_role),
	};

	date_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
