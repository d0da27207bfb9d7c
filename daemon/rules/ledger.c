/*
 * Where every rule of SPEC §3 is enforced. "today" is the calendar date of
 * the entry's recorded time, so a replay of the journal decides exactly as
 * the daemon did when it appended the entry.
 */

#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "ledger.h"
#include "date.h"
#include "wire.h"

/*
 * Every sum over the state is checked: a total that would leave int64 is
 * refused (BB_BAD_REQUEST), never wrapped into a balance that looks right.
 */
static int
add(int64_t a, int64_t b, int64_t *sum)
{
	return __builtin_add_overflow(a, b, sum) ? -1 : 0;
}

static int
sub(int64_t a, int64_t b, int64_t *diff)
{
	return __builtin_sub_overflow(a, b, diff) ? -1 : 0;
}

static int
balance_of(const struct pool *p, int64_t *balance)
{
	int64_t	 b;

	return sub(p->funded, p->granted, &b) == -1 ||
	    add(b, p->returned, balance) == -1 ? -1 : 0;
}

static int
available_of(const struct course *c, int64_t *available)
{
	int64_t	 a;

	return sub(c->granted, c->spent, &a) == -1 ||
	    sub(a, c->reserved, &a) == -1 ||
	    add(a, c->refunded, &a) == -1 ||
	    sub(a, c->returned, available) == -1 ? -1 : 0;
}

/* For display; a state whose balance does not fit (only a corrupt one)
 * shows as INT64_MIN, and every rule refuses on it. */
int64_t
pool_balance(const struct pool *p)
{
	int64_t	 b;

	return balance_of(p, &b) == -1 ? INT64_MIN : b;
}

int64_t
course_available(const struct course *c)
{
	int64_t	 a;

	return available_of(c, &a) == -1 ? INT64_MIN : a;
}

int
ledger_amount_valid(int64_t amount)
{
	return amount > 0 && amount <= LEDGER_AMOUNT_MAX;
}

/* A course takes entries while open and until its end + grace days. */
static int
course_writable(const struct course *c, int32_t today)
{
	if (c->status != COURSE_OPEN)
		return BB_COURSE_CLOSED;
	if (today > c->end + c->grace)
		return BB_OUTSIDE_WINDOW;
	return BB_OK;
}

static int
in_window(const struct course *c, int32_t value_date)
{
	return value_date >= c->start && value_date <= c->end;
}

int
ledger_pool_create(const struct pool *p)
{
	if (p->cap <= 0 || p->cap > LEDGER_CAP_MAX)
		return BB_BAD_REQUEST;
	if (p->months < 1 || p->months > LEDGER_MONTHS_MAX)
		return BB_BAD_REQUEST;
	if (p->grace < 0 || p->grace > LEDGER_GRACE_MAX)
		return BB_BAD_REQUEST;
	if (p->from > p->to)
		return BB_BAD_REQUEST;
	return BB_OK;
}

/* Money counts from the day it arrived: a funding dated in the future
 * would let grants rest on money not yet received. */
int
ledger_fund(struct pool *p, int64_t amount, int32_t value_date,
    int32_t today)
{
	int64_t	 funded, balance;

	if (!ledger_amount_valid(amount) ||
	    add(p->funded, amount, &funded) == -1 ||
	    balance_of(p, &balance) == -1 ||
	    add(balance, amount, &balance) == -1)
		return BB_BAD_REQUEST;
	if (value_date > today)
		return BB_OUTSIDE_WINDOW;
	p->funded = funded;
	return BB_OK;
}

/* Funding can be taken back only while the pool still holds it. */
int
ledger_unfund(struct pool *p, int64_t amount)
{
	int64_t	 balance, funded;

	if (!ledger_amount_valid(amount) || balance_of(p, &balance) == -1)
		return BB_BAD_REQUEST;
	if (balance < amount)
		return BB_POOL_INSUFFICIENT;
	if (sub(p->funded, amount, &funded) == -1)
		return BB_BAD_REQUEST;
	p->funded = funded;
	return BB_OK;
}

/* The last day a course could hold an entry: its close date when it was
 * closed early, its end otherwise. */
int32_t
course_last_day(const struct course *c)
{
	if (c->status == COURSE_CLOSED && c->closed_on < c->end)
		return c->closed_on;
	return c->end;
}

/*
 * Adds to *held what an earlier course of the citizen took of pool's
 * drawing right: granted (net of reversed grants) minus what went back
 * to the pool when it closed; nothing for a course in another pool. The
 * daemon and the replay sum a citizen's courses with it alike.
 */
