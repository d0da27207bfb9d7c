/*
 * reserve, capture, release: a purchase approved before its invoice comes.
 * RESERVE moves the amount from the citizen's budget to reserved:; CAPTURE
 * moves at most that amount on to the expense category with the invoice;
 * RELEASE gives back what was not captured. Each reservation is captured
 * or released once: the reservations table holds only open ones.
 */

#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "journal.h"
#include "ledger.h"
#include "money.h"
#include "ops.h"
#include "state.h"

static int
reserve_refused(struct turn *t, int rc, const struct course *c,
    int64_t amount)
{
	char	 a[MONEY_BUFSZ], b[MONEY_BUFSZ];

	switch (rc) {
	case BB_INSUFFICIENT_FUNDS:
		return turn_refuse(t, rc, "%s is available, less than %s",
		    money_format(course_available(c), b, sizeof(b)),
		    money_format(amount, a, sizeof(a)));
	case BB_OUTSIDE_WINDOW:
		/* A reservation's value date is the day it is made. */
		return turn_window(t, c, t->today, 0);
	default:
		return rule_free(rc) ? rc : turn_amount(t, amount);
	}
}

int
op_reserve(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Reserve	*m = op->reserve;
	PbEntry			 e = BORGERBUDGET__V1__ENTRY__INIT;
	struct course		 c;
	struct pool		 p;
	int			 rc;

	if ((rc = purchase_texts(t, m->category, NULL, NULL,
	    m->note)) != BB_OK)
		return rc;
	if ((rc = course_for_write(t, m->citizen, &c, &p)) != BB_OK)
		return rc;

	e.op = BORGERBUDGET__V1__ENTRY_OP__RESERVE;
	e.citizen = c.citizen;
	e.course = c.number;
	e.pool = p.slug;
	e.category = m->category;
	e.debit = journal_account(t, "reserved", c.citizen, c.number);
	e.credit = journal_account(t, "budget", c.citizen, c.number);
	e.amount = m->amount;
	e.value_date = turn_date(t, t->today);
	if ((rc = entry_append(t, &e, m->note)) != BB_OK)
		return reserve_refused(t, rc, &c, m->amount);
	res->seq = t->first_seq;
	return BB_OK;
}

/* The open reservation seq names, and its course. */
static int
reservation_find(struct turn *t, uint64_t seq, struct reservation *r,
    struct course *c)
{
	PbEntry		*e;
	const uint8_t	*leaf;
	size_t		 len;
	int		 rc, reserve;

	if (seq == 0 || seq >= t->next_seq)
		return turn_refuse(t, BB_NOT_FOUND, "no entry %llu",
		    (unsigned long long)seq);
	if ((rc = entry_leaf(t->txn, seq, &leaf, &len)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	if ((e = entry_decode(leaf, len)) == NULL)
		return BB_INTERNAL;
	reserve = e->op == BORGERBUDGET__V1__ENTRY_OP__RESERVE;
	if (reserve)
		rc = state_course_get(t->txn, e->citizen, e->course, c);
	entry_free(e);
	if (!reserve)
		return turn_refuse(t, BB_NOT_FOUND, "entry %llu is not a "
		    "reservation", (unsigned long long)seq);
	if (rc != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	if ((rc = reservation_get(t->txn, c, seq, r)) == BB_NOT_FOUND)
		return turn_refuse(t, BB_RESERVATION_CLOSED, "reservation "
		    "%llu was captured, released or has expired",
		    (unsigned long long)seq);
	return rc;
}

int
op_capture(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Capture	*m = op->capture;
	PbEntry			 e = BORGERBUDGET__V1__ENTRY__INIT;
	struct reservation	 r;
	struct course		 c;
	char			 a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	int64_t			 amount;
	int32_t			 date;
	int			 rc;

	if ((rc = purchase_texts(t, NULL, m->voucher,
	    N_("a capture needs a voucher (the invoice number)"), NULL)) !=
	    BB_OK)
		return rc;
	if ((rc = turn_value_date(t, m->value_date, &date)) != BB_OK ||
	    (rc = reservation_find(t, m->seq, &r, &c)) != BB_OK)
		return rc;
	/* Without an amount, all of it; an amount given is held to the
	 * rules like any other, so 0 is refused, not read as "all". */
	amount = m->given_case == BORGERBUDGET__V1__CAPTURE__GIVEN_AMOUNT ?
	    m->amount : r.amount;
	e.op = BORGERBUDGET__V1__ENTRY_OP__CAPTURE;
	e.citizen = c.citizen;
	e.course = c.number;
	e.pool = c.pool;
	e.category = r.category;
	e.debit = journal_account(t, "expense", r.category, 0);
	e.credit = journal_account(t, "reserved", c.citizen, c.number);
	e.amount = amount;
	e.voucher = m->voucher;
	e.value_date = turn_date(t, date);
	e.reservation = r.seq;
	if ((rc = receipt_named(t, m->receipt_sha256, &e)) != BB_OK)
		return rc;
	switch ((rc = entry_append(t, &e, NULL))) {
	case BB_OK:
		break;
	case BB_OUTSIDE_WINDOW:
		return turn_window(t, &c, date, 1);
	case BB_BAD_REQUEST:
		if (!ledger_amount_valid(amount) || amount <= r.amount)
			return turn_amount(t, amount);
		return turn_refuse(t, rc, "a capture of %s is more than the "
		    "%s reserved", money_format(amount, a, sizeof(a)),
		    money_format(r.amount, b, sizeof(b)));
	case BB_COURSE_CLOSED:
		return turn_refuse(t, rc, "course %u of %s is closed: the "
		    "reservation cannot be captured", c.number, c.citizen);
	default:
		return rc;
	}
	/* What the invoice did not use goes back in the same group. */
	if (amount < r.amount && (rc = reservation_release(t, &c, &r,
	    r.amount - amount, "rest after capture")) != BB_OK)
		return rc;
	res->seq = t->first_seq;
	return BB_OK;
}

int
op_release(struct turn *t, const PbOp *op, PbResult *res)
{
	struct reservation	 r;
	struct course		 c;
	int			 rc;

	if ((rc = reservation_find(t, op->release->seq, &r, &c)) != BB_OK)
		return rc;
	if ((rc = reservation_release(t, &c, &r, r.amount, "released")) !=
	    BB_OK)
		return rc == BB_COURSE_CLOSED ? turn_refuse(t, rc,
		    "course %u of %s is closed", c.number, c.citizen) : rc;
	res->seq = t->first_seq;
	return BB_OK;
}
