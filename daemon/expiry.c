#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <sodium.h>

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

/* Entries of the daemon carry an id derived from what they release, so
 * the same expiry can never be recorded under two ids. */
static void
expiry_id(uint64_t seq, uint8_t id[16])
{
	uint8_t	 in[8 + 7], hash[32];

	memcpy(in, "expired", 7);
	be64_put(in + 7, seq);
	crypto_hash_sha256(hash, in, sizeof(in));
	memcpy(id, hash, 16);
}

static int
expire_one(struct turn *t, const struct reservation *r)
{
	struct course	 c;
	uint8_t		 id[16];
	int		 rc;

	if ((rc = state_course_get(t->txn, r->citizen, r->course, &c)) !=
	    BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	expiry_id(r->seq, id);
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

	if (reservation_first(t->txn, &r) != BB_OK) {
		evtimer_del(x.timer);
		return;
	}
	if (r.deadline < t->today)
		wait = 0;
	else if ((wait = seconds_until(r.deadline + 1)) > EXPIRY_WAIT_MAX)
		wait = EXPIRY_WAIT_MAX;
	else if (wait < 0)
		wait = 0;
	wake_in(wait);
}
