/* spend: citizen budget -> expense category, against an invoice */

#include "codes.h"
#include "money.h"
#include "journal.h"
#include "ledger.h"
#include "ops.h"
#include "state.h"

static int
spend_refused(struct turn *t, int rc, const struct course *c, int64_t amount,
    int64_t vat, int32_t date)
{
	char	 a[MONEY_BUFSZ], b[MONEY_BUFSZ];

	if (rule_free(rc))
		return rc;
	switch (rc) {
	case BB_INSUFFICIENT_FUNDS:
		return turn_refuse(t, rc, "%s is available, less than %s",
		    money_format(course_available(c), b, sizeof(b)),
		    money_format(amount, a, sizeof(a)));
	case BB_OUTSIDE_WINDOW:
		return turn_window(t, c, date, 1);
	default:
		if (ledger_amount_valid(amount) && (vat < 0 || vat > amount))
			return turn_refuse(t, rc, "the VAT of %s must lie "
			    "between zero and the amount, %s",
			    money_format(vat, b, sizeof(b)),
			    money_format(amount, a, sizeof(a)));
		return turn_amount(t, amount);
	}
}

int
op_spend(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Spend	*m = op->spend;
	PbEntry		 e = BORGERBUDGET__V1__ENTRY__INIT;
	struct course	 c;
	struct pool	 p;
	int32_t		 date;
	int		 rc;

	if ((rc = purchase_texts(t, m->category, m->voucher,
	    N_("a spend needs a voucher (the invoice number)"), m->note)) !=
	    BB_OK)
		return rc;
	if ((rc = turn_value_date(t, m->value_date, &date)) != BB_OK ||
	    (rc = course_for_write(t, m->citizen, &c, &p)) != BB_OK)
		return rc;

	e.op = BORGERBUDGET__V1__ENTRY_OP__SPEND;
	e.citizen = c.citizen;
	e.course = c.number;
	e.pool = p.slug;
	e.category = m->category;
	e.debit = journal_account(t, "expense", m->category, 0);
	e.credit = journal_account(t, "budget", c.citizen, c.number);
	e.amount = m->amount;
	e.vat = m->vat;
	e.voucher = m->voucher;
	e.value_date = turn_date(t, date);
	if ((rc = receipt_named(t, m->receipt_sha256, &e)) != BB_OK)
		return rc;
	if ((rc = entry_append(t, &e, m->note)) != BB_OK)
		return spend_refused(t, rc, &c, m->amount, m->vat, date);
	res->seq = t->first_seq;
	return BB_OK;
}
