/*
 * reverse: a new entry with debit and credit swapped, the same amount and
 * value date, and the reason. The original stays as it was (append-only);
 * the reversals table remembers that it was reversed, once.
 */

#include <ctype.h>
#include <stdio.h>

#include "codes.h"
#include "config.h"
#include "journal.h"
#include "ledger.h"
#include "money.h"
#include "ops.h"
#include "state.h"

/* A rule's refusal of a reversal that has no words of its own. */
static int
reverse_refused(struct turn *t, int rc, const struct course *c,
    const PbEntry *orig)
{
	switch (rc) {
	case BB_OUTSIDE_WINDOW:
		return turn_window(t, c, c->start, 0);
	case BB_BAD_REQUEST:
		if (!ledger_amount_valid(orig->amount))
			return turn_amount(t, orig->amount);
		return turn_refuse(t, rc, "reversing entry %llu would take a "
		    "total of course %u below zero or past its range",
		    (unsigned long long)orig->seq, c->number);
	default:
		return rc;
	}
}

/* A spend or refund moves money in or out of a category's net spending. */
static int
reverse_category(struct turn *t, const PbEntry *orig, struct course *c)
{
	char	 a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	int64_t	 spent;
	int	 rc;

	if ((rc = category_spent_get(t->txn, c, orig->category, &spent)) !=
	    BB_OK)
		return rc;
	money_format(orig->amount, a, sizeof(a));
	if (orig->op == BORGERBUDGET__V1__ENTRY_OP__SPEND) {
		if ((rc = ledger_unspend(c, orig->amount, t->today)) != BB_OK)
			return reverse_refused(t, rc, c, orig);
		if (ledger_category_take(&spent, orig->amount) != BB_OK)
			return turn_refuse(t, BB_BAD_REQUEST, "the supplier "
			    "has refunded part of it: %s is spent on %s net, "
			    "less than the spend of %s; reverse the refund "
			    "first", money_format(spent, b, sizeof(b)),
			    orig->category, a);
	} else if ((rc = ledger_unrefund(c, &spent, orig->amount,
	    t->today)) != BB_OK) {
		return rc == BB_INSUFFICIENT_FUNDS ? turn_refuse(t, rc,
		    "the refund has been used: %s is available, less than "
		    "the refund of %s", money_format(course_available(c), b,
		    sizeof(b)), a) : reverse_refused(t, rc, c, orig);
	}
	return category_spent_put(t->txn, c, orig->category, spent);
}

/* Undoes the original's effect on the state, under the same rules. */
static int
reverse_effect(struct turn *t, const PbEntry *orig, struct pool *p,
    struct course *c, int *has_course)
{
	char	 a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	int	 rc;

	switch (orig->op) {
	case BORGERBUDGET__V1__ENTRY_OP__POOL_FUND:
	case BORGERBUDGET__V1__ENTRY_OP__GRANT:
	case BORGERBUDGET__V1__ENTRY_OP__SPEND:
	case BORGERBUDGET__V1__ENTRY_OP__REFUND:
		break;
	case BORGERBUDGET__V1__ENTRY_OP__RESERVE:
	case BORGERBUDGET__V1__ENTRY_OP__CAPTURE:
	case BORGERBUDGET__V1__ENTRY_OP__RELEASE:
		return turn_refuse(t, BB_BAD_REQUEST, "entry %llu is part of a "
		    "reservation: release it, or refund what was captured",
		    (unsigned long long)orig->seq);
	default:
		return turn_refuse(t, BB_BAD_REQUEST, "entry %llu cannot be "
		    "reversed: only funding, grants, spends and refunds can",
		    (unsigned long long)orig->seq);
	}
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

	money_format(orig->amount, a, sizeof(a));
	switch (orig->op) {
	case BORGERBUDGET__V1__ENTRY_OP__POOL_FUND:
		if ((rc = ledger_unfund(p, orig->amount)) ==
		    BB_POOL_INSUFFICIENT)
			return turn_refuse(t, rc, "the pool no longer holds "
			    "the funding: pool %s holds %s, less than the %s "
			    "of entry %llu", p->slug, money_format(
			    pool_balance(p), b, sizeof(b)), a,
			    (unsigned long long)orig->seq);
		return rc == BB_OK ? rc : turn_amount(t, orig->amount);
	case BORGERBUDGET__V1__ENTRY_OP__GRANT:
		if ((rc = ledger_ungrant(p, c, orig->amount, t->today)) ==
		    BB_INSUFFICIENT_FUNDS)
			return turn_refuse(t, rc, "the grant has been spent "
			    "or reserved: %s is available, less than the "
			    "grant of %s", money_format(course_available(c), b,
			    sizeof(b)), a);
		return rc == BB_OK ? rc : reverse_refused(t, rc, c, orig);
	default:
		return reverse_category(t, orig, c);
	}
}

/* Only the role that may make the original may reverse it. */
static int
reverse_allowed(struct turn *t, const PbEntry *orig)
{
	const ProtobufCEnumValue	*v;
	const char			*role = role_name(t->actor->role);
	char				 name[32];
	size_t				 i;
	int				 funding, rc;

	funding = orig->op == BORGERBUDGET__V1__ENTRY_OP__POOL_FUND;
	if ((rc = ledger_reverse_role(role, funding)) == BB_OK)
		return BB_OK;
	v = protobuf_c_enum_descriptor_get_value(
	    &borgerbudget__v1__entry_op__descriptor, (int)orig->op);
	snprintf(name, sizeof(name), "%s", v ? v->name : "unknown");
	for (i = 0; name[i] != '\0'; i++)
		name[i] = (char)tolower((unsigned char)name[i]);
	return turn_refuse(t, rc, "the %s role may not reverse entry %llu, "
	    "a %s: %s", role, (unsigned long long)orig->seq, name, funding ?
	    "funding is reversed by accounting or admin" : "entries on a "
	    "course are reversed by a caseworker or admin");
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
	int		 rc, has_course = 0;

	if (*m->reason == '\0')
		return turn_refuse(t, BB_BAD_REQUEST,
		    "a reversal needs a reason");
	if ((rc = turn_text(t, "reason", m->reason, TEXT_FREE)) != BB_OK)
		return rc;
	if (m->seq == 0 || m->seq >= t->next_seq)
		return turn_refuse(t, BB_NOT_FOUND, "no entry %llu",
		    (unsigned long long)m->seq);
	if ((rc = journal_leaf(t->txn, m->seq, &leaf, &len)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	if ((orig = journal_decode(leaf, len)) == NULL)
		return BB_INTERNAL;
	if ((rc = reverse_allowed(t, orig)) != BB_OK)
		goto done;
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