int
ledger_held_add(int64_t *held, const struct course *c, const char *pool)
{
	int64_t	 took;

	if (strcmp(c->pool, pool) != 0)
		return BB_OK;
	return sub(c->granted, c->returned, &took) == -1 ||
	    add(*held, took, held) == -1 ? BB_BAD_REQUEST : BB_OK;
}

/*
 * Course number prev+1 for a citizen, prev being the citizen's latest
 * course. At most one open course per citizen, and courses never
 * overlap: the new one starts after prev's last day. The whole window
 * inside the pool's; opened (even back-dated) only while the course could
 * still take entries. held is what the citizen's earlier courses in this
 * pool hold of the drawing right (summed by ledger_held_add; they are closed,
 * so it no longer changes): the drawing right is the citizen's, so the
 * new course's cap is what is left of the pool's cap, and a citizen with
 * nothing left gets no new course.
 */
int
ledger_course_open(struct pool *p, const struct course *prev,
    struct course *c, const char *citizen, int32_t start, int32_t today,
    int64_t held)
{
	int32_t	 end;

	if (prev && prev->status == COURSE_OPEN)
		return BB_ALREADY_EXISTS;
	if (prev && start <= course_last_day(prev))
		return BB_OUTSIDE_WINDOW;
	end = date_course_end(start, p->months);
	if (start < p->from || end > p->to)
		return BB_OUTSIDE_WINDOW;
	if (today > end + p->grace)
		return BB_OUTSIDE_WINDOW;
	if (held < 0 || held >= p->cap)
		return BB_CAP_EXCEEDED;
	memset(c, 0, sizeof(*c));
	snprintf(c->citizen, sizeof(c->citizen), "%s", citizen);
	snprintf(c->pool, sizeof(c->pool), "%s", p->slug);
	c->number = prev ? prev->number + 1 : 1;
	c->status = COURSE_OPEN;
	c->start = start;
	c->end = end;
	c->grace = p->grace;
	c->cap = p->cap - held;
	c->closed_on = DATE_NONE;
	p->courses_open++;
	return BB_OK;
}

int
ledger_grant(struct pool *p, struct course *c, int64_t amount,
    int32_t value_date, int32_t today)
{
	int64_t	 room, balance, course_granted, pool_granted;
	int	 code;

	if (!ledger_amount_valid(amount))
		return BB_BAD_REQUEST;
	if ((code = course_writable(c, today)) != BB_OK)
		return code;
	if (!in_window(c, value_date))
		return BB_OUTSIDE_WINDOW;
	if (sub(c->cap, c->granted, &room) == -1 ||
	    balance_of(p, &balance) == -1)
		return BB_BAD_REQUEST;
	if (amount > room)
		return BB_CAP_EXCEEDED;
	if (amount > balance)
		return BB_POOL_INSUFFICIENT;
	if (add(c->granted, amount, &course_granted) == -1 ||
	    add(p->granted, amount, &pool_granted) == -1)
		return BB_BAD_REQUEST;
	c->granted = course_granted;
	p->granted = pool_granted;
	return BB_OK;
}

/* Taking a grant back must not leave the citizen overdrawn. */
int
ledger_ungrant(struct pool *p, struct course *c, int64_t amount,
    int32_t today)
{
	int64_t	 available, course_granted, pool_granted;
	int	 code;

	if (!ledger_amount_valid(amount))
		return BB_BAD_REQUEST;
	if ((code = course_writable(c, today)) != BB_OK)
		return code;
	if (available_of(c, &available) == -1)
		return BB_BAD_REQUEST;
	if (amount > available)
		return BB_INSUFFICIENT_FUNDS;
	if (sub(c->granted, amount, &course_granted) == -1 ||
	    sub(p->granted, amount, &pool_granted) == -1)
		return BB_BAD_REQUEST;
	c->granted = course_granted;
	p->granted = pool_granted;
	return BB_OK;
}

int
ledger_spend(struct course *c, int64_t amount, int64_t vat,
    int32_t value_date, int32_t today)
{
	int64_t	 available, spent;
	int	 code;

	if (!ledger_amount_valid(amount) || vat < 0 || vat > amount)
		return BB_BAD_REQUEST;
	if ((code = course_writable(c, today)) != BB_OK)
		return code;
	if (!in_window(c, value_date) || value_date > today)
		return BB_OUTSIDE_WINDOW;
	if (available_of(c, &available) == -1)
		return BB_BAD_REQUEST;
	if (amount > available)
		return BB_INSUFFICIENT_FUNDS;
	if (add(c->spent, amount, &spent) == -1)
		return BB_BAD_REQUEST;
	c->spent = spent;
	return BB_OK;
}

