/* course open, course show, course close */

#include <string.h>

#include "arena.h"
#include "codes.h"
#include "date.h"
#include "journal.h"
#include "ledger.h"
#include "log.h"
#include "money.h"
#include "ops.h"
#include "state.h"

PbCourseInfo *
course_info(struct turn *t, const struct course *c)
{
	PbCourseInfo	*ci = arena_alloc(t->arena, sizeof(*ci));

	borgerbudget__v1__course_info__init(ci);
	ci->citizen = arena_strdup(t->arena, c->citizen);
	ci->course = c->number;
	ci->pool = arena_strdup(t->arena, c->pool);
	ci->status = c->status == COURSE_OPEN ? "open" : "closed";
	ci->start = turn_date(t, c->start);
	ci->end = turn_date(t, c->end);
	ci->cap = c->cap;
	ci->granted = c->granted;
	ci->reserved = c->reserved;
	ci->spent = c->spent;
	ci->available = course_available(c);
	ci->refunded = c->refunded;
	ci->returned = c->returned;
	ci->grace_days = (uint32_t)c->grace;
	ci->close_reason = (char *)close_reason_name(c->close_reason);
	ci->closed_on = c->status == COURSE_CLOSED ?
	    turn_date(t, c->closed_on) : "";
	return ci;
}

int
op_course_open(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__CourseOpen	*m = op->course_open;
	PbEntry		 open = BORGERBUDGET__V1__ENTRY__INIT;
	PbEntry		 grant = BORGERBUDGET__V1__ENTRY__INIT;
	struct course	 prev, c;
	struct pool	 p, probe;
	char		 a[MONEY_BUFSZ], b[MONEY_BUFSZ], d[MONEY_BUFSZ];
	int64_t		 held;
	int32_t		 start;
	int		 rc, has_prev;

	if ((rc = citizen_valid(t, m->citizen)) != BB_OK)
		return rc;
	if (m->grant < 0)
		return turn_refuse(t, BB_BAD_REQUEST, "negative grant");
	if ((rc = turn_value_date(t, m->start, &start)) != BB_OK)
		return rc;
	if ((rc = pool_valid(t, m->pool)) != BB_OK)
		return rc;
	if ((rc = state_pool_get(t->txn, m->pool, &p)) != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "no pool named %s", m->pool) : rc;
	rc = state_course_latest(t->txn, m->citizen, &prev);
	if (rc != BB_OK && rc != BB_NOT_FOUND)
		return rc;
	has_prev = rc == BB_OK;

	if (has_prev && prev.status == COURSE_OPEN)
		return turn_refuse(t, BB_ALREADY_EXISTS,
		    "%s already has course %u open", m->citizen, prev.number);
	/* The rules derive the course; the entries below propose it. */
	probe = p;
	rc = rules_course_next(&t->rules, t->txn, &probe, m->citizen, start,
	    t->today, &c, &held);
	if (rule_free(rc)) {
		log_warnx("course open for %s: %s", m->citizen, t->rules.why);
		return rc;
	}
	if (rc == BB_CAP_EXCEEDED)
		return turn_refuse(t, rc, "the drawing right in pool %s is %s "
		    "per citizen, and %s already holds %s of it", p.slug,
		    money_format(p.cap, a, sizeof(a)), m->citizen,
		    money_format(held, b, sizeof(b)));
	if (rc != BB_OK && has_prev && start <= course_last_day(&prev))
		return turn_refuse(t, rc, "courses of a citizen never overlap: "
		    "the new course must start after %s, the last day of "
		    "course %u of %s", turn_date(t, course_last_day(&prev)),
		    prev.number, m->citizen);
	if (rc != BB_OK)
		return turn_refuse(t, rc, "a course of %d months from %s must "
		    "lie inside the pool's window and end + %d grace days must "
		    "not have passed", p.months, m->start, p.grace);
	/* The initial grant is checked before anything is appended: the
	 * course and its grant are one atomic group of entries. */
	if (m->grant > 0 && (rc = ledger_grant(&probe, &c, m->grant, start,
	    t->today)) != BB_OK) {
		if (rc == BB_CAP_EXCEEDED)
			return turn_refuse(t, rc, "an initial grant of %s would "
			    "exceed the drawing right in pool %s of %s per "
			    "citizen: %s already holds %s of it", money_format(
			    m->grant, d, sizeof(d)), p.slug, money_format(p.cap,
			    a, sizeof(a)), m->citizen, money_format(held, b,
			    sizeof(b)));
		return turn_refuse(t, rc, "the initial grant is refused");
	}

	open.op = BORGERBUDGET__V1__ENTRY_OP__COURSE_OPEN;
	open.citizen = c.citizen;
	open.course = c.number;
	open.pool = p.slug;
	open.value_date = turn_date(t, c.start);
	open.course_end = turn_date(t, c.end);
	open.course_cap = c.cap;
	open.grace_days = (uint32_t)c.grace;
	if ((rc = journal_append(t, &open)) != BB_OK)
		return rc;
	if (m->grant > 0) {
		grant.op = BORGERBUDGET__V1__ENTRY_OP__GRANT;
		grant.citizen = c.citizen;
		grant.course = c.number;
		grant.pool = p.slug;
		grant.debit = journal_account(t, "budget", c.citizen, c.number);
		grant.credit = journal_account(t, "pool", p.slug, 0);
		grant.amount = m->grant;
		grant.value_date = open.value_date;
		if ((rc = journal_append(t, &grant)) != BB_OK)
			return rc;
	}
	res->seq = t->first_seq;
	res->course = c.number;
	return BB_OK;
}

int
op_course_show(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__CourseShow	*m = op->course_show;
	struct course	 c;
	int		 rc;

	if ((rc = citizen_valid(t, m->citizen)) != BB_OK)
		return rc;
	if (m->course)
		rc = state_course_get(t->txn, m->citizen, m->course, &c);
	else
		rc = state_course_latest(t->txn, m->citizen, &c);
	if (rc != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "no such course for %s", m->citizen) : rc;
	res->course_info = course_info(t, &c);
	return BB_OK;
}

int
op_course_close(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__CourseClose	*m = op->course_close;
	struct course		 c;
	struct pool		 p;
	int32_t			 date, dated;
	int			 rc, reason;

	if ((reason = close_reason_parse(m->reason)) == CLOSE_NONE)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "the reason is one of ended, moved, withdrawn");
	if ((rc = turn_value_date(t, m->date, &date)) != BB_OK)
		return rc;
	if ((rc = course_for_write(t, m->citizen, &c, &p)) != BB_OK)
		return rc;
	rc = course_close_group(t, &c, &p, reason, date, &dated);
	if (rc == BB_OUTSIDE_WINDOW && date >= c.start && date <= t->today)
		return turn_refuse(t, rc, "course %u of %s holds an entry "
		    "dated %s: the close date cannot lie before it", c.number,
		    c.citizen, turn_date(t, dated));
	if (rc == BB_OUTSIDE_WINDOW)
		return turn_refuse(t, rc, "the close date must lie between the "
		    "course's start %s and today %s", turn_date(t, c.start),
		    turn_date(t, t->today));
	if (rc != BB_OK)
		return rc;
	res->seq = t->first_seq;
	res->course = c.number;
	return BB_OK;
}
