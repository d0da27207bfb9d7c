/*
 * Two-phase purchases and refunds: the rules of ledger.c at their edges,
 * state unchanged on every refusal, and the reservation's state machine
 * (open -> captured | released | expired, once) as the verifier's replay
 * enforces it on a journal.
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
#include "replay.h"
#include "state.h"
#include "store.h"

static int32_t
d(const char *s)
{
	int32_t	 v = 0;

	if (date_parse(s, &v) != 0)
		fail_msg("cannot parse %s", s);
	return v;
}

/* Course 1 of H-001: 2018-01-15 .. 2019-01-14, 30 grace days, 10.000 kr.
 * granted. */
static struct course
course(void)
{
	struct course	 c;

	memset(&c, 0, sizeof(c));
	strcpy(c.citizen, "H-001");
	strcpy(c.pool, "pilot");
	c.number = 1;
	c.status = COURSE_OPEN;
	c.start = d("2018-01-15");
	c.end = d("2019-01-14");
	c.grace = 30;
	c.cap = 5000000;
	c.granted = 1000000;
	return c;
}

#define REFUSED(code, call) do {					\
	struct course	 c0_ = c;					\
	int64_t		 s0_ = spent;					\
	assert_int_equal((call), (code));				\
	assert_memory_equal(&c, &c0_, sizeof(c));			\
	assert_int_equal(spent, s0_);					\
} while (0)

static void
test_reserve(void **state)
{
	struct course	 c = course();
	int64_t		 spent = 0;
	int32_t		 today = d("2018-06-01");

	(void)state;
	REFUSED(BB_BAD_REQUEST, ledger_reserve(&c, 0, today));
	REFUSED(BB_BAD_REQUEST, ledger_reserve(&c, -1, today));
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_reserve(&c, 1000001, today));
	/* Made inside the window: not before the start, not in the grace. */
	REFUSED(BB_OUTSIDE_WINDOW, ledger_reserve(&c, 1, d("2018-01-14")));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_reserve(&c, 1, d("2019-01-15")));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_reserve(&c, 1, d("2019-02-14")));
	assert_int_equal(ledger_reserve(&c, 600000, today), BB_OK);
	assert_int_equal(c.reserved, 600000);
	assert_int_equal(course_available(&c), 400000);
	/* Reserved money is not available to anything else. */
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_reserve(&c, 400001, today));
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_spend(&c, 400001, 0, today,
	    today));
	assert_int_equal(ledger_reserve(&c, 400000, d("2019-01-14")), BB_OK);
	assert_int_equal(course_available(&c), 0);
	c.status = COURSE_CLOSED;
	REFUSED(BB_COURSE_CLOSED, ledger_reserve(&c, 1, today));
}

