/* grant: pool -> citizen budget */

#include "codes.h"
#include "money.h"
#include "journal.h"
#include "ledger.h"
#include "ops.h"
#include "state.h"

static int
grant_refused(struct turn *t, int rc, const struct pool *p,
    const struct course *c, int64_t amount, int32_t date)
{
	char	 a[MONEY_BUFSZ], b[MONEY_BUFSZ], d[MONEY_BUFSZ];

	if (rule_free(rc))
		return rc;
	money_format(amount, a, sizeof(a));
	switch (rc) {
	case BB_CAP_EXCEEDED:
		return turn_refuse(t, rc, "a grant of %s would exceed the "
		    "course cap of %s; %s is granted already", a,
		    money_format(c->cap, b, sizeof(b)),
		    money_format(c->granted, d, sizeof(d)));
	case BB_POOL_INSUFFICIENT:
		return turn_refuse(t, rc, "pool %s holds %s, less than the "
		    "grant of %s", p->slug,
		    money_format(pool_balance(p), b, sizeof(b)), a);
	case BB_OUTSIDE_WINDOW:
		return turn_window(t, c, date, 0);
	default:
		return turn_amount(t, amount);
	}
}

int
op_grant(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Grant	*m = op->grant;
	PbEntry		 e = BORGERBUDGET__V1__ENTRY__INIT;
	struct course	 c;
	struct pool	 p;
	int32_t		 date;
	int		 rc;

	if ((rc = turn_text(t, N_("the note"), m->note, TEXT_FREE)) !=
	    BB_OK)
		return rc;
	if ((rc = turn_value_date(t, m->value_date, &date)) != BB_OK ||
	    (rc = course_for_write(t, m->citizen, &c, &p)) != BB_OK)
		return rc;
	e.op = BORGERBUDGET__V1__ENTRY_OP__GRANT;
	e.citizen = c.citizen;
	e.course = c.number;
	e.pool = p.slug;
	e.debit = journal_account(t, "budget", c.citizen, c.number);
	e.credit = journal_account(t, "pool", p.slug, 0);
	e.amount = m->amount;
	e.value_date = turn_date(t, date);
	if ((rc = entry_append(t, &e, m->note)) != BB_OK)
		return grant_refused(t, rc, &p, &c, m->amount, date);
	res->seq = t->first_seq;
	return BB_OK;
}
