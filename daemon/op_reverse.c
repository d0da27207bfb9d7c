/*
 * reverse: a new entry with debit and credit swapped, the same amount and
 * value date, and the reason. The original stays as it was (append-only);
 * the reversals table remembers that it was reversed, once.
 */

#include "codes.h"
#include "journal.h"
#include "ledger.h"
#include "ops.h"
#include "state.h"

/* Undoes the original's effect on the state, under the same rules. */
static int
reverse_effect(struct turn *t, const PbEntry *orig, struct pool *p,
    struct course *c, int *has_course)
{
	int	 rc;

	*has_course = orig->op != BORGERBUDGET__V1__ENTRY_OP__POOL_FUND;
	if (*has_course) {
		if ((rc = state_course_get(t->txn, orig->citizen, orig->course,
		    c)) != BB_OK)
			return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
		if (c->status != COURSE_OPEN)
			return turn_refuse(t, BB_COURSE_CLOSED,
			    "course %u of %s is closed", c->number, c->citizen);
	}
	if ((rc = state_pool_get(t->txn, orig->pool, p)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;

	switch (orig->op) {
	case BORGERBUDGET__V1__ENTRY_OP__POOL_FUND:
		if ((rc = ledger_unfund(p, orig->amount)) != BB_OK)
			return turn_refuse(t, rc, "the pool no longer holds "
			    "the funding: it has been granted");
		return BB_OK;
	case BORGERBUDGET__V1__ENTRY_OP__GRANT:
		if ((rc = ledger_ungrant(p, c, orig->amount, t->today)) ==
		    BB_INSUFFICIENT_FUNDS)
			return turn_refuse(t, rc, "the grant has been spent "
			    "or reserved: the citizen would be overdrawn");
		return rc;
	case BORGERBUDGET__V1__ENTRY_OP__SPEND:
		return ledger_unspend(c, orig->amount, t->today);
	default:
		return turn_refuse(t, BB_BAD_REQUEST, "entry %llu cannot be "
		    "reversed: only funding, grants and spends can",
		    (unsigned long long)orig->seq);
	}
}

int
op_reverse(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Reverse	*m = op->reverse;
	PbEntry		 e = BORGERBUDGET__V1__ENTRY__INIT, *orig = NULL;
	const uint8_t	*leaf;
	struct course	 c;
	struct pool	 p;
	uint64_t	 by;
	size_t		 len;
	int		 rc, has_course;

	if ((rc = text_check(m->reason, TEXT_REQUIRED | TEXT_FREE)) != BB_OK)
		return turn_refuse(t, rc, "a reversal needs a reason");
	if (m->seq == 0 || m->seq >= t->next_seq)
		return turn_refuse(t, BB_NOT_FOUND, "no entry %llu",
		    (unsigned long long)m->seq);
	if ((rc = journal_leaf(t->txn, m->seq, &leaf, &len)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	if ((orig = journal_decode(leaf, len)) == NULL)
		return BB_INTERNAL;
	rc = state_reversal_get(t->txn, m->seq, &by);
	if (rc == BB_OK) {
		rc = turn_refuse(t, BB_ALREADY_REVERSED, "entry %llu was "
		    "reversed by entry %llu", (unsigned long long)m->seq,
		    (unsigned long long)by);
		goto done;
	}
	if (rc != BB_NOT_FOUND ||
	    (rc = reverse_effect(t, orig, &p, &c, &has_course)) != BB_OK)
		goto done;

	e.op = BORGERBUDGET__V1__ENTRY_OP__REVERSE;
	e.citizen = orig->citizen;
	e.course = orig->course;
	e.pool = orig->pool;
	e.category = orig->category;
	e.voucher = orig->voucher;
	e.debit = orig->credit;
	e.credit = orig->debit;
	e.amount = orig->amount;
	e.vat = orig->vat;
	e.value_date = orig->value_date;
	e.note = m->reason;
	e.reverses = orig->seq;
	if ((rc = journal_append(t, &e)) != BB_OK ||
	    (rc = state_reversal_put(t->txn, orig->seq, e.seq)) != BB_OK ||
	    (rc = state_pool_put(t->txn, &p)) != BB_OK ||
	    (has_course && (rc = state_course_put(t->txn, &c)) != BB_OK))
		goto done;
	res->seq = t->first_seq;
done:
	journal_entry_free(orig);
	return rc;
}