int
ledger_unspend(struct course *c, int64_t amount, int32_t today)
{
	int	 code;

	if ((code = course_writable(c, today)) != BB_OK)
		return code;
	if (!ledger_amount_valid(amount) || amount > c->spent)
		return BB_BAD_REQUEST;
	c->spent -= amount;	/* 0 < amount <= spent: no overflow */
	return BB_OK;
}

/*
 * Two-phase purchase. A reservation takes the amount out of the available
 * budget at once (value date: the day it is made); its capture turns at
 * most that amount into a spend, under a spend's window rules; a release
 * gives the rest back. Which reservation is still open is the caller's
 * bookkeeping: these functions keep the course's totals.
 */
int
ledger_reserve(struct course *c, int64_t amount, int32_t today)
{
	int64_t	 available, reserved;
	int	 code;

	if (!ledger_amount_valid(amount))
		return BB_BAD_REQUEST;
	if ((code = course_writable(c, today)) != BB_OK)
		return code;
	if (!in_window(c, today))
		return BB_OUTSIDE_WINDOW;
	if (available_of(c, &available) == -1)
		return BB_BAD_REQUEST;
	if (amount > available)
		return BB_INSUFFICIENT_FUNDS;
	if (add(c->reserved, amount, &reserved) == -1)
		return BB_BAD_REQUEST;
	c->reserved = reserved;
	return BB_OK;
}

/* Captures amount of a reservation holding held: the rest is released
 * separately, in the same group of entries. */
int
ledger_capture(struct course *c, int64_t held, int64_t amount,
    int32_t value_date, int32_t today)
{
	int64_t	 spent;
	int	 code;

	if (!ledger_amount_valid(amount) || amount > held || held > c->reserved)
		return BB_BAD_REQUEST;
	if ((code = course_writable(c, today)) != BB_OK)
		return code;
	if (!in_window(c, value_date) || value_date > today)
		return BB_OUTSIDE_WINDOW;
	if (add(c->spent, amount, &spent) == -1)
		return BB_BAD_REQUEST;
	c->reserved -= amount;	/* 0 < amount <= held <= reserved */
	c->spent = spent;
	return BB_OK;
}

/* A release is allowed whenever the course is open, also after end + grace:
 * that is when reservations expire. */
int
ledger_release(struct course *c, int64_t amount)
{
	if (c->status != COURSE_OPEN)
		return BB_COURSE_CLOSED;
	if (!ledger_amount_valid(amount) || amount > c->reserved)
		return BB_BAD_REQUEST;
	c->reserved -= amount;	/* 0 < amount <= reserved */
	return BB_OK;
}

/*
 * What was spent in a category on a course, net of reversed spends and of
 * refunds, bounds a refund: a supplier cannot give back more than it got.
 */
int
ledger_category_take(int64_t *spent, int64_t amount)
{
	if (!ledger_amount_valid(amount) || amount > *spent)
		return BB_BAD_REQUEST;
	*spent -= amount;	/* 0 < amount <= spent */
	return BB_OK;
}

/* A spend or capture adds to its category's net spending. */
int
ledger_category_add(int64_t *spent, int64_t amount)
{
	int64_t	 sum;

	if (!ledger_amount_valid(amount) || add(*spent, amount, &sum) == -1)
		return BB_BAD_REQUEST;
	*spent = sum;
	return BB_OK;
}

int
ledger_refund(struct course *c, int64_t *category_spent, int64_t amount,
    int32_t value_date, int32_t today)
{
	int64_t	 refunded;
	int	 code;

	if (!ledger_amount_valid(amount))
		return BB_BAD_REQUEST;
	if ((code = course_writable(c, today)) != BB_OK)
		return code;
	if (!in_window(c, value_date) || value_date > today)
		return BB_OUTSIDE_WINDOW;
	if (add(c->refunded, amount, &refunded) == -1)
		return BB_BAD_REQUEST;
	if ((code = ledger_category_take(category_spent, amount)) != BB_OK)
		return code;
	c->refunded = refunded;
	return BB_OK;
}

/*
 * A supplier's refund after the course closed: the money goes back to
 * the pool, as the course's remainder did at the close (so the drawing
 * right the course held shrinks by it, ledger_held_add), bounded by what
 * the course spent net in the category. It arrives from the close date
 * on, never after today.
 */