static void
test_capture(void **state)
{
	struct course	 c = course();
	int64_t		 spent = 0;
	int32_t		 today = d("2018-06-01");

	(void)state;
	assert_int_equal(ledger_reserve(&c, 300000, today), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_capture(&c, 300000, 0, today, today));
	REFUSED(BB_BAD_REQUEST, ledger_capture(&c, 300000, 300001, today,
	    today));
	/* A reservation cannot hold more than the course has reserved. */
	REFUSED(BB_BAD_REQUEST, ledger_capture(&c, 300001, 300001, today,
	    today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_capture(&c, 300000, 1, today + 1,
	    today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_capture(&c, 300000, 1,
	    d("2018-01-14"), today));
	/* After end + grace: too late, the reservation has expired. */
	REFUSED(BB_OUTSIDE_WINDOW, ledger_capture(&c, 300000, 1,
	    d("2019-01-14"), d("2019-02-14")));
	/* An invoice may come in the grace days, dated inside the window. */
	assert_int_equal(ledger_capture(&c, 300000, 240000, d("2019-01-14"),
	    d("2019-02-13")), BB_OK);
	assert_int_equal(c.reserved, 60000);
	assert_int_equal(c.spent, 240000);
	assert_int_equal(ledger_release(&c, 60000), BB_OK);
	assert_int_equal(c.reserved, 0);
	assert_int_equal(course_available(&c), 760000);
}

static void
test_release(void **state)
{
	struct course	 c = course();
	int64_t		 spent = 0;

	(void)state;
	assert_int_equal(ledger_reserve(&c, 5000, d("2018-06-01")), BB_OK);
	REFUSED(BB_BAD_REQUEST, ledger_release(&c, 5001));
	REFUSED(BB_BAD_REQUEST, ledger_release(&c, 0));
	/* Expiry releases after end + grace: no window rule on a release. */
	assert_int_equal(ledger_release(&c, 5000), BB_OK);
	assert_int_equal(course_available(&c), 1000000);
	c.reserved = 1;
	c.status = COURSE_CLOSED;
	REFUSED(BB_COURSE_CLOSED, ledger_release(&c, 1));
}

static void
test_refund(void **state)
{
	struct course	 c = course();
	int64_t		 spent = 0;
	int32_t		 today = d("2018-06-01");

	(void)state;
	assert_int_equal(ledger_spend(&c, 200000, 0, today, today), BB_OK);
	spent = 200000;
	REFUSED(BB_BAD_REQUEST, ledger_refund(&c, &spent, 200001, today,
	    today));
	REFUSED(BB_BAD_REQUEST, ledger_refund(&c, &spent, 0, today, today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_refund(&c, &spent, 1, today + 1,
	    today));
	REFUSED(BB_OUTSIDE_WINDOW, ledger_refund(&c, &spent, 1, today,
	    d("2019-02-14")));
	assert_int_equal(ledger_refund(&c, &spent, 150000, today, today),
	    BB_OK);
	assert_int_equal(spent, 50000);
	assert_int_equal(c.refunded, 150000);
	assert_int_equal(course_available(&c), 950000);
	REFUSED(BB_BAD_REQUEST, ledger_refund(&c, &spent, 50001, today,
	    today));
	/* Reversing a refund: the citizen must still hold the money. */
	assert_int_equal(ledger_spend(&c, 950000, 0, today, today), BB_OK);
	REFUSED(BB_INSUFFICIENT_FUNDS, ledger_unrefund(&c, &spent, 150000,
	    today));
	REFUSED(BB_BAD_REQUEST, ledger_unrefund(&c, &spent, 150001, today));
	assert_int_equal(ledger_unspend(&c, 950000, today), BB_OK);
	assert_int_equal(ledger_unrefund(&c, &spent, 150000, today), BB_OK);
	assert_int_equal(spent, 200000);
	assert_int_equal(c.refunded, 0);
	/* The category bound on reversing a spend. */
	spent = 100;
	assert_int_equal(ledger_category_take(&spent, 101), BB_BAD_REQUEST);
	assert_int_equal(spent, 100);
	assert_int_equal(ledger_category_take(&spent, 100), BB_OK);
	assert_int_equal(spent, 0);
}

static void
test_close_needs_releases(void **state)
{
	struct course	 c = course();
	struct pool	 p;
	int64_t		 rest;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.funded = 10000000;
	p.granted = 1000000;
	p.courses_open = 1;
	assert_int_equal(ledger_reserve(&c, 100, d("2018-06-01")), BB_OK);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_ENDED,
	    d("2018-06-01"), d("2018-06-01"), DATE_NONE, &rest), BB_BAD_REQUEST);
	assert_int_equal(c.status, COURSE_OPEN);
	assert_int_equal(ledger_release(&c, 100), BB_OK);
	assert_int_equal(ledger_course_close(&p, &c, CLOSE_ENDED,
	    d("2018-06-01"), d("2018-06-01"), DATE_NONE, &rest), BB_OK);
	assert_int_equal(rest, 1000000);
}

/* ---------------------------------------------------- the replay's view */

struct journal {
	struct replay	*r;
	struct store	*mem;		/* the entries, for the rules to read */
	struct store_txn *txn;
	uint64_t	 seq;
	uint64_t	 last;		/* per-citizen chain */
	int64_t		 at;
	char		 why[256];
};

static PbActor daemon_actor = { PROTOBUF_C_MESSAGE_INIT(
    &borgerbudget__v1__actor__descriptor), 0, "budgetd", "daemon" };
static PbActor person = { PROTOBUF_C_MESSAGE_INIT(
    &borgerbudget__v1__actor__descriptor), 1000, "sb", "caseworker" };

/*
 * Appends an entry recorded on day (noon UTC); returns 0 or -1. The
 * verifier stops at the first problem, so a journal is not used after a
 * refusal: each refusal below ends a journal of its own.
 */
static int
put(struct journal *j, PbEntry *e, const char *day)
{
	uint8_t	 leaf[4096], key[8];
	size_t	 len;

	e->seq = ++j->seq;
	if (*e->citizen) {
		e->citizen_prev = j->last;
		j->last = e->seq;
	}
	e->recorded_at = ((int64_t)d(day) * 86400 + 43200) * 1000000;
	if (e->actor == NULL)
		e->actor = &person;
	if (replay_entry(j->r, j->txn, e, j->why, sizeof(j->why)) != 0) {
		/* The rules wrote nothing: the journal goes on without it. */
		j->seq--;
		if (*e->citizen)
			j->last = e->citizen_prev;
		return -1;
	}
	len = borgerbudget__v1__entry__get_packed_size(e);
	assert_true(len <= sizeof(leaf));
	borgerbudget__v1__entry__pack(e, leaf);
	be64_put(key, e->seq);
	assert_int_equal(store_put(j->txn, ST_ENTRIES, key, sizeof(key), leaf,
	    len, 0), BB_OK);
	return 0;
}

static PbEntry
entry(int op, const char *debit, const char *credit, int64_t amount,
    const char *vdate)
{
	PbEntry	 e = BORGERBUDGET__V1__ENTRY__INIT;

	e.op = op;
	e.debit = (char *)debit;
	e.credit = (char *)credit;
	e.amount = amount;
	e.value_date = (char *)vdate;
	return e;
}

static PbEntry
on_course(PbEntry e, const char *category, uint64_t reservation)
{
	e.citizen = "H-001";
	e.course = 1;
	e.pool = "pilot";
	e.category = (char *)category;
	e.reservation = reservation;
	return e;
}

#define OP(x)	BORGERBUDGET__V1__ENTRY_OP__##x

/* The replayed course H-001/1 and count of open reservations. */
static const struct course *
course_of(struct journal *j)
{
	static struct course	 c;

	assert_int_equal(state_course_get(replay_tables(j->r), "H-001", 1, &c),
	    BB_OK);
	return &c;
}

static uint64_t
open_reservations(struct journal *j)
{
	uint64_t	 n;

	assert_int_equal(store_count(replay_tables(j->r), ST_RESERVATIONS, &n),
	    BB_OK);
	return n;
}

static void
journal_end(struct journal *j)
{
	replay_free(j->r);
	store_abort(j->txn);
	store_close(j->mem);
	j->r = NULL;
}

static void
journal_start(struct journal *j)
{
	PbPoolRules	 rules = BORGERBUDGET__V1__POOL_RULES__INIT;
	PbEntry		 e;

	memset(j, 0, sizeof(*j));
	assert_non_null(j->r = replay_new(NULL));
	assert_int_equal(store_memory(&j->mem), BB_OK);
	assert_int_equal(store_begin(j->mem, 1, &j->txn), BB_OK);
	rules.cap = 5000000;
	rules.months = 12;
	rules.valid_from = "2017-12-01";
	rules.valid_to = "2019-12-31";
	rules.grace_days = 30;
	e = entry(OP(POOL_CREATE), "", "", 0, "2018-01-01");
	e.pool = "pilot";
	e.pool_rules = &rules;
	assert_int_equal(put(j, &e, "2018-01-01"), 0);
	e = entry(OP(POOL_FUND), "pool:pilot", "funding:pilot", 10000000,
	    "2018-01-01");
	e.pool = "pilot";
	assert_int_equal(put(j, &e, "2018-01-01"), 0);
	e = on_course(entry(OP(COURSE_OPEN), "", "", 0, "2018-01-15"), "", 0);
	e.course_end = "2019-01-14";
	e.course_cap = 5000000;
	assert_int_equal(put(j, &e, "2018-01-15"), 0);
	e = on_course(entry(OP(GRANT), "budget:H-001:1", "pool:pilot",
	    1000000, "2018-01-15"), "", 0);
	assert_int_equal(put(j, &e, "2018-01-15"), 0);
}

static uint64_t
reserve(struct journal *j, int64_t amount, const char *day)
{
	PbEntry	 e = on_course(entry(OP(RESERVE), "reserved:H-001:1",
	    "budget:H-001:1", amount, day), "education", 0);

	if (put(j, &e, day) != 0)
		fail_msg("reserve: %s", j->why);
	return e.seq;
}

static int
capture(struct journal *j, uint64_t r, int64_t amount, const char *day)
{
	PbEntry	 e = on_course(entry(OP(CAPTURE), "expense:education",
	    "reserved:H-001:1", amount, day), "education", r);

	return put(j, &e, day);
}

static int
release(struct journal *j, uint64_t r, int64_t amount, const char *day,
    const char *why, PbActor *actor)
{
	PbEntry	 e = on_course(entry(OP(RELEASE), "budget:H-001:1",
	    "reserved:H-001:1", amount, day), "education", r);

	e.note = (char *)why;
	e.actor = actor;
	return put(j, &e, day);
}

/* A fresh journal with reservation r of 1.000 kr. made on 2018-06-01. */
static uint64_t
fresh(struct journal *j)
{
	if (j->r)
		journal_end(j);
	journal_start(j);
	return reserve(j, 100000, "2018-06-01");
}

static void
test_replay_transitions(void **state)
{
	struct journal	 j = { 0 };
	uint64_t	 r;

	(void)state;
	/* Captured once, in full: a second capture or a release is refused. */
	r = fresh(&j);
	assert_int_equal(capture(&j, r, 100000, "2018-06-02"), 0);
	assert_int_equal(capture(&j, r, 1, "2018-06-02"), -1);
	r = fresh(&j);
	assert_int_equal(capture(&j, r, 100000, "2018-06-02"), 0);
	assert_int_equal(release(&j, r, 100000, "2018-06-02", "released",
	    NULL), -1);
	/* Released once. */
	r = fresh(&j);
	assert_int_equal(release(&j, r, 100000, "2018-06-02", "released",
	    NULL), 0);
	assert_int_equal(release(&j, r, 100000, "2018-06-02", "released",
	    NULL), -1);
	r = fresh(&j);
	assert_int_equal(release(&j, r, 100000, "2018-06-02", "released",
	    NULL), 0);
	assert_int_equal(capture(&j, r, 1, "2018-06-02"), -1);
	/* A release is of the whole amount. */
	r = fresh(&j);
	assert_int_equal(release(&j, r, 99999, "2018-06-02", "released",
	    NULL), -1);
	/* A partial capture is followed by the release of exactly its rest. */
	r = fresh(&j);
	assert_int_equal(capture(&j, r, 40000, "2018-06-03"), 0);
	assert_int_equal(release(&j, r, 59999, "2018-06-03", "rest after capture", NULL),
	    -1);
	r = fresh(&j);
	assert_int_equal(capture(&j, r, 40000, "2018-06-03"), 0);
	assert_int_equal(release(&j, r, 60000, "2018-06-03", "rest after capture", NULL), 0);
	assert_int_equal(course_of(&j)->spent, 40000);
	assert_int_equal(course_of(&j)->reserved, 0);
	assert_int_equal(open_reservations(&j), 0);
	/* More than was reserved; of an entry that is no reservation. */
	r = fresh(&j);
	assert_int_equal(capture(&j, r, 100001, "2018-06-04"), -1);
	r = fresh(&j);
	assert_int_equal(capture(&j, r - 1, 1, "2018-06-04"), -1);
	/* "expired" only by the daemon, only after end + grace. */
	r = fresh(&j);
	assert_int_equal(release(&j, r, 100000, "2019-02-13", "expired",
	    &daemon_actor), -1);
	r = fresh(&j);
	assert_int_equal(release(&j, r, 100000, "2019-02-14", "expired",
	    &person), -1);
	r = fresh(&j);
	assert_int_equal(open_reservations(&j), 1);
	assert_int_equal(release(&j, r, 100000, "2019-02-14", "expired",
	    &daemon_actor), 0);
	assert_int_equal(open_reservations(&j), 0);
	journal_end(&j);
}

static void
test_replay_dangling_rest(void **state)
{
	struct journal	 j;
	PbEntry		 e;
	uint64_t	 r;

	(void)state;
	journal_start(&j);
	r = reserve(&j, 100000, "2018-06-01");
	assert_int_equal(capture(&j, r, 1, "2018-06-01"), 0);
	/* Anything but the rest's release is a broken group. */
	e = on_course(entry(OP(GRANT), "budget:H-001:1", "pool:pilot", 1,
	    "2018-06-01"), "", 0);
	assert_int_equal(put(&j, &e, "2018-06-01"), -1);
	assert_non_null(strstr(j.why, "partial capture"));
	journal_end(&j);
}

/* The journal's view of a course: its spends and its close. */
static int
spend_on(struct journal *j, int64_t amount, const char *vdate,
    const char *day)
{
	PbEntry	 e = on_course(entry(OP(SPEND), "expense:other",
	    "budget:H-001:1", amount, vdate), "other", 0);

	return put(j, &e, day);
}

static int
close_on(struct journal *j, int64_t rest, const char *vdate,
    const char *day)
{
	PbEntry	 e = on_course(entry(OP(COURSE_CLOSE), "pool:pilot",
	    "budget:H-001:1", rest, vdate), "", 0);

	e.note = "moved";
	return put(j, &e, day);
}

static int
open_second(struct journal *j, int64_t cap, const char *start,
    const char *end)
{
	PbEntry	 e = on_course(entry(OP(COURSE_OPEN), "", "", 0, start), "",
	    0);

	e.course = 2;
	e.course_end = (char *)end;
	e.course_cap = cap;
	return put(j, &e, start);
}

/* The verifier refuses a close dated before an entry on the course, as
 * the daemon does: one rule, ledger_course_close. */
static void
test_replay_close_not_before_entries(void **state)
{
	struct journal	 j;

	(void)state;
	journal_start(&j);
	assert_int_equal(spend_on(&j, 1000, "2018-11-20", "2018-12-01"), 0);
	assert_int_equal(close_on(&j, 999000, "2018-11-01", "2018-12-01"), -1);
	assert_non_null(strstr(j.why, "OUTSIDE_WINDOW"));
	journal_end(&j);

	journal_start(&j);
	assert_int_equal(spend_on(&j, 1000, "2018-11-20", "2018-12-01"), 0);
	assert_int_equal(close_on(&j, 999000, "2018-11-20", "2018-12-01"), 0);
	journal_end(&j);
}

/* The verifier gives a citizen's next course in the pool what the earlier
 * ones left of the drawing right, and refuses overlapping courses. */
static void
test_replay_drawing_right(void **state)
{
	struct journal	 j;

	(void)state;
	journal_start(&j);
	assert_int_equal(spend_on(&j, 600000, "2018-02-01", "2018-02-01"), 0);
	assert_int_equal(close_on(&j, 400000, "2018-02-10", "2018-02-10"), 0);
	assert_int_equal(open_second(&j, 5000000, "2018-03-01", "2019-02-28"),
	    -1);
	assert_non_null(strstr(j.why, "cap"));
	journal_end(&j);

	journal_start(&j);
	assert_int_equal(spend_on(&j, 600000, "2018-02-01", "2018-02-01"), 0);
	assert_int_equal(close_on(&j, 400000, "2018-02-10", "2018-02-10"), 0);
	assert_int_equal(open_second(&j, 4400000, "2018-02-10", "2019-02-09"),
	    -1);
	assert_non_null(strstr(j.why, "OUTSIDE_WINDOW"));
	journal_end(&j);

	journal_start(&j);
	assert_int_equal(spend_on(&j, 600000, "2018-02-01", "2018-02-01"), 0);
	assert_int_equal(close_on(&j, 400000, "2018-02-10", "2018-02-10"), 0);
	assert_int_equal(open_second(&j, 4400000, "2018-03-01", "2019-02-28"),
	    0);
	journal_end(&j);
}

/* The daemon closes a course only past its end + grace, reason ended: a
 * close in its name before then is refused by the same rules. */
static void
test_replay_daemon_close(void **state)
{
	struct journal	 j;
	PbEntry		 e;

	(void)state;
	journal_start(&j);
	e = on_course(entry(OP(COURSE_CLOSE), "pool:pilot", "budget:H-001:1",
	    1000000, "2018-06-01"), "", 0);
	e.note = "ended";
	e.actor = &daemon_actor;
	assert_int_equal(put(&j, &e, "2018-06-01"), -1);
	assert_non_null(strstr(j.why, "daemon"));
	journal_end(&j);

	/* 2019-01-14 + 30 days of grace have passed on 2019-02-14. */
	journal_start(&j);
	e = on_course(entry(OP(COURSE_CLOSE), "pool:pilot", "budget:H-001:1",
	    1000000, "2019-02-14"), "", 0);
	e.note = "moved";
	e.actor = &daemon_actor;
	assert_int_equal(put(&j, &e, "2019-02-14"), -1);
	e.note = "ended";
	assert_int_equal(put(&j, &e, "2019-02-14"), 0);
	journal_end(&j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_capture),
		cmocka_unit_test(test_release),
		cmocka_unit_test(test_refund),
		cmocka_unit_test(test_close_needs_releases),
		cmocka_unit_test(test_replay_transitions),
		cmocka_unit_test(test_replay_dangling_rest),
		cmocka_unit_test(test_replay_close_not_before_entries),
		cmocka_unit_test(test_replay_drawing_right),
		cmocka_unit_test(test_replay_daemon_close),
	};

	date_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
