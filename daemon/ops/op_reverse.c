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
reverse_window(struct turn *t, int rc, const struct course *c,
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

/* Why undoing the original's effect was refused, in words, from the
 * state the refusal left as it was. */
static int
reverse_refused(struct turn *t, int rc, const PbEntry *orig)
{
	char		 a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	struct course	 c;
	struct pool	 p;
	int64_t		 spent;

	if (orig->op == BORGERBUDGET__V1__ENTRY_OP__POOL_FUND) {
		if (rc != BB_POOL_INSUFFICIENT ||
		    state_pool_get(t->txn, orig->pool, &p) != BB_OK)
			return turn_amount(t, orig->amount);
		return turn_refuse(t, rc, "the pool no longer holds the "
		    "funding: pool %s holds %s, less than the %s of entry "
		    "%llu", p.slug, money_format(pool_balance(&p), b,
		    sizeof(b)), money_format(orig->amount, a, sizeof(a)),
		    (unsigned long long)orig->seq);
	}
	if (state_course_get(t->txn, orig->citizen, orig->course, &c) != BB_OK)
		return rc;
	if (rc == BB_COURSE_CLOSED)
		return turn_refuse(t, rc, "course %u of %s is closed",
		    c.number, c.citizen);
	money_format(orig->amount, a, sizeof(a));
	money_format(course_available(&c), b, sizeof(b));
	switch (orig->op) {
	case BORGERBUDGET__V1__ENTRY_OP__GRANT:
		if (rc == BB_INSUFFICIENT_FUNDS)
			return turn_refuse(t, rc, "the grant has been spent "
			    "or reserved: %s is available, less than the "
			    "grant of %s", b, a);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__SPEND:
		if (rc == BB_BAD_REQUEST && orig->amount <= c.spent &&
		    category_spent_get(t->txn, &c, orig->category, &spent) ==
		    BB_OK)
			return turn_refuse(t, rc, "the supplier has refunded "
			    "part of it: %s is spent on %s net, less than the "
			    "spend of %s; reverse the refund first",
			    money_format(spent, b, sizeof(b)), orig->category,
			    a);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__REFUND:
		if (rc == BB_INSUFFICIENT_FUNDS)
			return turn_refuse(t, rc, "the refund has been used: %s "
			    "is available, less than the refund of %s", b, a);
		break;
	default:
		break;
	}
	return reverse_window(t, rc, &c, orig);
}

/* Which entries a reversal can name at all. */
static int
reversible(struct turn *t, const PbEntry *orig)
{
	switch (orig->op) {
	case BORGERBUDGET__V1__ENTRY_OP__POOL_FUND:
	case BORGERBUDGET__V1__ENTRY_OP__GRANT:
	case BORGERBUDGET__V1__ENTRY_OP__SPEND:
	case BORGERBUDGET__V1__ENTRY_OP__REFUND:
		return BB_OK;
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
	if (funding)
		return turn_refuse(t, rc, "the %s role may not reverse entry "
		    "%llu, a %s: funding is reversed by accounting or admin",
		    role, (unsigned long long)orig->seq, name);
	return turn_refuse(t, rc, "the %s role may not reverse entry %llu, "
	    "a %s: entries on a course are reversed by a caseworker or admin",
	    role, (unsigned long long)orig->seq, name);
}

int
op_reverse(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Reverse	*m = op->reverse;
	PbEntry		 e = BORGERBUDGET__V1__ENTRY__INIT, *orig = NULL;
	const uint8_t	*leaf;
	uint64_t	 by;
	size_t		 len;
	int		 rc;

	if (*m->reason == '\0')
		return turn_refuse(t, BB_BAD_REQUEST,
		    "a reversal needs a reason");
	if ((rc = turn_text(t, N_("the reason"), m->reason, TEXT_FREE)) !=
	    BB_OK)
		return rc;
	if (m->seq == 0 || m->seq >= t->next_seq)
		return turn_refuse(t, BB_NOT_FOUND, "no entry %llu",
		    (unsigned long long)m->seq);
	if ((rc = entry_leaf(t->txn, m->seq, &leaf, &len)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	if ((orig = entry_decode(leaf, len)) == NULL)
		return BB_INTERNAL;
	if ((rc = reversible(t, orig)) != BB_OK)
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
	e.reverses = orig->seq;
	switch ((rc = entry_append(t, &e, m->reason))) {
	case BB_OK:
		res->seq = t->first_seq;
		break;
	case BB_PERMISSION_DENIED:
		rc = reverse_allowed(t, orig);
		break;
	case BB_ALREADY_REVERSED:
		if (state_reversal_get(t->txn, m->seq, &by) == BB_OK)
			rc = turn_refuse(t, rc, "entry %llu was reversed by "
			    "entry %llu", (unsigned long long)m->seq,
			    (unsigned long long)by);
		break;
	default:
		if (!rule_free(rc))
			rc = reverse_refused(t, rc, orig);
		break;
	}
done:
	entry_free(orig);
	return rc;
}
