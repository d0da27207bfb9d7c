/* refund: a supplier pays back; expense category -> the citizen's budget */

#include "codes.h"
#include "journal.h"
#include "ledger.h"
#include "money.h"
#include "ops.h"
#include "state.h"

static int
refund_refused(struct turn *t, int rc, const struct course *c,
    const char *category, int64_t amount, int32_t date)
{
	char	 a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	int64_t	 spent;

	if (rule_free(rc))
		return rc;
	if (rc == BB_OUTSIDE_WINDOW && c->status == COURSE_CLOSED)
		return turn_refuse(t, rc, "course %u of %s closed on %s: a "
		    "refund after it is dated from then to today, %s",
		    c->number, c->citizen, turn_date(t, c->closed_on),
		    turn_date(t, t->today));
	if (rc == BB_OUTSIDE_WINDOW)
		return turn_window(t, c, date, 1);
	if (category_spent_get(t->txn, c, category, &spent) != BB_OK ||
	    !ledger_amount_valid(amount) || amount <= spent)
		return turn_amount(t, amount);
	return turn_refuse(t, rc, "a refund of %s is more than the %s spent "
	    "on %s in course %u", money_format(amount, a, sizeof(a)),
	    money_format(spent, b, sizeof(b)), category, c->number);
}

int
op_refund(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Refund	*m = op->refund;
	PbEntry		 e = BORGERBUDGET__V1__ENTRY__INIT;
	struct course	 c;
	int32_t		 date;
	int		 rc;

	if ((rc = purchase_texts(t, m->category, m->voucher,
	    N_("a refund needs a voucher (the credit note's number)"),
	    m->note)) != BB_OK)
		return rc;
	if ((rc = turn_value_date(t, m->value_date, &date)) != BB_OK ||
	    (rc = citizen_valid(t, m->citizen)) != BB_OK)
		return rc;
	/* The latest course: open, or closed and the money goes to the
	 * pool (SPEC §3). */
	if ((rc = state_course_latest(t->txn, m->citizen, &c)) != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "citizen %s has no course", m->citizen) : rc;

	e.op = BORGERBUDGET__V1__ENTRY_OP__REFUND;
	e.citizen = c.citizen;
	e.course = c.number;
	e.pool = c.pool;
	e.category = m->category;
	e.debit = c.status == COURSE_OPEN ?
	    journal_account(t, "budget", c.citizen, c.number) :
	    journal_account(t, "pool", c.pool, 0);
	e.credit = journal_account(t, "expense", m->category, 0);
	e.amount = m->amount;
	e.voucher = m->voucher;
	e.value_date = turn_date(t, date);
	if ((rc = receipt_named(t, m->receipt_sha256, &e)) != BB_OK)
		return rc;
	if ((rc = entry_append(t, &e, m->note)) != BB_OK)
		return refund_refused(t, rc, &c, m->category, m->amount, date);
	res->seq = t->first_seq;
	return BB_OK;
}