int
ledger_refund_closed(struct pool *p, struct course *c,
    int64_t *category_spent, int64_t amount, int32_t value_date,
    int32_t today)
{
	int64_t	 refunded, course_returned, pool_returned;
	int	 code;

	if (!ledger_amount_valid(amount) || c->status != COURSE_CLOSED)
		return BB_BAD_REQUEST;
	if (value_date < c->closed_on || value_date > today)
		return BB_OUTSIDE_WINDOW;
	if (add(c->refunded, amount, &refunded) == -1 ||
	    add(c->returned, amount, &course_returned) == -1 ||
	    add(p->returned, amount, &pool_returned) == -1)
		return BB_BAD_REQUEST;
	if ((code = ledger_category_take(category_spent, amount)) != BB_OK)
		return code;
	c->refunded = refunded;
	c->returned = course_returned;
	p->returned = pool_returned;
	return BB_OK;
}

/* Taking a refund back: the citizen must not be left overdrawn. */
int
ledger_unrefund(struct course *c, int64_t *category_spent, int64_t amount,
    int32_t today)
{
	int	 code;

	if ((code = course_writable(c, today)) != BB_OK)
		return code;
	int64_t	 available, spent;

	if (!ledger_amount_valid(amount) || amount > c->refunded ||
	    available_of(c, &available) == -1)
		return BB_BAD_REQUEST;
	if (amount > available)
		return BB_INSUFFICIENT_FUNDS;
	if (add(*category_spent, amount, &spent) == -1)
		return BB_BAD_REQUEST;
	c->refunded -= amount;	/* 0 < amount <= refunded */
	*category_spent = spent;
	return BB_OK;
}

/*
 * A reversal belongs to the role that may make the original (SPEC §5):
 * funding is accounting's, every entry on a course a caseworker's; admin
 * may do both. Roles by the names the journal records them under, so the
 * replay asks the same question of each reversal's actor.
 */
int
ledger_reverse_role(const char *role, int funding)
{
	if (role == NULL)
		return BB_PERMISSION_DENIED;
	if (strcmp(role, "admin") == 0 ||
	    strcmp(role, funding ? "accounting" : "caseworker") == 0)
		return BB_OK;
	return BB_PERMISSION_DENIED;
}

/*
 * Which entries on a course date it, for the close: every one but a
 * release, which gives back what a reservation (itself dating the course)
 * held on the day it is made, also by the close's own group or by expiry.
 */
int
ledger_dates_course(int op)
{
	return op != BORGERBUDGET__V1__ENTRY_OP__RELEASE;
}

/*
 * Ends a course: what the citizen has not used goes back to the pool.
 * Allowed at any time, also after end + grace, when nothing else is. The
 * close date lies between the start and today, and not before dated, the
 * latest value date of an entry dating the course (ledger_dates_course):
 * a closed course holds nothing after its close. Open reservations must
 * have been released first, in the same group.
 */
int
ledger_course_close(struct pool *p, struct course *c, int reason,
    int32_t date, int32_t today, int32_t dated, int64_t *remainder)
{
	int64_t	 course_returned, pool_returned;

	if (c->status != COURSE_OPEN)
		return BB_COURSE_CLOSED;
	if (reason < CLOSE_ENDED || reason > CLOSE_WITHDRAWN)
		return BB_BAD_REQUEST;
	if (date < c->start || date > today || date < dated)
		return BB_OUTSIDE_WINDOW;
	if (c->reserved != 0)
		return BB_BAD_REQUEST;
	if (available_of(c, remainder) == -1 ||
	    add(c->returned, *remainder, &course_returned) == -1 ||
	    add(p->returned, *remainder, &pool_returned) == -1)
		return BB_BAD_REQUEST;
	c->returned = course_returned;
	p->returned = pool_returned;
	c->status = COURSE_CLOSED;
	c->close_reason = reason;
	c->closed_on = date;
	p->courses_open--;
	p->courses_closed++;
	return BB_OK;
}

static const char *const reasons[] = {
	[CLOSE_ENDED] = "ended",
	[CLOSE_MOVED] = "moved",
	[CLOSE_WITHDRAWN] = "withdrawn",
};

int
close_reason_parse(const char *s)
{
	for (int i = CLOSE_ENDED; i <= CLOSE_WITHDRAWN; i++)
		if (strcmp(s, reasons[i]) == 0)
			return i;
	return CLOSE_NONE;
}

const char *
close_reason_name(int reason)
{
	if (reason < CLOSE_ENDED || reason > CLOSE_WITHDRAWN)
		return "";
	return reasons[reason];
}
