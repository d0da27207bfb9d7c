#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <sodium.h>

#include "arena.h"
#include "codes.h"
#include "config.h"
#include "date.h"
#include "expiry.h"
#include "ledger.h"
#include "log.h"
#include "ops.h"
#include "state.h"
#include "store.h"
#include "turn.h"

#define EXPIRY_WAIT_MAX	3600	/* re-plan hourly: clocks get set */

static struct {
	struct event	*timer;
	int		 due;
	struct actor	 actor;
	int32_t		 courses_seen;	/* the day no course was overdue */
} x;

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	x.due = 1;
}

static void
wake_in(long seconds)
{
	struct timeval	 tv = { seconds, 0 };

	evtimer_add(x.timer, &tv);
}

void
expiry_init(struct event_base *base)
{
	if ((x.timer = evtimer_new(base, on_timer, NULL)) == NULL)
		fatalx("%s: evtimer_new", __func__);
	x.actor.uid = geteuid();
	snprintf(x.actor.name, sizeof(x.actor.name), "budgetd");
	x.actor.role = ROLE_DAEMON;
	wake_in(0);
}

void
expiry_free(void)
{
	if (x.timer)
		event_free(x.timer);
	x.timer = NULL;
}

int
expiry_due(void)
{
	return x.due;
}

/* Entries of the daemon carry an id derived from what they act on, so
 * the same expiry or close can never be recorded under two ids. */
static void
daemon_id(const char *what, const uint8_t *key, size_t len, uint8_t id[16])
{
	crypto_hash_sha256_state	 st;
	uint8_t				 hash[32];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const uint8_t *)what, strlen(what));
	crypto_hash_sha256_update(&st, key, len);
	crypto_hash_sha256_final(&st, hash);
	memcpy(id, hash, 16);
}

static int
expire_one(struct turn *t, const struct reservation *r)
{
	struct course	 c;
	uint8_t		 id[16], seq[8];
	int		 rc;

	if ((rc = state_course_get(t->txn, r->citizen, r->course, &c)) !=
	    BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	be64_put(seq, r->seq);
	daemon_id("expired", seq, sizeof(seq), id);
	t->actor = &x.actor;
	t->id = id;
	t->first_seq = 0;
	if ((rc = reservation_release(t, &c, r, r->amount, "expired")) !=
	    BB_OK)
		return rc;
	log_info("reservation %llu of %s expired: %lld øre released",
	    (unsigned long long)r->seq, r->citizen, (long long)r->amount);
	return BB_OK;
}

/*
 * A course whose end + grace has passed and is still open is closed by
 * the daemon, reason ended, on the day it is found (SPEC §3): what it
 * holds goes back to the pool and no money stays locked.
 */
static int
close_overdue(struct turn *t, const struct course *c)
{
	struct pool	 p;
	uint8_t		 key[COURSE_KEY_MAX], id[16];
	int32_t		 dated;
	int		 rc;

	if ((rc = state_pool_get(t->txn, c->pool, &p)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	daemon_id("closed", key, course_key(key, c->citizen, c->number), id);
	t->actor = &x.actor;
	t->id = id;
	t->first_seq = 0;
	if ((rc = course_close_group(t, c, &p, CLOSE_ENDED, t->today,
	    &dated)) != BB_OK)
		return rc;
	log_info("course %u of %s was past its end and grace: closed, "
	    "%lld øre back to pool %s", c->number, c->citizen,
	    (long long)course_available(c), c->pool);
	return BB_OK;
}

/*
 * The open courses past end + grace, up to a batch, found by one pass
 * over the course records: a municipality has thousands, and the pass
 * runs until a day finds none.
 */
static int
courses_overdue(struct turn *t, struct course **list, size_t *n)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	struct course		 c;
	int			 rc;

	*n = 0;
	*list = arena_alloc(t->arena, EXPIRY_BATCH * sizeof(**list));
	if ((rc = store_cursor_open(t->txn, ST_COURSES, &cur)) != BB_OK)
		return rc;
	for (rc = store_cursor_next(cur, &k, &v); rc == BB_OK &&
	    *n < EXPIRY_BATCH; rc = store_cursor_next(cur, &k, &v)) {
		if ((rc = state_course_decode(&v, &c)) != BB_OK)
			break;
		if (c.status == COURSE_OPEN && t->today > c.end + c.grace)
			(*list)[(*n)++] = c;
	}
	store_cursor_close(cur);
	return rc == BB_NOT_FOUND || rc == BB_OK ? BB_OK : rc;
}

static int
courses_run(struct turn *t)
{
	struct course	*overdue;
	size_t		 i, n;
	int		 rc;

	if (x.courses_seen == t->today)
		return 0;
	if ((rc = courses_overdue(t, &overdue, &n)) != BB_OK)
		return rc;
	if (n == 0)
		x.courses_seen = t->today;
	for (i = 0; i < n; i++)
		if ((rc = close_overdue(t, &overdue[i])) != BB_OK) {
			/* Not again today: a refused close would spin. */
			log_warnx("closing course %u of %s failed: %s",
			    overdue[i].number, overdue[i].citizen,
			    code_name(rc));
			x.courses_seen = t->today;
			return rc;
		}
	return (int)n;
}

/*
 * In the turn's transaction, before the requests: they see the releases.
 * Runs in a nested transaction so that a failure leaves the requests of
 * the turn unharmed; it is logged and tried again at the next plan.
 */
int
expiry_run(struct turn *t)
{
	struct store_txn	*parent = t->txn, *child;
	struct reservation	 r;
	uint64_t		 seq = t->next_seq;
	int			 n = 0, rc;

	x.due = 0;
	if ((rc = store_begin_child(parent, &child)) != BB_OK)
		return rc;
	t->txn = child;
	while (n < EXPIRY_BATCH &&
	    (rc = reservation_first(child, &r)) == BB_OK &&
	    r.deadline < t->today) {
		if ((rc = expire_one(t, &r)) != BB_OK)
			break;
		n++;
	}
	if (rc == BB_NOT_FOUND || rc == BB_OK) {
		if ((rc = courses_run(t)) > 0) {
			n += rc;
			rc = BB_OK;
		}
	}
	t->txn = parent;
	t->actor = NULL;
	t->id = NULL;
	if (rc == BB_NOT_FOUND || rc == BB_OK)
		rc = store_commit(child);
	else
		store_abort(child);
	if (rc != BB_OK) {
		log_warnx("expiring reservations failed: %s", code_name(rc));
		t->next_seq = seq;
		return rc;
	}
	return n;
}

/* Seconds from now until the local midnight that begins day. */
static long
seconds_until(int32_t day)
{
	struct tm	 tm;
	time_t		 at;
	int		 y, m, d;

	date_to_civil(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	if ((at = mktime(&tm)) == (time_t)-1)
		return EXPIRY_WAIT_MAX;
	return (long)(at - time(NULL)) + 1;
}

/* At the end of a write turn: when the next reservation expires. */
void
expiry_plan(struct turn *t)
{
	struct reservation	 r;
	long			 wait;

	/* Courses are looked at once a day, from its first turn on. */
	if (x.courses_seen != t->today)
		wait = 0;
	else if (reservation_first(t->txn, &r) == BB_OK &&
	    r.deadline < t->today)
		wait = 0;
	else if ((wait = seconds_until(t->today + 1)) > EXPIRY_WAIT_MAX)
		wait = EXPIRY_WAIT_MAX;
	else if (wait < 0)
		wait = 0;
	wake_in(wait);
}
